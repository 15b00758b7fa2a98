using System.Diagnostics;
using System.Text.RegularExpressions;
using FitFolio.Silo.Hosting;
using FitFolio.Silo.Readiness;
using Npgsql;
using StackExchange.Redis;

namespace FitFolio.Api.Operations;

/// <summary>
/// <c>restore FILE [--database NAME] [--force]</c>: pg_restore of a <c>backup</c> file into a
/// database on the configured server (default: the configured database), in one transaction, so a
/// failed restore leaves the database empty rather than half-restored. A database that already
/// holds tables is refused unless <c>--force</c>, which drops and recreates it. While a silo of the
/// configured cluster (<c>Cluster:Id</c>) is running, by its Orleans membership row in Redis
/// (<c>ConnectionStrings:Redis</c>), every restore is refused, forced or not: running silos would
/// write their memory over the restored rows.
/// </summary>
public static partial class RestoreCommand
{
    public const string Usage = "usage: fitfolio restore FILE [--database NAME] [--force]";

    /// <summary>
    /// An Active row whose silo wrote that it was alive this recently is taken as running. Silos
    /// write every <c>Silo:TableRefreshInterval</c> (5 s by default); a killed silo's row stays
    /// Active until its peers declare it dead, or for ever when none is left to do it.
    /// </summary>
    private static readonly TimeSpan LiveSiloWindow = TimeSpan.FromSeconds(30);

    public static async Task<int> RunAsync(string[] args, CancellationToken cancellationToken = default)
    {
        if (!TryParse(args, out var file, out var target, out var force, out var rest))
        {
            await Console.Error.WriteLineAsync(Usage);
            return 64;
        }

        if (!File.Exists(file))
        {
            await Console.Error.WriteLineAsync($"fitfolio: no backup file {file}");
            return 66;
        }

        var configuration = CommandConfiguration.Build(rest);
        var connectionString = CommandConfiguration.ConnectionString(configuration);
        var options = CommandConfiguration.Backup(configuration);
        var database = target ?? new NpgsqlConnectionStringBuilder(connectionString).Database!;
        if (!DatabaseName().IsMatch(database))
        {
            await Console.Error.WriteLineAsync($"fitfolio: '{database}' is not a database name this command creates (letters, digits, _ and -, up to 63).");
            return 64;
        }

        // CREATE and DROP DATABASE run from the server's maintenance database.
        var maintenance = new NpgsqlConnectionStringBuilder(connectionString) { Database = "postgres", Pooling = false }.ConnectionString;
        var tools = await PostgresTools.FindAsync(maintenance, options.PostgresBin, cancellationToken);
        var cluster = FitFolio.Silo.Hosting.SiloBuilderExtensions.ClusterId(configuration);
        var redis = RedisConnection.Read(configuration);
        int liveSilos;
        try
        {
            liveSilos = await LiveSilosAsync(redis, cluster);
        }
        catch (RedisException exception)
        {
            // Not knowing is not "none running": refuse rather than restore under live silos.
            await Console.Error.WriteLineAsync(
                $"fitfolio: cannot read cluster {cluster}'s membership from Redis ({exception.Message}); restore needs it to know that no silo is running.");
            return 1;
        }

        if (liveSilos > 0)
        {
            await Console.Error.WriteLineAsync(
                $"fitfolio: {liveSilos} silo(s) of cluster {cluster} are running; stop every FitFolio process before restoring into {database}.");
            return 1;
        }

        var state = await InspectAsync(connectionString, maintenance, database, cancellationToken);
        if (state.Tables > 0 && !force)
        {
            await Console.Error.WriteLineAsync(
                $"fitfolio: database {database} is not empty ({state.Tables} tables); restore into another --database, or add --force to drop and recreate it.");
            return 1;
        }

        await using (var admin = new NpgsqlConnection(maintenance))
        {
            await admin.OpenAsync(cancellationToken);
            var quoted = "\"" + database + "\"";
            if (state.Exists && state.Tables > 0)
            {
                await ExecuteAsync(admin, $"drop database {quoted} with (force)", cancellationToken);
            }

            if (!state.Exists || state.Tables > 0)
            {
                // template0: nothing added to template1 on this server can collide with the archive's objects.
                await ExecuteAsync(admin, $"create database {quoted} template template0", cancellationToken);
            }
        }

        NpgsqlConnection.ClearAllPools();
        var restore = new ProcessStartInfo(tools.PgRestore)
        {
            ArgumentList =
            {
                "--dbname=" + database,
                "--no-password",
                "--no-owner",
                "--no-privileges",
                "--exit-on-error",
                "--single-transaction",
                Path.GetFullPath(file)
            },
        };
        LibpqEnvironment.Apply(restore, connectionString, database);
        await PostgresTools.RunAsync(restore, cancellationToken);

        var schema = await SchemaVersionAsync(connectionString, database, cancellationToken);
        Console.WriteLine(
            $"fitfolio: restored {Path.GetFileName(file)} into {database} (schema at {schema}); start FitFolio against it to apply any newer migrations.");
        return 0;
    }

