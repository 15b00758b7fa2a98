using FitFolio.Bench.Infrastructure;
using FitFolio.Bench.Measurement;
using FitFolio.Bench.Reporting;

namespace FitFolio.Bench.Scenarios;

/// <summary>
/// <c>GET /api/v1/auth/me</c> with a live session on a whole FitFolio host (one silo): the
/// request a signed-in app makes most. The session is made through the real link flow, then wrk
/// replays the browser's cookies. The session check is a call to the user grain, which answers
/// from memory; this row is what that design buys against <see cref="SqlSessionScenario"/>.
/// </summary>
internal sealed class MeScenario : IScenario
{
    public const string Name = "GET /auth/me, session in user grain";

    public string Id => "me";

    public IReadOnlyList<string> Baselines => ["hello", "me-sql"];

    public async Task<IReadOnlyList<ScenarioResult>> RunAsync(BenchContext context)
    {
        var wrk = await WrkLoadGenerator.FindOrInstallAsync() ?? throw new InvalidOperationException("wrk not found; apt-get install wrk");
        await using var host = await FitFolioHost.StartAsync(await context.DatabaseAsync());
        var signedIn = await LinkSignIn.RunAsync(host, "me-bench@fitfolio.example");

        var load = HelloWorldScenario.Load;
        var options = context.Options;
        BenchContext.Progress(
            $"/auth/me: signed in as {signedIn.User.Email}; {WrkRounds.Plan(load, options, WrkRounds.HostWarmUp(options, Environment.ProcessId))}");
        var request = new WrkRequest([signedIn.CookieHeader]);
        var measured = await WrkRounds.RunAsync(
            load, wrk, new Uri(host.Address, "/api/v1/auth/me"), options, () => request, WrkRounds.HostWarmUp(options, Environment.ProcessId));
        return
        [
            new ScenarioResult(
                Name,
                measured.Median.RequestsPerSecond,
                "req/s",
                Latency: measured.Median.Latency,
                Notes: $"{load.Describe()}, one session, every response 200; per-IP limit raised; " +
                    $"{Spread.Describe(measured.Rounds.Select(r => r.RequestsPerSecond))}; after {measured.WarmUp.TotalSeconds:0} s of warm-up",
                CpuPerOperation: measured.CpuPerRequest,
                Ratios: [new RatioTarget(ResultTable.HelloWorld, "hello-world", 0.6), new RatioTarget(SqlSessionScenario.Name, "SQL lookup", 8)]),
        ];
    }
}
