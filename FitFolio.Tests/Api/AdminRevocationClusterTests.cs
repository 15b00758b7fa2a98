using System.Diagnostics;
using System.Net;
using FitFolio.Grains.Maintenance;
using FitFolio.Grains.Users;
using FitFolio.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace FitFolio.Tests.Api;

/// <summary>
/// Admin revocation and maintenance on three silos, with a silo killed in the middle: once the
/// revocation returns, no surviving silo accepts the sessions, and cleanup runs once per cluster.
/// </summary>
public sealed class AdminRevocationClusterTests(TestDatabase database) : IClassFixture<TestDatabase>, IAsyncLifetime
{
    private const string AdminEmail = "cluster-admin@fitfolio.example";
    private ApiCluster _cluster = null!;

    public async ValueTask InitializeAsync() =>
        _cluster = await ApiCluster.StartAsync(database.ConnectionString, 3, new Dictionary<string, string?>
        {
            ["RateLimits:VerifyPerIp:Limit"] = "1000",
            ["RateLimits:MagicLinkStartPerIp:Limit"] = "1000",
            ["RateLimits:MagicLinkStartPerEmail:Limit"] = "1000",
            ["RateLimits:MagicLinkStartPerEmailCap:Limit"] = "1000",
            ["RateLimits:GlobalPerIp:Limit"] = "1000000",
            ["RateLimits:GlobalPerAccount:Limit"] = "10000",
            ["Auth:AdminEmails:0"] = AdminEmail,
        });

    public ValueTask DisposeAsync() => _cluster.DisposeAsync();

    public enum MembershipChange
    {
        /// <summary>The user grain's silo dies without handing anything off.</summary>
        OwnerKilled,

        /// <summary>Another silo dies.</summary>
        BystanderKilled,

        /// <summary>The user grain's silo stops gracefully and hands its grains off.</summary>
        OwnerLeaves,

        /// <summary>A new silo joins the cluster.</summary>
        SiloJoins,
    }

    [Theory]
    [InlineData(MembershipChange.OwnerKilled)]
    [InlineData(MembershipChange.BystanderKilled)]
    [InlineData(MembershipChange.OwnerLeaves)]
    [InlineData(MembershipChange.SiloJoins)]
    public async Task Once_a_revocation_returns_no_silo_accepts_the_sessions_even_while_membership_changes(MembershipChange change)
    {
        var hosts = _cluster.Hosts.ToList();
        var email = $"{change}@example.com".ToLowerInvariant();
        var devices = new List<ApiClient>();
        foreach (var host in hosts)
        {
            devices.Add(await _cluster.SignInAsync(host, email));
        }

        var userId = (await devices[0].GetAsync("/api/v1/auth/me")).Body.GetProperty("id").GetString()!;
        var ownerSilo = await hosts[0].SiloOfAsync<IUserGrain>(Guid.Parse(userId).ToString("N"));
        var owner = hosts.Single(h => h.SiloAddress.Equals(ownerSilo));
        var victim = change switch
        {
            MembershipChange.OwnerKilled or MembershipChange.OwnerLeaves => owner,
            MembershipChange.BystanderKilled => hosts.First(h => h != owner),
            _ => null,
        };
        var survivors = hosts.Where(h => h != victim).ToList();
        using var admin = await _cluster.SignInAsync(survivors[0], AdminEmail);
        await admin.ProveWithNewPasskeyAsync();
        var watchers = devices.SelectMany(d => survivors.Select(h => ApiCluster.CloneOnto(d, h))).ToList();

        // Steady traffic from the victim's devices on the surviving silos throughout.
        var log = new System.Collections.Concurrent.ConcurrentBag<(long Started, HttpStatusCode Status)>();
        var clock = Stopwatch.StartNew();
        using var stop = new CancellationTokenSource();
        var traffic = watchers.Select(w => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var started = clock.ElapsedTicks;
                log.Add((started, (await w.GetAsync("/api/v1/auth/me")).Status));
            }
        })).ToList();

        var membershipChange = change switch
        {
            MembershipChange.OwnerKilled or MembershipChange.BystanderKilled => victim!.KillAsync(),
            MembershipChange.OwnerLeaves => victim!.StopAsync(),
            _ => _cluster.AddHostAsync(),
        };
        long revokedAt;
        while (true)
        {
            var response = await admin.PostAsync($"/api/v1/admin/users/{userId}/revoke-sessions");
            if (response.Status == HttpStatusCode.OK)
            {
                revokedAt = clock.ElapsedTicks;
                break;
            }

            // While the cluster notices the death, a call to the dead silo's grain fails cleanly (a 5xx JSON error); the admin tries again.
            Assert.True((int)response.Status >= 500 && response.ErrorCode is not null, response.Text);
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), "the revocation succeeded within 30 s of the change");
        }

        await membershipChange;
        await _cluster.WaitUntilWholeAsync();
        if (change == MembershipChange.SiloJoins)
        {
            // The newcomer never saw these sessions: it must refuse them too.
            watchers.AddRange(devices.Select(d => ApiCluster.CloneOnto(d, _cluster.Hosts[^1])));
        }

        await Eventually.TrueAsync(
            () => log.Count(e => e.Started > revokedAt) >= 2 * watchers.Count, TimeSpan.FromSeconds(30), "every watcher tried twice after the revocation");
        await stop.CancelAsync();
        await Task.WhenAll(traffic);

        var afterRevocation = log.Where(e => e.Started > revokedAt).ToList();
        Assert.DoesNotContain(afterRevocation, e => e.Status == HttpStatusCode.OK);
        foreach (var watcher in watchers)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await watcher.GetAsync("/api/v1/auth/me")).Status);
        }

        Assert.Equal(0L, await CountAsync("select count(*) from sessions where user_id = @id and revoked_at is null", ("id", Guid.Parse(userId))));
        if (victim is not null)
        {
            await _cluster.AddHostAsync();
            await _cluster.WaitUntilWholeAsync();
        }
    }

    [Fact]
    public async Task Maintenance_asked_on_every_silo_at_once_runs_once_for_the_cluster()
    {
        // A silo's own maintenance loop runs once at its start and then on its timer; when one of those lands between the reset
        // below and the three calls, it claims the run and all three rightly answer null. Then the round is set up again: the
        // property is about the three concurrent calls, so a round only counts once none of the silos' own runs got in first.
        MaintenanceReport?[] reports;
        var rounds = 0;
        do
        {
            rounds++;
            await using (var insert = database.DataSource.CreateCommand(
                """
                insert into users (id, email, created_at) values (gen_random_uuid(), 'never-verified@example.com', now() - interval '2 days');
                update maintenance_runs set last_run_at = 'epoch';
                """))
            {
                await insert.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
            }

            var running = _cluster.Hosts.Where(h => !h.Stopped).ToList();
            reports = await Task.WhenAll(
                running.Select(h => h.App.Services.GetRequiredService<ClusterMaintenance>().RunOnceAsync(TestContext.Current.CancellationToken)));
        }
        while (reports.All(r => r is null) && rounds < 5);

        var report = Assert.Single(reports, r => r is not null);
        Assert.Equal(1, report!.UnverifiedAccounts);
        Assert.Equal(0L, await CountAsync("select count(*) from users where email = 'never-verified@example.com'"));
    }

    private Task<long> CountAsync(string sql, params (string Name, object Value)[] parameters) => database.CountAsync(sql, parameters);
}
