using FitFolio.Api.Hosting;
using FitFolio.Grains.Common;
using FitFolio.Silo.Readiness;

namespace FitFolio.Api.Apis;

/// <summary>
/// Liveness (the process answers) and readiness (joined the cluster, PostgreSQL answers, not shutting
/// down). Redis unreachable is "degraded", still 200: running silos keep serving (RUNBOOK.md).
/// </summary>
public static class HealthApi
{
    public sealed record HealthReport(string Status, IReadOnlyDictionary<string, string> Checks);

    public static IEndpointRouteBuilder MapHealthApi(this IEndpointRouteBuilder app)
    {
        var health = app.MapGroup("/healthz").WithTags("Health");
        health.MapGet("/live", () => TypedResults.Ok(new HealthReport("live", new Dictionary<string, string>())))
            .WithName("Live").WithSummary("Liveness").WithDescription("200 while the process runs.");
        health.MapGet("/ready", ReadyAsync)
            .WithName("Ready").WithSummary("Readiness").WithDescription(
                "200 when this silo is in the cluster and PostgreSQL answers (status degraded when Redis does not); 503 otherwise, and from the moment it is asked to stop.")
            .Produces<HealthReport>().Produces<HealthReport>(StatusCodes.Status503ServiceUnavailable);
        return app;
    }

    private static async Task<IResult> ReadyAsync(
        ClusterReadiness cluster, DatabaseProbe database, RedisHealth redis, ShutdownDrain drain, CancellationToken cancellationToken)
    {
        if (drain.IsDraining)
        {
            // Answered without touching the database: the proxy must see this at once, however busy PostgreSQL is.
            return TypedResults.Json(
                new HealthReport("not_ready", new Dictionary<string, string> { ["shutdown"] = "draining" }),
                statusCode: StatusCodes.Status503ServiceUnavailable);
        }

        var redisCheck = redis.IsReachableAsync(cancellationToken);
        var reachable = await database.ProbeAsync(cancellationToken);
        var redisReachable = await redisCheck;
        var active = cluster.IsActive;
        var ready = reachable && active;
        var report = new HealthReport(!ready ? "not_ready" : redisReachable ? "ready" : "degraded", new Dictionary<string, string>
        {
            ["database"] = reachable ? "ok" : "unreachable",
            ["cluster"] = active ? "joined" : "not_joined",
            // Without Redis: calls to running grains go on; new activations and membership changes wait for it.
            ["redis"] = redisReachable ? "ok" : "unreachable",
        });
        return TypedResults.Json(report, statusCode: ready ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
    }
}
