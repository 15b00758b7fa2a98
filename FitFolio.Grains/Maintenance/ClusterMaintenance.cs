using FitFolio.Grains.Users;
using FitFolio.Silo.Directory;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using StackExchange.Redis;

namespace FitFolio.Grains.Maintenance;

/// <summary>
/// Housekeeping that must happen once per cluster, not once per silo: every silo wakes on the
/// interval, and only the one whose conditional update of <c>maintenance_runs</c> succeeds does
/// the work. Straight SQL: these are queries across users, not per-user state. The same run sweeps
/// the grain directory of entries left by crashed silos (<see cref="DirectorySweep"/>).
/// </summary>
public sealed partial class ClusterMaintenance(
    NpgsqlDataSource dataSource,
    DirectorySweep directory,
    IOptions<MaintenanceOptions> options,
    IOptions<AuthOptions> auth,
    ILogger<ClusterMaintenance> logger) : BackgroundService
{
    private const string Job = "cleanup";

    private static readonly TimeSpan CodeLockoutRetention = TimeSpan.FromDays(30);

    /// <summary>Runs the cleanup if no silo ran it within the interval; null when another silo has.</summary>
    public async Task<MaintenanceReport?> RunOnceAsync(CancellationToken cancellationToken = default)
    {
        var settings = options.Value;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var claim = new NpgsqlCommand(
            """
            insert into maintenance_runs (job) values (@job) on conflict do nothing;
            update maintenance_runs set last_run_at = now() where job = @job and last_run_at <= now() - @interval
            """, connection, transaction))
        {
            claim.Parameters.AddWithValue("job", Job);
            claim.Parameters.AddWithValue("interval", settings.Interval * 0.9);
            if (await claim.ExecuteNonQueryAsync(cancellationToken) < 1)
            {
                await transaction.RollbackAsync(cancellationToken);
                return null;
            }
        }

        var report = new MaintenanceReport(
            await DeleteAsync(
                connection,
                transaction,
                "delete from users where email_verified_at is null and created_at < now() - @age",
                settings.UnverifiedAccountLifetime,
                cancellationToken),
            await DeleteAsync(connection, transaction, "delete from magic_links where expires_at < now() - @age", TimeSpan.FromDays(1), cancellationToken),
            await DeleteAsync(
                connection,
                transaction,
                "delete from sessions where coalesce(revoked_at, expires_at) < now() - @age",
                settings.EndedSessionRetention,
                cancellationToken),
            await DeleteAsync(
                connection, transaction, "delete from sessions where rotated_at < now() - @age", auth.Value.SessionMaxUnrotatedAge, cancellationToken),
            await DeleteAsync(connection, transaction, "delete from email_changes where expires_at < now() - @age", TimeSpan.FromDays(1), cancellationToken),
            // A wrong code for any address, account or not, leaves a lockout row; one quiet for a month
            // (no lock in force) is forgotten, doubling included, so guessed addresses do not pile up.
            await DeleteQuietLockoutsAsync(connection, transaction, "email_code_lockouts", cancellationToken),
            await DeleteQuietLockoutsAsync(connection, transaction, "recovery_code_lockouts", cancellationToken),
            await DeleteAsync(
                connection, transaction, "delete from login_events where occurred_at < now() - @age", settings.AuditRetention, cancellationToken))
        {
            IdempotencyKeys = await DeleteAsync(
                connection, transaction, "delete from idempotency_keys where created_at < now() - @age", settings.IdempotencyKeyLifetime, cancellationToken),
        };
        await transaction.CommitAsync(cancellationToken);
        LogRan(
            report.UnverifiedAccounts,
            report.MagicLinks,
            report.Sessions,
            report.StaleSessions,
            report.EmailChanges,
            report.CodeLockouts,
            report.RecoveryCodeLockouts,
            report.AuditEvents,
            report.IdempotencyKeys);
        return report with { DirectoryEntries = await directory.SweepAsync(cancellationToken) };
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.Interval);
        try
        {
            do
            {
                try
                {
                    await RunOnceAsync(stoppingToken);
                }
                catch (Exception exception) when (exception is NpgsqlException or RedisException)
                {
                    LogFailed(exception.Message);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    private static async Task<int> DeleteAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, TimeSpan age, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        command.Parameters.AddWithValue("age", age);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    // The table name is one of the two constants above, never input: both lockout tables share these columns.
    private static Task<int> DeleteQuietLockoutsAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string table, CancellationToken cancellationToken) =>
        DeleteAsync(
            connection,
            transaction,
            $"delete from {table} where updated_at < now() - @age and (locked_until is null or locked_until < now())",
            CodeLockoutRetention,
            cancellationToken);

    [LoggerMessage(
        EventId = 4000,
        Level = LogLevel.Information,
        Message = "Maintenance removed {Accounts} unverified accounts, {Links} links, {Sessions} ended sessions, {StaleSessions} sessions unrotated too long, {EmailChanges} email changes, {CodeLockouts} code lockouts, {RecoveryCodeLockouts} recovery-code lockouts, {Events} audit events, {IdempotencyKeys} idempotency keys")]
    private partial void LogRan(
        int accounts,
        int links,
        int sessions,
        int staleSessions,
        int emailChanges,
        int codeLockouts,
        int recoveryCodeLockouts,
        int events,
        int idempotencyKeys);

    [LoggerMessage(EventId = 4001, Level = LogLevel.Warning, Message = "Maintenance could not run: {Reason}")]
    private partial void LogFailed(string reason);
}
