using System.Text.Json;
using Hangfire;
using Health.Core.GitHub;
using Health.Core.Storage;
using Health.Web.Access;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Health.Web.Hosting;

/// <summary><c>/health</c>: the database, the job storage and the last GitHub answer, as JSON with one entry each (for operators).</summary>
internal static class HealthChecksSetup
{
    public static IHostApplicationBuilder AddHealthEndpoint(this IHostApplicationBuilder builder)
    {
        builder.Services.AddHealthChecks()
            .AddCheck<DatabaseCheck>("database")
            .AddCheck<JobStorageCheck>("jobs")
            .AddCheck<GitHubCheck>("github");
        return builder;
    }

    public static IEndpointRouteBuilder MapHealthEndpoint(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks("/health", new HealthCheckOptions
        {
            ResultStatusCodes =
            {
                [HealthStatus.Healthy] = StatusCodes.Status200OK,
                [HealthStatus.Degraded] = StatusCodes.Status200OK,
                [HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable,
            },
            ResponseWriter = WriteJsonAsync,
        });
        return app;
    }

    /// <summary>Anyone gets the overall status; only an operator (<see cref="OperatorAccess"/>) gets each check, its description and data.</summary>
    private static async Task WriteJsonAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        if (!AccessClaims.IsOperator(context.User))
        {
            await context.Response.WriteAsync(JsonSerializer.Serialize(new { status = report.Status.ToString() }, JsonOptions));
            return;
        }

        var body = new
        {
            status = report.Status.ToString(),
            checks = report.Entries.Select(e => new
            {
                name = e.Key,
                status = e.Value.Status.ToString(),
                description = e.Value.Description,
                data = e.Value.Data,
            }),
        };
        await context.Response.WriteAsync(JsonSerializer.Serialize(body, JsonOptions));
    }

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    private sealed class DatabaseCheck(IDbContextFactory<HealthDb> dbFactory) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            try
            {
                await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
                var tracked = await db.Repositories.CountAsync(r => r.RemovedAt == null, cancellationToken);
                var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).Count();
                var data = new Dictionary<string, object> { ["trackedRepositories"] = tracked, ["pendingMigrations"] = pending };
                return pending == 0
                    ? HealthCheckResult.Healthy($"{tracked} repositories tracked", data)
                    : HealthCheckResult.Degraded($"{pending} migrations not applied yet", data: data);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                return HealthCheckResult.Unhealthy($"The database cannot be read: {e.Message}");
            }
        }
    }

    private sealed class JobStorageCheck(JobStorage storage) : IHealthCheck
    {
        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            try
            {
                var stats = storage.GetMonitoringApi().GetStatistics();
                var data = new Dictionary<string, object>
                {
                    ["servers"] = stats.Servers,
                    ["enqueued"] = stats.Enqueued,
                    ["scheduled"] = stats.Scheduled,
                    ["processing"] = stats.Processing,
                    ["succeeded"] = stats.Succeeded,
                    ["failed"] = stats.Failed,
                    ["recurring"] = stats.Recurring,
                };
                return Task.FromResult(stats.Servers > 0
                    ? HealthCheckResult.Healthy($"{storage.GetType().Name}: {stats.Servers} server(s), {stats.Processing} job(s) running, {stats.Failed} failed", data)
                    : HealthCheckResult.Degraded($"{storage.GetType().Name}: no job server is running", data: data));
            }
            catch (Exception e)
            {
                return Task.FromResult(HealthCheckResult.Unhealthy($"The job storage cannot be read: {e.Message}"));
            }
        }
    }

    private sealed class GitHubCheck(GitHubStatus github) : IHealthCheck
    {
        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            if (github.Last is not { } last)
            {
                return Task.FromResult(HealthCheckResult.Healthy("No request to GitHub since the app started."));
            }

            var data = new Dictionary<string, object> { ["at"] = last.At, ["statusCode"] = last.StatusCode };
            if (last.RateLimitRemaining is { } remaining)
            {
                data["rateLimitRemaining"] = remaining;
            }

            if (last.RateLimitResetAt is { } reset)
            {
                data["rateLimitResetAt"] = reset;
            }

            return Task.FromResult(last.IsProblem
                ? HealthCheckResult.Degraded($"GitHub's last answer ({last.At:u}) was a problem: {last.Problem}", data: data)
                : HealthCheckResult.Healthy($"GitHub answered {last.StatusCode} at {last.At:u}", data));
        }
    }
}
