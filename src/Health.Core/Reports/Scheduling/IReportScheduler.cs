using Health.Core.Storage.Entities;

namespace Health.Core.Reports.Scheduling;

/// <summary>Where report jobs live (Hangfire in the web app). Our database is the source of truth; this only mirrors it.</summary>
public interface IReportScheduler
{
    /// <summary>Adds or updates the schedule's recurring job from its cron expression and time zone.</summary>
    void Schedule(ReportSchedule schedule);

    void Unschedule(int scheduleId);

    /// <summary>Delivers a run's undelivered destinations as soon as a worker is free.</summary>
    void Deliver(int runId);

    /// <summary>Makes and delivers the report that fell due at <paramref name="dueUtc"/> (a catch-up), as soon as a worker is free.</summary>
    void RunDue(int scheduleId, DateTime dueUtc);
}

/// <summary>No scheduler (the CLI): schedules are stored and their jobs registered when the web app starts.</summary>
internal sealed class NoReportScheduler : IReportScheduler
{
    public void Schedule(ReportSchedule schedule)
    {
    }

    public void Unschedule(int scheduleId)
    {
    }

    public void Deliver(int runId)
    {
    }

    public void RunDue(int scheduleId, DateTime dueUtc)
    {
    }
}
