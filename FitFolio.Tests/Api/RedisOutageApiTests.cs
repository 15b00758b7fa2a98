using System.Diagnostics;
using System.Net;
using FitFolio.TestMail;
using FitFolio.Tests.Infrastructure;

namespace FitFolio.Tests.Api;

/// <summary>
/// The front door with Redis stopped (a redis-server of the test's own): readiness stays 200 and says
/// "degraded", signed-in people keep their sessions, a sign-in whose grains are running (the same
/// address again) goes through, one that needs new activations is a JSON 503 in bounded time, and
/// everything works again when Redis returns, with no restart. A replica started while Redis is down
/// exits 6, for its supervisor to start it again, and starts once Redis is back.
/// </summary>
public sealed class RedisOutageApiTests(TestDatabase database, ITestOutputHelper output) : IClassFixture<TestDatabase>
{
    // About 60 s each when the machine is quiet; a step that hangs fails the test, not the run.
    private const int Deadline = 150_000;

    [Fact(Timeout = Deadline)]
    public async Task Sessions_and_running_sign_ins_go_on_readiness_says_degraded_and_new_activations_answer_503_until_Redis_returns()
    {
        await using var redis = await DedicatedRedis.StartAsync();
        await using var postgres = await DedicatedPostgres.StartAsync();
        await using var mail = new TestMailbox();
        await mail.StartAsync(0, TestContext.Current.CancellationToken);
        var settings = new Dictionary<string, string?>(ApiFixture.GenerousLimits) { ["ConnectionStrings:Redis"] = redis.ConnectionString };
        await using var host = await ApiHost.StartAsync(postgres.ConnectionString, mail.Port, settings);
        using var client = host.Client();
        await client.PrimeAsync();
        await mail.SignInAsync(client, "steady@example.com");
        // One session check before the outage, so the grains a check calls (the user's, its rate limits) are running.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/auth/me")).Status);
        Assert.Equal("ready", (await client.GetAsync("/healthz/ready")).Body.GetProperty("status").GetString());

        await using var outage = await RedisOutage.BeginAsync(redis);

        var ready = await client.GetAsync("/healthz/ready");
        Assert.Equal(HttpStatusCode.OK, ready.Status);
        Assert.Equal("degraded", ready.Body.GetProperty("status").GetString());
        Assert.Equal("unreachable", ready.Body.GetProperty("checks").GetProperty("redis").GetString());
        Assert.Equal("joined", ready.Body.GetProperty("checks").GetProperty("cluster").GetString());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/auth/me")).Status);
        // The same address again: its rate limits, code and user grains are running, so no lookup in Redis is needed.
        using var again = host.Client();
        await mail.SignInAsync(again, "steady@example.com");
        Assert.Equal(HttpStatusCode.OK, (await again.GetAsync("/api/v1/auth/me")).Status);

        var clock = Stopwatch.StartNew();
        var cold = await client.PostAsync("/api/v1/auth/magic-link/start", new { email = "newcomer@example.com" });
        output.WriteLine($"A sign-in needing new activations answered {(int)cold.Status} after {clock.ElapsedMilliseconds} ms.");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, cold.Status);
        Assert.Equal("unavailable", cold.ErrorCode);
        Assert.True(cold.Headers.ContainsKey("Retry-After"));
        Assert.InRange(clock.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(40));
        // Still signed in after the refused sign-in, on both devices.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/auth/me")).Status);
        Assert.Equal(HttpStatusCode.OK, (await again.GetAsync("/api/v1/auth/me")).Status);

        await outage.EndAsync();
        var healing = Stopwatch.StartNew();
        await Eventually.TrueAsync(
            async () => (await client.GetAsync("/healthz/ready")).Json?.GetProperty("status").GetString() == "ready",
            TimeSpan.FromSeconds(30),
            "readiness to say ready once Redis returned");
        await Eventually.TrueAsync(
            async () => (await client.PostAsync("/api/v1/auth/magic-link/start", new { email = "newcomer@example.com" })).Status == HttpStatusCode.Accepted,
            TimeSpan.FromSeconds(30),
            "a new sign-in once Redis returned");
        output.WriteLine($"Healed {healing.ElapsedMilliseconds} ms after Redis returned.");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/auth/me")).Status);
    }

    [Fact(Timeout = Deadline)]
    public async Task A_replica_started_while_Redis_is_down_exits_6_naming_Redis_and_starts_once_Redis_is_back()
    {
        await using var redis = await DedicatedRedis.StartAsync();
        var environment = StartupTests.ValidEnvironment(database.ConnectionString);
        environment["ConnectionStrings__Redis"] = redis.ConnectionString;

        await using (var outage = await RedisOutage.BeginAsync(redis))
        {
            var clock = Stopwatch.StartNew();
            var (exitCode, stderr) = await StartupTests.RunAsync(environment);
            output.WriteLine($"Exited {exitCode} after {clock.ElapsedMilliseconds} ms: {stderr}");
            Assert.Equal(6, exitCode);
            var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.StartsWith("fitfolio: cannot reach Redis (ConnectionStrings:Redis)", line, StringComparison.Ordinal);
            Assert.InRange(clock.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(40));
        }

        // The supervisor's next try, with Redis back: the same settings start and the replica is ready.
        var logs = Path.Combine(Path.GetTempPath(), "fitfolio-redis-back-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(logs);
        try
        {
            var settings = environment
                .Where(setting => setting.Value is not null && setting.Key is not ("Silo__Port" or "ASPNETCORE_URLS"))
                .ToDictionary(setting => setting.Key, setting => setting.Value!);
            await using var process = ApiProcess.Start("redis-back", settings, logs);
            await process.WaitUntilReadyAsync(TimeSpan.FromSeconds(60));
        }
        finally
        {
            Directory.Delete(logs, recursive: true);
        }
    }
}
