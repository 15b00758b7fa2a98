using FitFolio.Api.Auth;
using FitFolio.Bench.Infrastructure;
using FitFolio.Bench.Measurement;
using FitFolio.Bench.Reporting;
using FitFolio.Seed;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace FitFolio.Bench.Scenarios;

/// <summary>
/// <c>GET /api/v1/auth/me</c> as a crowd makes it: 1,000 generated people (FitFolio.Seed, one session each) signed in,
/// wrk rotating over their cookies so each request activates-or-finds another user grain. Measured in the same host in
/// turns with the same request with one of those sessions, so the ratio is what the crowd itself costs.
/// </summary>
internal sealed class MeManySessionsScenario : IScenario
{
    public const string OneSession = "GET /auth/me, 1 session (beside the crowd)";
    public const string Rotating = "GET /auth/me, crowd's sessions rotating";

    public string Id => "me-many";

    public async Task<IReadOnlyList<ScenarioResult>> RunAsync(BenchContext context)
    {
        var wrk = await WrkLoadGenerator.FindOrInstallAsync() ?? throw new InvalidOperationException("wrk not found; apt-get install wrk");
        // 1,000 people as the issue measured; 100 in --quick, which only proves the row still runs.
        var people = context.Options.Quick ? 100 : 1_000;
        var connectionString = await context.DatabaseAsync();
        SeedResult seeded;
        await using (var dataSource = NpgsqlDataSource.Create(connectionString))
        {
            seeded = await Seeder.RunAsync(dataSource, new SeedOptions { People = people, Seed = 4_001, Until = DateTimeOffset.UtcNow, Training = false });
        }

        await using var host = await FitFolioHost.StartAsync(connectionString);
        var cookies = host.App.Services.GetRequiredService<SessionCookie>();
        var headers = seeded.People.Select(p => $"ff_session={cookies.ValueOf(p.UserId, p.SessionSecrets[0])}").ToList();
        var script = RotatingCookieScript.Write("me-many", headers);
        // The one-session row goes through the same script (a list of one): wrk's Lua costs CPU on the same two cores, and must not count as the crowd's.
        var oneScript = RotatingCookieScript.Write("me-one", headers[..1]);
        var load = HelloWorldScenario.Load;
        var options = context.Options;
        var url = new Uri(host.Address, "/api/v1/auth/me");
        await ActivateAllAsync(host, headers);
        var warmUp = WrkRounds.HostWarmUp(options, Environment.ProcessId);
        BenchContext.Progress(
            $"/auth/me over {people} seeded sessions ({seeded.Elapsed.TotalSeconds:0.0} s to seed); {WrkRounds.Plan(load, options, warmUp)}, rows in turns");
        try
        {
            // Every grain is active (ActivateAllAsync) before anything is measured: this is the steady crowd, not its arrival.
            var (rotating, one) = await WrkRounds.RunInTurnsAsync(
                load, wrk, url, options, () => new WrkRequest([], script), () => new WrkRequest([], oneScript), warmUp);
            return
            [
                Row(OneSession, one, "one of the seeded sessions (same script, a list of one), in turns with the rotating row in the same host", []),
                Row(Rotating, rotating, $"each request the next of {people} sessions (one per person, every grain active first)",
                    [new RatioTarget(OneSession, "one session", 0.9)]),
            ];
        }
        finally
        {
            File.Delete(script);
            File.Delete(oneScript);
        }
    }

    /// <summary>
    /// One request per session first, 16 at a time: each activates its user grain (a database read) and writes the
    /// session's first last-seen, which is the crowd arriving, not the steady load the rows compare.
    /// </summary>
    private static async Task ActivateAllAsync(FitFolioHost host, IReadOnlyList<string> cookieHeaders)
    {
        using var client = new HttpClient { BaseAddress = host.Address };
        await Parallel.ForEachAsync(cookieHeaders, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (cookie, cancellationToken) =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/auth/me");
            request.Headers.Add("Cookie", cookie);
            using var response = await client.SendAsync(request, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"A seeded session was refused: {(int)response.StatusCode}");
            }
        });
    }

    private static ScenarioResult Row(string name, WrkRoundsResult measured, string what, IReadOnlyList<RatioTarget> ratios) =>
        new(name, measured.Median.RequestsPerSecond, "req/s", Latency: measured.Median.Latency,
            Notes: $"{HelloWorldScenario.Load.Describe()}, {what}, every response 200; {Spread.Describe(measured.Rounds.Select(r => r.RequestsPerSecond))}",
            CpuPerOperation: measured.CpuPerRequest, Ratios: ratios);
}
