using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using FitFolio.Api.Auth;
using FitFolio.Bench.Infrastructure;
using FitFolio.Bench.Reporting;
using FitFolio.Seed;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace FitFolio.Bench.Scenarios;

/// <summary>
/// What a signed-in person costs a silo, and whether it all goes when they leave: a whole FitFolio host (its co-hosted
/// silo in this process, so a full blocking GC and <see cref="GC.GetTotalMemory"/> see the silo's heap exactly) with a
/// short idle timeout (Orleans' CollectionAge). 5,000 seeded people (100 with <c>--quick</c>) each check their session
/// (their user grain) and start a workout (their training grain); the heap after full collections, per person, is
/// judged (&lt;= 8 KB), with the user and the training share apart. Then nobody calls, idle collection deactivates
/// them, and the heap must come back within 10 % of what it was before they came. The full run waits for Orleans'
/// collector on its own schedule (idle timeout 2 minutes, looked for every 10 s; an activation leaves one to two timeouts
/// after its last call); <c>--quick</c>, which must take seconds,
/// runs the same collector at once with <see cref="IManagementGrain.ForceActivationCollection(TimeSpan)"/> (age 2 s).
/// </summary>
internal sealed class CrowdMemoryScenario : IScenario
{
    public const string PerPerson = "Memory per signed-in person (user + training grains)";
    public const string AfterLeaving = "Heap after the crowd left (idle collection) vs before";

    public string Id => "crowd-memory";

    public async Task<IReadOnlyList<ScenarioResult>> RunAsync(BenchContext context)
    {
        var quick = context.Options.Quick;
        var people = quick ? 100 : 5_000;
        // People who come first so JIT, pools (32 at a time, as the crowd) and first-use caches are in the baseline, not in the figure.
        const int early = 64;
        // Long enough that nobody is collected while the crowd is still arriving (the row checks: 300 took 9 s at load 50), short enough to wait for.
        var idle = TimeSpan.FromMinutes(2);
        var interval = TimeSpan.FromSeconds(10);
        var quiet = TimeSpan.FromSeconds(2);
        var connectionString = await context.DatabaseAsync();
        SeedResult seeded;
        await using (var dataSource = NpgsqlDataSource.Create(connectionString))
        {
            seeded = await Seeder.RunAsync(
                dataSource, new SeedOptions { People = early + people, Seed = 4_019, Until = DateTimeOffset.UtcNow, Training = false });
        }

        await using var host = await FitFolioHost.StartAsync(connectionString, extraSettings: new Dictionary<string, string>
        {
            ["Silo:IdleTimeout"] = idle.ToString("c", CultureInfo.InvariantCulture),
            ["Silo:CollectionInterval"] = interval.ToString("c", CultureInfo.InvariantCulture),
        });
        var cookies = host.App.Services.GetRequiredService<SessionCookie>();
        using var client = new HttpClient(new SocketsHttpHandler { UseCookies = false }) { BaseAddress = host.Address };
        var headers = seeded.People.Select(p => $"ff_session={cookies.ValueOf(p.UserId, p.SessionSecrets[0])}; ff_csrf={Csrf}").ToList();

        await ArriveAsync(client, headers[..early], "/api/v1/auth/me", HttpStatusCode.OK);
        await ArriveAsync(client, headers[..early], "/api/v1/training/workouts", HttpStatusCode.Created);
        var baseline = FullGc.LiveBytes();
        var before = await ActivationsAsync(host);
        BenchContext.Progress(
            $"crowd memory: {people:N0} people arrive (idle timeout {idle.TotalSeconds:0} s); heap before {baseline / 1024.0 / 1024:0.0} MiB");

        var arrival = Stopwatch.StartNew();
        await ArriveAsync(client, headers[early..], "/api/v1/auth/me", HttpStatusCode.OK);
        var afterUsers = FullGc.LiveBytes();
        await ArriveAsync(client, headers[early..], "/api/v1/training/workouts", HttpStatusCode.Created);
        var afterTraining = FullGc.LiveBytes();
        var arrivalTime = arrival.Elapsed;
        var during = await ActivationsAsync(host);
        var grown = Describe(before, during);
        if (Count(during, "UserGrain") - Count(before, "UserGrain") < people || Count(during, "TrainingGrain") - Count(before, "TrainingGrain") < people)
        {
            throw new InvalidOperationException(
                $"Not every person was active when measured (arrival {arrivalTime.TotalSeconds:0.0} s, idle timeout {idle}): {grown}");
        }

        // Nobody calls now: wait for idle collection to deactivate them all, then measure the heap again. An activation goes
        // between one and two idle timeouts after its last call: when its collection ticket comes due and it has not been
        // idle that long (here: a user grain called again by the training arrival), Orleans' collector (ScanStale)
        // schedules it a whole CollectionAge later. Measured: the user grains left 35 s after the training grains with a
        // 45 s timeout, and were all still there at 220 s with 2 minutes, when this waited one timeout plus a minute.
        var left = Stopwatch.StartNew();
        var deadline = (2 * idle) + (2 * interval) + TimeSpan.FromSeconds(60);
        var remaining = during;
        if (quick)
        {
            await Task.Delay(quiet);
            await host.Grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(quiet);
            interval = TimeSpan.FromMilliseconds(250);
            deadline = TimeSpan.FromSeconds(20);
        }

        while ((Count(remaining, "UserGrain") > 0 || Count(remaining, "TrainingGrain") > 0) && left.Elapsed < deadline)
        {
            await Task.Delay(interval);
            remaining = await ActivationsAsync(host);
        }

        var leftTime = left.Elapsed;
        var after = FullGc.LiveBytes();
        var perPerson = (afterTraining - baseline) / (double)people;
        var userShare = (afterUsers - baseline) / (double)people;
        var trainingShare = (afterTraining - afterUsers) / (double)people;
        var growth = (after - baseline) * 100.0 / baseline;
        var how = quick
            ? string.Create(CultureInfo.InvariantCulture, $"the collector run at once for activations idle {quiet.TotalSeconds:0} s")
            : string.Create(CultureInfo.InvariantCulture, $"Silo:IdleTimeout {idle.TotalSeconds:0} s, CollectionInterval {interval.TotalSeconds:0} s");
        return
        [
            new ScenarioResult(
                PerPerson,
                perPerson,
                "bytes",
                Target.AtMost(8 * 1024),
                Notes: string.Create(CultureInfo.InvariantCulture,
                    $"{people:N0} people, full blocking GCs; user grain (session checked) {userShare:N0} B, training grain (workout started) " +
                        $"{trainingShare:N0} B; activations added: {grown}; arrival {arrivalTime.TotalSeconds:0.0} s")),
            new ScenarioResult(
                AfterLeaving,
                growth,
                "% growth",
                Target.AtMost(10),
                Notes: string.Create(CultureInfo.InvariantCulture,
                    $"{baseline / 1048576.0:0.0} MiB before, {afterTraining / 1048576.0:0.0} MiB with the crowd, {after / 1048576.0:0.0} MiB " +
                        $"{leftTime.TotalSeconds:0} s after the last call ({how}); still active: {Count(remaining, "UserGrain")} user, " +
                        $"{Count(remaining, "TrainingGrain")} training grains")),
        ];
    }

