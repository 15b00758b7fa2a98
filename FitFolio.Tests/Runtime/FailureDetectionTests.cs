using System.Diagnostics;
using System.Net;
using FitFolio.Tests.Infrastructure;

namespace FitFolio.Tests.Runtime;

/// <summary>
/// A crash, for real: three FitFolio.Api processes on production's failure-detection defaults
/// (1 s probes, 3 misses), one SIGKILLed. Its peers must notice by missed probes alone (a
/// TestingHost kill still marks itself dead), within the README's 10 s bound.
/// </summary>
public sealed class FailureDetectionTests(TestDatabase database, ITestOutputHelper output) : IClassFixture<TestDatabase>
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task A_SIGKILLed_silo_is_declared_dead_by_its_peers_within_ten_seconds_and_the_survivors_stay_ready()
    {
        await using var cluster = await ApiProcessCluster.StartAsync(database.ConnectionString, 3);
        var victim = cluster.Processes[2];
        var survivors = cluster.Processes.Take(2).ToList();

        var clock = Stopwatch.StartNew();
        await victim.KillAsync();
        await Eventually.TrueAsync(
            async () => await cluster.StatusOfAsync(victim) == SiloStatus.Dead, TimeSpan.FromSeconds(30), "the killed silo's row to say Dead");
        var declared = clock.Elapsed;
        output.WriteLine($"SIGKILL → declared Dead in Redis after {declared.TotalMilliseconds:0} ms");

        Assert.InRange(declared, TimeSpan.Zero, Bound);
        foreach (var survivor in survivors)
        {
            Assert.True(await survivor.IsReadyAsync(), $"{survivor.Name} is not ready after its peer died. Log:\n{survivor.LogTail()}");
            Assert.Equal(SiloStatus.Active, await cluster.StatusOfAsync(survivor));
        }
    }

    [Fact]
    public async Task A_SIGKILLed_silos_user_grain_answers_from_another_silo_within_ten_seconds()
    {
        await using var cluster = await ApiProcessCluster.StartAsync(database.ConnectionString, 3);
        using var browser = await cluster.SignInAsync(cluster.Processes[0], "crash@fitfolio.example");
        var me = await browser.GetAsync("/api/v1/auth/me");
        Assert.Equal(HttpStatusCode.OK, me.Status);
        var userGrain = GrainId.Create("user", me.Body.GetProperty("id").GetGuid().ToString("N"));
        var home = (await RedisDirectory.EntryAsync(cluster.ClusterId, userGrain))?.SiloAddress
            ?? throw new InvalidOperationException($"No directory entry {RedisDirectory.KeyOf(cluster.ClusterId, userGrain)} after sign-in.");
        var victim = cluster.Owner(home);
        var survivors = cluster.Processes.Where(p => p != victim).ToList();

        var clock = Stopwatch.StartNew();
        await victim.KillAsync();
        var answered = await Task.WhenAll(survivors.Select(async survivor =>
        {
            using var sameBrowser = ApiCluster.CloneOnto(browser, survivor.Client());
            await Eventually.TrueAsync(
                async () => (await sameBrowser.GetAsync("/api/v1/auth/me")).Status == HttpStatusCode.OK,
                TimeSpan.FromSeconds(30),
                $"/auth/me on {survivor.Name} to answer 200");
            return clock.Elapsed;
        }));
        output.WriteLine(
            $"SIGKILL of {victim.Name} (the user grain's silo) → /auth/me answered 200 on the survivors after " +
                $"{string.Join(" / ", answered.Select(t => $"{t.TotalMilliseconds:0} ms"))}");

        Assert.All(answered, elapsed => Assert.InRange(elapsed, TimeSpan.Zero, Bound));
        var newHome = (await RedisDirectory.EntryAsync(cluster.ClusterId, userGrain))?.SiloAddress;
        Assert.Contains(survivors, s => newHome is not null && s.Owns(newHome));
    }
}
