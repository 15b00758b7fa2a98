namespace FitFolio.Api.Database;

/// <summary>An already-applied migration file was edited; the fix is a new migration, never an edit.</summary>
public sealed class MigrationChecksumException(Migration migration, string appliedChecksum)
    : Exception(
        $"Migration {migration.Number:000}_{migration.Name}.sql was edited after it was applied (applied checksum {appliedChecksum[..12]}, file checksum {migration.Checksum[..12]}). Add a new migration instead.")
{
    public Migration Migration { get; } = migration;
}
