using System.Diagnostics;
using Npgsql;

namespace FitFolio.Api.Operations;

/// <summary>
/// <c>backup</c>: pg_dump of the configured database in custom format (compressed, restorable
/// table by table) to <c>Backup:Directory</c>, then the retention rule
/// (<see cref="BackupRetentionPolicy"/>) over that database's backups there.
/// </summary>
public static class BackupCommand
{
    private const UnixFileMode OwnerOnlyDirectory = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode OwnerOnlyFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    public static async Task<int> RunAsync(string[] args, TimeProvider? clock = null, CancellationToken cancellationToken = default)
    {
        var configuration = CommandConfiguration.Build(args);
        var connectionString = CommandConfiguration.ConnectionString(configuration);
        var options = CommandConfiguration.Backup(configuration);
        var database = new NpgsqlConnectionStringBuilder(connectionString).Database!;
        var tools = await PostgresTools.FindAsync(connectionString, options.PostgresBin, cancellationToken);

        var directory = Path.GetFullPath(options.Directory);
        // Backups hold every account's data: only the owner may list or read them.
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(directory);
        }
        else
        {
            Directory.CreateDirectory(directory, OwnerOnlyDirectory);
        }

        var now = (clock ?? TimeProvider.System).GetUtcNow();
        var path = Path.Combine(directory, BackupFile.NameFor(database, now));
        if (File.Exists(path))
        {
            throw new PostgresToolException($"{path} already exists; one backup per second at most.");
        }

        // Written under another name and renamed when complete and readable, so a crash or a full
        // disk never leaves a partial file that retention would count as a backup.
        var partial = path + ".partial";
        try
        {
            var dump = new ProcessStartInfo(tools.PgDump) { ArgumentList = { "--format=custom", "--no-password", "--file=" + partial } };
            LibpqEnvironment.Apply(dump, connectionString, database);
            await PostgresTools.RunAsync(dump, cancellationToken);
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(partial, OwnerOnlyFile);
            }

            var check = new ProcessStartInfo(tools.PgRestore) { ArgumentList = { "--list", partial } };
            await PostgresTools.RunAsync(check, cancellationToken);
            File.Move(partial, path);
        }
        finally
        {
            File.Delete(partial);
        }

        Console.WriteLine($"fitfolio: backup of {database} written to {path} ({new FileInfo(path).Length:N0} bytes, pg_dump {tools.Major})");

        var policy = new BackupRetentionPolicy(options.KeepDaily, options.KeepWeekly, options.KeepMonthly);
        var backups = BackupFile.List(directory, database);
        var expired = policy.Expired(backups.Select(b => b.TakenAt), now.UtcDateTime).ToHashSet();
        foreach (var backup in backups.Where(b => expired.Contains(b.TakenAt)))
        {
            File.Delete(backup.Path);
            Console.WriteLine($"fitfolio: retention removed {Path.GetFileName(backup.Path)}");
        }

        Console.WriteLine($"fitfolio: {backups.Count - expired.Count} backup(s) of {database} kept in {directory}");
        return 0;
    }
}
