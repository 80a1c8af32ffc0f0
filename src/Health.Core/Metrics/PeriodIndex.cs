using Health.Core.Metrics.Formulas;

namespace Health.Core.Metrics;

/// <summary>Maps an instant to the index of its period among consecutive periods: -1 before the first, <see cref="Count"/> after the last.</summary>
internal sealed class PeriodIndex(IReadOnlyList<DateTime> starts, PeriodKind kind)
{
    private readonly DateTime[] _starts = [.. starts];
    private readonly DateTime _end = starts.Count == 0 ? DateTime.MinValue : Periods.Next(starts[^1], kind);

    public int Count => _starts.Length;

    /// <summary>
    /// The periods a computation covers: from the first activity to <paramref name="now"/>, or those overlapping
    /// [<paramref name="from"/>, <paramref name="to"/>] (whole UTC days) when given; null when there is none (no activity and no range).
    /// </summary>
    public static PeriodIndex? Covering(DateTime? firstActivity, PeriodKind kind, DateTime now, DateOnly? from, DateOnly? to)
    {
        DateTime? first = from is { } f ? f.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc) : firstActivity;
        var last = to is { } t ? t.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc) : now;
        if (first is null)
        {
            return null;
        }

        var periods = new PeriodIndex(Periods.Range(first.Value, last, kind).ToList(), kind);
        return periods.Count == 0 ? null : periods;
    }

    public DateTime Start(int index) => _starts[index];

    public DateTime End(int index) => index + 1 < _starts.Length ? _starts[index + 1] : _end;

    public int Of(DateTime at)
    {
        if (_starts.Length == 0 || at < _starts[0])
        {
            return -1;
        }

        if (at >= _end)
        {
            return _starts.Length;
        }

        var i = Array.BinarySearch(_starts, at);
        return i >= 0 ? i : ~i - 1;
    }

    /// <summary>The index when <paramref name="at"/> falls inside the periods, else null.</summary>
    public int? Inside(DateTime? at) => at is { } t && Of(t) is var i && i >= 0 && i < _starts.Length ? i : null;
}
