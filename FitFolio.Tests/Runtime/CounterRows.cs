using Npgsql;
using Orleans.Storage;

namespace FitFolio.Tests.Runtime;

/// <summary>
/// The counter grains' state: one PostgreSQL row per key with a version, written through the way
/// <c>UserWrite</c> writes a user. A write names the version its activation read; if another
/// activation wrote since, it throws Orleans' <see cref="InconsistentStateException"/>, on which
/// Orleans drops the stale activation so the next call reloads.
/// </summary>
public sealed class CounterRows(NpgsqlDataSource dataSource) : IAsyncDisposable
{
    private const string Table = "runtime_test_counters";

    /// <summary>Creates the table in a test class's database (the production migrations do not know it).</summary>
    public static async Task CreateTableAsync(NpgsqlDataSource dataSource)
    {
        await using var create = dataSource.CreateCommand(
            $"create table if not exists {Table} (key text primary key, value int not null, version int not null)");
        await create.ExecuteNonQueryAsync();
    }

    /// <summary>What the row holds now, read past every activation (for assertions).</summary>
    public static async Task<int> StoredValueAsync(NpgsqlDataSource dataSource, string key) => (await ReadAsync(dataSource, key)).Value;

    /// <summary>The value and version of <paramref name="key"/>'s row; (0, 0) before its first write.</summary>
    public Task<(int Value, int Version)> ReadAsync(string key) => ReadAsync(dataSource, key);

    /// <summary>Writes <paramref name="value"/> if the row is still at <paramref name="readVersion"/>, and returns the new version.</summary>
    public async Task<int> WriteAsync(string key, int value, int readVersion)
    {
        await using var write = dataSource.CreateCommand($"""
            insert into {Table} as c (key, value, version) values (@key, @value, 1)
            on conflict (key) do update set value = excluded.value, version = c.version + 1 where c.version = @version
            """);
        write.Parameters.AddWithValue("key", key);
        write.Parameters.AddWithValue("value", value);
        write.Parameters.AddWithValue("version", readVersion);
        if (await write.ExecuteNonQueryAsync() != 1)
        {
            throw new InconsistentStateException($"Counter {key} changed since version {readVersion} was read.");
        }

        return readVersion + 1;
    }

    public ValueTask DisposeAsync() => dataSource.DisposeAsync();

    private static async Task<(int Value, int Version)> ReadAsync(NpgsqlDataSource dataSource, string key)
    {
        await using var read = dataSource.CreateCommand($"select value, version from {Table} where key = @key");
        read.Parameters.AddWithValue("key", key);
        await using var reader = await read.ExecuteReaderAsync();
        return await reader.ReadAsync() ? (reader.GetInt32(0), reader.GetInt32(1)) : (0, 0);
    }
}
