using System.Net;
using System.Text.Json.Nodes;
using Fido2NetLib.Objects;
using FitFolio.Api.Database;
using FitFolio.Api.Hosting;
using FitFolio.Api.Operations;
using FitFolio.Tests.Api;
using FitFolio.Tests.Infrastructure;
using FitFolio.Silo.Readiness;
using FitFolio.Tests.Passkeys;
using Npgsql;
using StackExchange.Redis;

namespace FitFolio.Tests.Operations;

/// <summary>
/// The <c>backup</c> and <c>restore</c> commands against a database filled through the real API:
/// every row of every table (whatever tables exist by then) and the migration history come back.
/// </summary>
public sealed class BackupRestoreTests(PostgresServer server) : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("fitfolio-backups-").FullName;

    [Fact]
    public async Task A_backup_restored_over_a_dropped_database_gives_back_every_row_of_every_table_and_the_migration_history()
    {
        var api = new PasskeyApi(server);
        await api.InitializeAsync();
        ApiClient keeper;
        try
        {
            keeper = await PopulateAsync(api);
            // Stopped, so that nothing (last-seen writes, maintenance) changes rows between snapshot and dump;
            // its membership row now says Dead, so the restore below is not refused.
            await api.Host.StopAsync();
            var before = await SnapshotAsync(api.Database.ConnectionString);

            Assert.Equal(0, await Commands.RunAsync(["backup", .. Settings(api.Database.ConnectionString)]));
            await DropAsync(api.Database.Name);
            Assert.Equal(0, await Commands.RunAsync(
                ["restore", Assert.Single(Directory.GetFiles(_directory)), .. Settings(api.Database.ConnectionString, api.Host.ClusterId)]));

            var after = await SnapshotAsync(api.Database.ConnectionString);
            Assert.Equal(before.Keys, after.Keys);
            foreach (var (table, rows) in before)
            {
                Assert.True(rows.SequenceEqual(after[table]), $"{table} differs after the restore");
            }

            foreach (var table in new[] { "users", "sessions", "passkeys", "login_events", "mail_outbox", "magic_links", "schema_migrations" })
            {
                Assert.NotEmpty(before["public." + table]);
            }

            Assert.Equal(MigrationSource.Embedded.Count, before["public.schema_migrations"].Count);

            // The restored database serves the session it held: same cookie, same user, no migration to apply.
            await using var restored = await ApiHost.StartAsync(api.Database.ConnectionString, api.Mail.Port, ApiFixture.GenerousLimits);
            using var again = restored.Client();
            foreach (var (name, value) in keeper.Cookies)
            {
                again.Cookies[name] = value;
            }

            var me = await again.GetAsync("/api/v1/auth/me");
            Assert.Equal(HttpStatusCode.OK, me.Status);
            Assert.Equal(1, me.Body.GetProperty("passkeyCount").GetInt32());
        }
        finally
        {
            await api.DisposeAsync();
        }
    }

    [Fact]
    public async Task Restore_refuses_a_database_with_tables_unless_forced_and_any_while_a_silo_of_its_cluster_runs_even_when_forced()
    {
        var api = new PasskeyApi(server);
        await api.InitializeAsync();
        var copy = "ff_restored_" + Guid.NewGuid().ToString("N")[..12];
        // The cluster that would serve the copy: no silo of it has ever run.
        var copyCluster = "test-" + Guid.NewGuid().ToString("N");
        try
        {
            using var client = await api.SignedInClientAsync("live@example.com");
            // A backup of a database in use: pg_dump reads one consistent snapshot.
            Assert.Equal(0, await Commands.RunAsync(["backup", .. Settings(api.Database.ConnectionString)]));
            var file = Assert.Single(Directory.GetFiles(_directory));

            Assert.Equal(1, await Commands.RunAsync(["restore", file, "--force", .. Settings(api.Database.ConnectionString, api.Host.ClusterId)]));
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/auth/me")).Status);

            // Not knowing whether silos run is not knowing that none does.
            Assert.Equal(1, await Commands.RunAsync(
            [
                "restore",
                file,
                "--database",
                copy,
                .. Settings(api.Database.ConnectionString, copyCluster),
                "--ConnectionStrings:Redis=127.0.0.1:1,connectTimeout=500"
            ]));
            Assert.Equal(2, await Commands.RunAsync(
                ["restore", file, "--database", copy, .. Settings(api.Database.ConnectionString, copyCluster), "--ConnectionStrings:Redis="]));
            Assert.Equal(0, await CountAsync("postgres", $"select count(*) from pg_database where datname = '{copy}'"));

            // A silo that left (Dead) and one killed with nobody left to declare it dead (Active, silent for minutes) are not running.
            await CopyMembershipRowAsync(api.Host, copyCluster, row => row["Status"] = (int)SiloStatus.Dead);
            await CopyMembershipRowAsync(api.Host, copyCluster, row => row["IAmAliveTime"] = DateTime.UtcNow.AddMinutes(-2).ToString("O"));
            Assert.Equal(0, await Commands.RunAsync(["restore", file, "--database", copy, .. Settings(api.Database.ConnectionString, copyCluster)]));
            var rows = await CountAsync(copy, "select count(*) from users");
            Assert.Equal(1, await Commands.RunAsync(["restore", file, "--database", copy, .. Settings(api.Database.ConnectionString, copyCluster)]));
            Assert.Equal(rows, await CountAsync(copy, "select count(*) from users"));

            Assert.Equal(
                0, await Commands.RunAsync(["restore", file, "--database=" + copy, "--force", .. Settings(api.Database.ConnectionString, copyCluster)]));
            Assert.Equal(
                await CountAsync(api.Database.Name, "select count(*) from users where email = 'live@example.com'"),
                await CountAsync(copy, "select count(*) from users where email = 'live@example.com'"));
        }
        finally
        {
            await api.DisposeAsync();
            await DropAsync(copy);
        }
    }

    [Fact]
    public async Task Backup_applies_retention_to_its_own_database_files_and_leaves_every_other_file_alone()
    {
        await using var database = new TestDatabase(server);
        await database.InitializeAsync();
        var yesterdayNoon = DateTime.UtcNow.Date.AddDays(-1).AddHours(12);
        var old = new[] { yesterdayNoon, yesterdayNoon.AddHours(-1), yesterdayNoon.AddDays(-200) }
            .Select(t => Path.Combine(_directory, BackupFile.NameFor(database.Name, t)))
            .ToList();
        var foreign = new[] { Path.Combine(_directory, "notes.txt"), Path.Combine(_directory, BackupFile.NameFor("another_db", yesterdayNoon.AddDays(-200))) };
        foreach (var path in old.Concat(foreign))
        {
            await File.WriteAllTextAsync(path, "", TestContext.Current.CancellationToken);
        }

        Assert.Equal(0, await Commands.RunAsync(["backup", .. Settings(database.ConnectionString)]));

        var left = Directory.GetFiles(_directory).Select(Path.GetFileName).ToHashSet();
        Assert.Contains(Path.GetFileName(old[0]), left);
        Assert.DoesNotContain(Path.GetFileName(old[1]), left);
        Assert.DoesNotContain(Path.GetFileName(old[2]), left);
        Assert.All(foreign, path => Assert.Contains(Path.GetFileName(path), left));
        Assert.Equal(2, BackupFile.List(_directory, database.Name).Count);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(BackupFile.List(_directory, database.Name)[^1].Path));
        }
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    /// <summary>What the commands are given: the database, and for restore the cluster whose silos must not be running.</summary>
    private string[] Settings(string connectionString, string? clusterId = null) =>
        ["--ConnectionStrings:Postgres=" + connectionString, "--Backup:Directory=" + _directory, .. clusterId is null
            ? Array.Empty<string>()
            : ["--ConnectionStrings:Redis=" + RedisServer.ConnectionString, "--Cluster:Id=" + clusterId]];

    /// <summary>
    /// Writes the host's own (live, Active) membership row into <paramref name="clusterId"/>'s hash as a new incarnation, changed by <paramref name="change"/>.
    /// </summary>
    private static async Task CopyMembershipRowAsync(ApiHost host, string clusterId, Action<JsonObject> change)
    {
        await using var redis = await ConnectionMultiplexer.ConnectAsync(RedisServer.ConnectionString);
        var database = redis.GetDatabase();
        var live = await database.HashGetAllAsync(MembershipRows.Key(host.ClusterId));
        var row = JsonNode.Parse(live.Single(f => f.Name != "Version").Value.ToString())!.AsObject();
        var incarnation = SiloAddress.New(host.SiloAddress.Endpoint, Random.Shared.Next(1, int.MaxValue));
        row["SiloAddress"] = new JsonObject { ["SiloAddress"] = incarnation.ToParsableString() };
        change(row);
        await database.HashSetAsync(MembershipRows.Key(clusterId), incarnation.ToString(), row.ToJsonString());
    }

    /// <summary>Users with sessions (one ended), a passkey, audit events, sent mail: what a day of use leaves behind.</summary>
    private static async Task<ApiClient> PopulateAsync(PasskeyApi api)
    {
        var keeper = await api.SignedInClientAsync("keeper@example.com");
        using var authenticator = new SoftwareAuthenticator(COSE.Algorithm.ES256);
        await keeper.RegisterAsync(authenticator);
        using var leaver = await api.SignedInClientAsync("leaver@example.com");
        Assert.Equal(HttpStatusCode.NoContent, (await leaver.PostAsync("/api/v1/auth/logout")).Status);
        using var second = await api.SignedInClientAsync("keeper@example.com");
        using var stranger = api.Host.Client();
        await stranger.PrimeAsync();
        await stranger.PostAsync("/api/v1/auth/magic-link/start", new { email = "never-verified@example.com" });
        await api.Mail.WaitForAsync("never-verified@example.com");
        return keeper;
    }

    private static async Task<SortedDictionary<string, List<string>>> SnapshotAsync(string connectionString)
    {
        var snapshot = new SortedDictionary<string, List<string>>(StringComparer.Ordinal);
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        var tables = new List<string>();
        await using (var list = new NpgsqlCommand(
            """
            select format('%I.%I', table_schema, table_name) from information_schema.tables
            where table_type = 'BASE TABLE' and table_schema not in ('pg_catalog', 'information_schema')
            union all
            select 'sequence:' || format('%I.%I', sequence_schema, sequence_name) from information_schema.sequences
            """,
            connection))
        await using (var reader = await list.ExecuteReaderAsync(TestContext.Current.CancellationToken))
        {
            while (await reader.ReadAsync(TestContext.Current.CancellationToken))
            {
                tables.Add(reader.GetString(0));
            }
        }

        foreach (var table in tables)
        {
            var sql = table.StartsWith("sequence:", StringComparison.Ordinal)
                ? $"select last_value::text || ' ' || is_called::text from {table["sequence:".Length..]}"
                : $"select t::text from {table} t order by 1";
            var rows = new List<string>();
            await using var command = new NpgsqlCommand(sql, connection);
            await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
            while (await reader.ReadAsync(TestContext.Current.CancellationToken))
            {
                rows.Add(reader.GetString(0));
            }

            snapshot[table] = rows;
        }

        return snapshot;
    }

    private async Task DropAsync(string database)
    {
        NpgsqlConnection.ClearAllPools();
        await using var admin = new NpgsqlConnection(server.AdminConnectionString);
        await admin.OpenAsync(TestContext.Current.CancellationToken);
        await using var drop = new NpgsqlCommand($"drop database if exists \"{database}\" with (force)", admin);
        await drop.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
    }

    private async Task<long> CountAsync(string database, string sql)
    {
        await using var connection = new NpgsqlConnection(
            new NpgsqlConnectionStringBuilder(server.AdminConnectionString) { Database = database, Pooling = false }.ConnectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        return (long)(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken))!;
    }
}
