using FitFolio.Grains.Maintenance;
using FitFolio.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace FitFolio.Tests.Api;

public sealed class MaintenanceTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    [Fact]
    public async Task Unverified_accounts_older_than_a_day_are_purged_once_per_cluster_and_verified_ones_stay()
    {
        using var verified = await api.SignedInClientAsync("keeper@example.com");
        await StartUpRunDoneAsync();
        await ExecuteAsync(
            """
            insert into users (id, email, created_at) values (gen_random_uuid(), 'stale@example.com', now() - interval '25 hours'),
                                                           (gen_random_uuid(), 'fresh@example.com', now() - interval '1 hour');
            update users set created_at = now() - interval '30 days' where email = 'keeper@example.com';
            update maintenance_runs set last_run_at = 'epoch';
            """);
        var maintenance = api.Host.App.Services.GetRequiredService<ClusterMaintenance>();

        var runs = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => maintenance.RunOnceAsync(TestContext.Current.CancellationToken)));

        var report = Assert.Single(runs, r => r is not null);
        Assert.Equal(1, report!.UnverifiedAccounts);
        Assert.Equal(0L, await CountAsync("select count(*) from users where email = 'stale@example.com'"));
        Assert.Equal(1L, await CountAsync("select count(*) from users where email = 'fresh@example.com'"));
        Assert.Equal(System.Net.HttpStatusCode.OK, (await verified.GetAsync("/api/v1/auth/me")).Status);
    }

    [Fact]
    public async Task Code_lockouts_quiet_for_a_month_are_forgotten_and_locks_in_force_stay()
    {
        await StartUpRunDoneAsync();
        await ExecuteAsync(
            """
            insert into email_code_lockouts (email, failures, locked_until, lockouts, updated_at) values
              ('guessed-long-ago@example.com', 3, null, 2, now() - interval '31 days'),
              ('guessed-lately@example.com', 3, null, 0, now() - interval '1 day'),
              ('still-locked@example.com', 0, now() + interval '1 hour', 9, now() - interval '31 days');
            update maintenance_runs set last_run_at = 'epoch';
            """);

        var report = await api.Host.App.Services.GetRequiredService<ClusterMaintenance>().RunOnceAsync(TestContext.Current.CancellationToken);

        Assert.Equal(1, report!.CodeLockouts);
        Assert.Equal(
            2L, await CountAsync("select count(*) from email_code_lockouts where email in ('guessed-lately@example.com', 'still-locked@example.com')"));
    }

    [Fact]
    public async Task Recovery_code_lockouts_quiet_for_a_month_are_forgotten_and_locks_in_force_stay()
    {
        await StartUpRunDoneAsync();
        await ExecuteAsync(
            """
            insert into recovery_code_lockouts (email, failures, locked_until, lockouts, updated_at) values
              ('recovery-guessed-long-ago@example.com', 3, null, 2, now() - interval '31 days'),
              ('recovery-lock-ended@example.com', 0, now() - interval '30 days', 1, now() - interval '31 days'),
              ('recovery-guessed-lately@example.com', 3, null, 0, now() - interval '1 day'),
              ('recovery-still-locked@example.com', 0, now() + interval '1 hour', 9, now() - interval '31 days');
            update maintenance_runs set last_run_at = 'epoch';
            """);

        var report = await api.Host.App.Services.GetRequiredService<ClusterMaintenance>().RunOnceAsync(TestContext.Current.CancellationToken);

        Assert.Equal(2, report!.RecoveryCodeLockouts);
        Assert.Equal(
            2L,
            await CountAsync(
                "select count(*) from recovery_code_lockouts where email in ('recovery-guessed-lately@example.com', 'recovery-still-locked@example.com')"));
        Assert.Equal(
            0L,
            await CountAsync(
                "select count(*) from recovery_code_lockouts where email in ('recovery-guessed-long-ago@example.com', 'recovery-lock-ended@example.com')"));
    }

    /// <summary>
    /// The host runs maintenance once as it starts; a test that marks the job due must do so after
    /// that run, or the start-up run takes the claim (and the test's rows) in between.
    /// </summary>
    private Task StartUpRunDoneAsync() =>
        Eventually.TrueAsync(
            async () => await CountAsync("select count(*) from maintenance_runs where job = 'cleanup' and last_run_at > 'epoch'") == 1,
            TimeSpan.FromSeconds(30),
            "the start-up maintenance run");

    private async Task ExecuteAsync(string sql)
    {
        await using var command = api.Database.DataSource.CreateCommand(sql);
        await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
    }

    private Task<long> CountAsync(string sql, params (string Name, object Value)[] parameters) => api.Database.CountAsync(sql, parameters);
}
