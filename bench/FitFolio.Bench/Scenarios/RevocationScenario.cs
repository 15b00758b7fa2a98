using System.Diagnostics;
using System.Globalization;
using System.Net;
using FitFolio.Bench.Infrastructure;
using FitFolio.Bench.Measurement;
using FitFolio.Bench.Reporting;
using FitFolio.TestMail;

namespace FitFolio.Bench.Scenarios;

/// <summary>
/// How long after an admin's revocation returns until every silo refuses the session, on three
/// FitFolio hosts (three silos) under steady /auth/me load. Each round: a new person signs in,
/// the session is used on every silo, the admin revokes it through one silo, and from the moment
/// the call returns each silo is asked again and again until it answers 401. The figure per
/// round is the slowest silo's. The design promises zero (the owning grain is the only copy, so
/// the first check after the return already refuses); the row measures what "immediately" costs
/// and counts any 200 seen after the return, which must stay 0.
/// </summary>
internal sealed class RevocationScenario : IScenario
{
    public const string Name = "Admin revocation -> refused on every silo";

    private const string AdminEmail = "bench-admin@fitfolio.example";

    public string Id => "revocation";

    public async Task<IReadOnlyList<ScenarioResult>> RunAsync(BenchContext context)
    {
        var database = await context.DatabaseAsync();
        await using var mail = new TestMailbox(maxStoredMessages: 1_000);
        await mail.StartAsync(0);
        // Each round is a sign-in from 127.0.0.1: the per-IP verify limit (10 a minute) is raised like the others.
        var settings = new Dictionary<string, string>
        {
            ["Auth:AdminEmails:0"] = AdminEmail,
            ["RateLimits:VerifyPerIp:Limit"] = FitFolioHost.RaisedLimitPerSecond.ToString(CultureInfo.InvariantCulture),
            ["RateLimits:VerifyPerIp:Window"] = "00:00:01",
        };
        var hosts = new List<FitFolioHost>();
        try
        {
            for (var i = 0; i < 3; i++)
            {
                hosts.Add(await FitFolioHost.StartAsync(database, mail, settings));
            }

            return [await MeasureAsync(context, hosts)];
        }
        finally
        {
            foreach (var host in hosts)
            {
                await host.DisposeAsync();
            }
        }
    }

    private static async Task<ScenarioResult> MeasureAsync(BenchContext context, IReadOnlyList<FitFolioHost> hosts)
    {
        var admin = await LinkSignIn.RunAsync(hosts[0], AdminEmail, provedWithPasskey: true);
        var loadUser = await LinkSignIn.RunAsync(hosts[0], "revocation-load@fitfolio.example");
        var rounds = context.Options.Quick ? 20 : 200;
        BenchContext.Progress($"revocation: 3 silos, {rounds} revocations under /auth/me load (16 callers over the 3 silos)");

        using var stop = new CancellationTokenSource();
        var loadClients = Enumerable.Range(0, 16).Select(i => Client(hosts[i % 3], loadUser.CookieHeader)).ToList();
        var loadLatency = loadClients.Select(_ => new LatencyRecorder()).ToList();
        var load = loadClients.Select((client, i) => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var sent = Stopwatch.GetTimestamp();
                using var response = await client.GetAsync("/api/v1/auth/me");
                loadLatency[i].Record(sent);
            }
        })).ToList();

        var recorder = new LatencyRecorder();
        var acceptedAfterReturn = 0;
        var checks = 0;
        var adminClient = Client(hosts[1], admin.CookieHeader, csrf: admin.CsrfCookie);
        var started = Stopwatch.GetTimestamp();
        for (var round = 0; round < rounds; round++)
        {
            var victim = await LinkSignIn.RunAsync(hosts[round % 3], $"revoked-{round}@fitfolio.example");
            var watchers = hosts.Select(h => Client(h, victim.CookieHeader)).ToList();
            foreach (var watcher in watchers)
            {
                using var warm = await watcher.GetAsync("/api/v1/auth/me");
                Expect(warm, HttpStatusCode.OK);
            }

            using (var revoke = await adminClient.PostAsync($"/api/v1/admin/users/{victim.User.Id}/revoke-sessions", content: null))
            {
                Expect(revoke, HttpStatusCode.OK);
            }

            var returned = Stopwatch.GetTimestamp();
            var slowest = await Task.WhenAll(watchers.Select(async watcher =>
            {
                while (true)
                {
                    using var response = await watcher.GetAsync("/api/v1/auth/me");
                    Interlocked.Increment(ref checks);
                    if (response.StatusCode == HttpStatusCode.Unauthorized)
                    {
                        return Stopwatch.GetTimestamp();
                    }

                    Interlocked.Increment(ref acceptedAfterReturn);
                }
            }));
            recorder.RecordTicks(slowest.Max() - returned);
            foreach (var watcher in watchers)
            {
                watcher.Dispose();
            }
        }

        var elapsed = Stopwatch.GetElapsedTime(started);
        await stop.CancelAsync();
        await Task.WhenAll(load);
        foreach (var client in loadClients)
        {
            client.Dispose();
        }

        adminClient.Dispose();
        var summary = LatencyRecorder.Summarize([recorder]);
        var background = LatencyRecorder.Summarize(loadLatency);
        // The value judged is the count of sessions still accepted after the revocation returned:
        // the promise is "refused at once", so anything above zero is a failure whatever the timing.
        return new ScenarioResult(
            Name,
            acceptedAfterReturn,
            "200s after return",
            Target: Target.AtMost(0),
            Latency: summary,
            Notes: string.Create(CultureInfo.InvariantCulture,
                $"{rounds} revocations; p50/p99 = from the admin call's return to a 401 on the slowest of 3 silos (one request's round trip: the first check refuses); {checks} checks; background /auth/me {background.Samples / elapsed.TotalSeconds:0} req/s over the 3 silos, its own p50 {background.P50.TotalMilliseconds:0.0} ms, p99 {background.P99.TotalMilliseconds:0.0} ms"));
    }

    private static HttpClient Client(FitFolioHost host, string cookieHeader, string? csrf = null)
    {
        var client = new HttpClient(new SocketsHttpHandler { UseCookies = false }) { BaseAddress = host.Address };
        client.DefaultRequestHeaders.TryAddWithoutValidation("Cookie", cookieHeader["Cookie: ".Length..]);
        if (csrf is not null)
        {
            client.DefaultRequestHeaders.Add("X-CSRF-Token", csrf);
            client.DefaultRequestHeaders.Add("Origin", FitFolioHost.Origin);
        }

        return client;
    }

    private static void Expect(HttpResponseMessage response, HttpStatusCode status)
    {
        if (response.StatusCode != status)
        {
            throw new InvalidOperationException(
                $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} answered {(int)response.StatusCode}, expected {(int)status}.");
        }
    }
}