    internal static bool TryParse(string[] args, out string file, out string? database, out bool force, out string[] rest)
    {
        file = "";
        database = null;
        force = false;
        var others = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            if (arg == "--force")
            {
                force = true;
            }
            else if (arg == "--database" && i + 1 < args.Length)
            {
                database = args[++i];
            }
            else if (arg.StartsWith("--database=", StringComparison.Ordinal))
            {
                database = arg["--database=".Length..];
            }
            else if (!arg.StartsWith('-') && file.Length == 0)
            {
                file = arg;
            }
            else
            {
                others.Add(arg);
            }
        }

        rest = [.. others];
        return file.Length > 0;
    }

    private static async Task<TargetState> InspectAsync(string connectionString, string maintenance, string database, CancellationToken cancellationToken)
    {
        await using (var admin = new NpgsqlConnection(maintenance))
        {
            await admin.OpenAsync(cancellationToken);
            await using var exists = new NpgsqlCommand(
                "select count(*) from pg_database where datname = @name", admin)
            {
                Parameters = { new("name", database) }
            };
            if ((long)(await exists.ExecuteScalarAsync(cancellationToken))! == 0)
            {
                return new TargetState(false, 0);
            }
        }

        await using var connection = new NpgsqlConnection(
            new NpgsqlConnectionStringBuilder(connectionString) { Database = database, Pooling = false }.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var tables = new NpgsqlCommand(
            """
            select count(*) from pg_class c join pg_namespace n on n.oid = c.relnamespace
            where c.relkind in ('r', 'p', 'v', 'm', 'S', 'f')
              and n.nspname not in ('pg_catalog', 'information_schema') and n.nspname not like 'pg\_toast%'
            """,
            connection);
        return new TargetState(true, (long)(await tables.ExecuteScalarAsync(cancellationToken))!);
    }

    private static async Task<int> LiveSilosAsync(ConfigurationOptions redis, string cluster)
    {
        await using var connection = await ConnectionMultiplexer.ConnectAsync(redis);
        var rows = await MembershipRows.ReadAsync(connection.GetDatabase(), cluster);
        return rows.Count(row => row.IsLive(DateTimeOffset.UtcNow, LiveSiloWindow));
    }

    private static async Task<string> SchemaVersionAsync(string connectionString, string database, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(
            new NpgsqlConnectionStringBuilder(connectionString) { Database = database, Pooling = false }.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var exists = new NpgsqlCommand("select to_regclass('public.schema_migrations') is not null", connection);
        if (!(bool)(await exists.ExecuteScalarAsync(cancellationToken))!)
        {
            return "unknown: no schema_migrations table";
        }

        await using var command = new NpgsqlCommand("select coalesce(max(number), 0) from schema_migrations", connection);
        return ((int)(await command.ExecuteScalarAsync(cancellationToken))!).ToString("000", System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    // Quoted as an identifier when used; this also keeps the name safe to splice into DDL.
    [GeneratedRegex("^[A-Za-z0-9_][A-Za-z0-9_-]{0,62}$", RegexOptions.CultureInvariant)]
    private static partial Regex DatabaseName();

    private readonly record struct TargetState(bool Exists, long Tables);
}