    private const string Csrf = "crowd-bench-csrf-token-0123456789abcdefghij";

    /// <summary>One request per person, 32 at a time: a GET reads the session (user grain), a POST starts a workout (training grain).</summary>
    private static Task ArriveAsync(HttpClient client, IReadOnlyList<string> cookieHeaders, string path, HttpStatusCode expected) =>
        Parallel.ForEachAsync(cookieHeaders, new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (cookie, cancellationToken) =>
        {
            var post = expected == HttpStatusCode.Created;
            using var request = new HttpRequestMessage(post ? HttpMethod.Post : HttpMethod.Get, path);
            request.Headers.Add("Cookie", cookie);
            if (post)
            {
                request.Content = JsonContent.Create(new { name = "Evening" });
                request.Headers.Add("X-CSRF-Token", Csrf);
                request.Headers.Add("Origin", FitFolioHost.Origin);
            }

            using var response = await client.SendAsync(request, cancellationToken);
            if (response.StatusCode != expected)
            {
                var text = await response.Content.ReadAsStringAsync(cancellationToken);
                throw new InvalidOperationException($"{request.Method} {path} answered {(int)response.StatusCode}: {text}");
            }
        });

    private static async Task<Dictionary<string, int>> ActivationsAsync(FitFolioHost host) =>
        (await host.Grains.GetGrain<IManagementGrain>(0).GetSimpleGrainStatistics())
            .GroupBy(s => ShortName(s.GrainType))
            .ToDictionary(g => g.Key, g => g.Sum(s => s.ActivationCount));

    // Orleans names a grain class "namespace.type,assembly".
    private static string ShortName(string grainType) => grainType.Split(',')[0].Split('.')[^1];

    private static int Count(Dictionary<string, int> activations, string type) => activations.GetValueOrDefault(type);

    private static string Describe(Dictionary<string, int> before, Dictionary<string, int> after) =>
        string.Join(", ", after.Select(a => (a.Key, Added: a.Value - Count(before, a.Key))).Where(a => a.Added != 0).OrderByDescending(a => a.Added)
            .Select(a => $"{a.Added:N0} {a.Key}"));
}
