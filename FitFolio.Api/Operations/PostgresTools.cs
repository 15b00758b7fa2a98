using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Npgsql;

namespace FitFolio.Api.Operations;

/// <summary>
/// pg_dump and pg_restore of the server's own major version: an older pg_dump refuses a newer
/// server, and a newer one writes archives an older pg_restore cannot read. Found the way
/// scripts/postgres.sh finds the server: Debian keeps each major version in /usr/lib/postgresql/N/bin.
/// </summary>
public sealed partial class PostgresTools
{
    private PostgresTools(string directory, int major)
    {
        Directory = directory;
        Major = major;
    }

    public string Directory { get; }

    public int Major { get; }

    public string PgDump => Path.Combine(Directory, "pg_dump");

    public string PgRestore => Path.Combine(Directory, "pg_restore");

    /// <summary>The tools matching the server that <paramref name="connectionString"/> reaches.</summary>
    public static async Task<PostgresTools> FindAsync(string connectionString, string? configuredDirectory, CancellationToken cancellationToken)
    {
        int major;
        await using (var connection = new NpgsqlConnection(connectionString))
        {
            await connection.OpenAsync(cancellationToken);
            major = connection.PostgreSqlVersion.Major;
        }

        var candidates = configuredDirectory is { Length: > 0 }
            ? [configuredDirectory]
            : new[] { $"/usr/lib/postgresql/{major}/bin" }
                .Concat((Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
                .ToList();
        var seen = new List<string>();
        foreach (var directory in candidates.Distinct(StringComparer.Ordinal))
        {
            if (!File.Exists(Path.Combine(directory, "pg_dump")) || !File.Exists(Path.Combine(directory, "pg_restore")))
            {
                continue;
            }

            var dumpMajor = await MajorVersionAsync(Path.Combine(directory, "pg_dump"), cancellationToken);
            var restoreMajor = await MajorVersionAsync(Path.Combine(directory, "pg_restore"), cancellationToken);
            if (dumpMajor == major && restoreMajor == major)
            {
                return new PostgresTools(directory, major);
            }

            seen.Add($"{directory} (version {dumpMajor})");
        }

        throw new PostgresToolException(
            $"pg_dump and pg_restore of PostgreSQL {major} (the server's version) were not found"
            + (seen.Count > 0 ? $"; found only {string.Join(", ", seen)}" : "")
            + $". Install postgresql-client-{major} or set Backup:PostgresBin.");
    }

    /// <summary>Runs a tool to completion; its standard error is passed through, and a failure is an exception.</summary>
    public static async Task RunAsync(ProcessStartInfo start, CancellationToken cancellationToken)
    {
        start.RedirectStandardError = true;
        start.RedirectStandardOutput = true;
        start.UseShellExecute = false;
        using var process = Process.Start(start) ?? throw new PostgresToolException($"{start.FileName} did not start.");
        var stdout = process.StandardOutput.BaseStream.CopyToAsync(Stream.Null, cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        await stdout;
        var errors = (await stderr).Trim();
        if (process.ExitCode != 0)
        {
            throw new PostgresToolException($"{Path.GetFileName(start.FileName)} failed (exit {process.ExitCode}): {errors}");
        }

        if (errors.Length > 0)
        {
            await Console.Error.WriteLineAsync(errors);
        }
    }

    private static async Task<int> MajorVersionAsync(string tool, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(tool) { ArgumentList = { "--version" }, RedirectStandardOutput = true, UseShellExecute = false };
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        var match = Version().Match(output);
        return match.Success ? int.Parse(match.Groups["major"].Value, CultureInfo.InvariantCulture) : -1;
    }

    // "pg_dump (PostgreSQL) 17.6 (Debian 17.6-0+deb13u1)"
    [GeneratedRegex(@"\(PostgreSQL\) (?<major>\d+)", RegexOptions.CultureInvariant)]
    private static partial Regex Version();
}
