namespace FitFolio.Grains.Maintenance;

/// <summary>What one maintenance run removed.</summary>
public sealed record MaintenanceReport(
    int UnverifiedAccounts,
    int MagicLinks,
    int Sessions,
    int StaleSessions,
    int EmailChanges,
    int CodeLockouts,
    int RecoveryCodeLockouts,
    int AuditEvents)
{
    /// <summary>Stored answers of idempotency keys older than their lifetime.</summary>
    public int IdempotencyKeys { get; init; }

    /// <summary>Grain-directory entries of dead silos removed from Redis after the SQL cleanup committed.</summary>
    public int DirectoryEntries { get; init; }
}
