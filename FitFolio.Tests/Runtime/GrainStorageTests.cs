using FitFolio.Grains.Preferences;
using FitFolio.Tests.Infrastructure;
using Npgsql;
using Orleans.Storage;

namespace FitFolio.Tests.Runtime;

/// <summary>
/// Orleans grain storage as production configures it (Persistence.AdoNet on Npgsql, our schema and
/// queries from sql/014): versioned writes, so a stale duplicate activation can never overwrite
/// newer state, and at most one row per grain whatever races.
/// </summary>
public sealed class GrainStorageTests(GrainStorageTests.Silos silos) : IClassFixture<GrainStorageTests.Silos>
{
    public sealed class Silos(PostgresServer server) : SharedRuntimeCluster(server);

    [Fact]
    public async Task Two_silos_racing_on_one_grain_the_stale_activation_is_refused_dropped_and_reloaded()
    {
        var onA = silos.On(0).GetGrain<IStoredCounterGrain>("race");
        var onB = silos.On(2).GetGrain<IStoredCounterGrain>("race");
        Assert.Equal(1, await onA.Increment());
        var first = await onA.WhereAmI();

        // What a Redis failover without persistence does: the directory forgets the activation, so silo B makes a second one.
        Assert.True(await RedisDirectory.DeleteAsync(silos.Cluster.ClusterId, onA.GetGrainId()));
        var duplicate = await onB.WhereAmI();
        Assert.NotEqual(first.ActivationId, duplicate.ActivationId);
        Assert.Equal(1, duplicate.Value);

        Assert.Equal(2, await onA.Increment());
        await Assert.ThrowsAsync<InconsistentStateException>(() => onB.Increment());
        var reloaded = await onB.WhereAmI();
        Assert.NotEqual(duplicate.ActivationId, reloaded.ActivationId);
        Assert.Equal(2, reloaded.Value);
        Assert.Equal(3, await onB.Increment());

        // The first activation is now the stale one: refused too, then A's calls reach the survivor.
        await Assert.ThrowsAsync<InconsistentStateException>(() => onA.Increment());
        Assert.Equal(4, await onA.Increment());
        Assert.Equal((await onA.WhereAmI()).ActivationId, (await onB.WhereAmI()).ActivationId);
        Assert.Equal(("{\"Value\":4}", 4), await StoredAsync("count", "race"));
    }

    [Fact]
    public async Task Two_first_writes_racing_from_two_silos_leave_one_row_and_one_refusal()
    {
        var onA = silos.On(0).GetGrain<IStoredCounterGrain>("first-write");
        var onB = silos.On(1).GetGrain<IStoredCounterGrain>("first-write");
        var first = await onA.WhereAmI();
        Assert.True(await RedisDirectory.DeleteAsync(silos.Cluster.ClusterId, onA.GetGrainId()));
        Assert.NotEqual(first.ActivationId, (await onB.WhereAmI()).ActivationId);

        // Both read no row; both try to insert at once: the primary key lets one in.
        var results = await Task.WhenAll(Attempt(onA), Attempt(onB));

        Assert.Equal(1, results.Count(r => r == 1));
        Assert.Equal(1, results.Count(r => r == -1));
        Assert.Equal(("{\"Value\":1}", 1), await StoredAsync("count", "first-write"));
        Assert.Equal(1L, await CountAsync("select count(*) from orleans_grain_state where grain_id_ext = 'first-write'"));
    }

    [Fact]
    public async Task Preferences_are_read_back_from_storage_by_a_new_activation()
    {
        var key = Guid.NewGuid().ToString("N");
        await silos.On(0).GetGrain<IPreferencesGrain>(key).Set(new Preferences("lb", "rir", 45));

        await silos.On(0).GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero, TestContext.Current.CancellationToken);

        Assert.Equal(new Preferences("lb", "rir", 45), await silos.On(1).GetGrain<IPreferencesGrain>(key).Get());
        Assert.Equal(new Preferences(), await silos.On(1).GetGrain<IPreferencesGrain>(Guid.NewGuid().ToString("N")).Get());
    }

    [Fact]
    public async Task The_storage_table_refuses_a_second_row_for_one_grain()
    {
        const string insert = """
            insert into orleans_grain_state (service_id, state_name, grain_id_n0, grain_id_n1, grain_id_ext, grain_id_hash, grain_type_hash, payload, version)
            values ('fitfolio', 'test', 0, 0, 'twice', 1, 2, '\x7b7d', 1)
            """;
        await using (var first = silos.Database.DataSource.CreateCommand(insert))
        {
            await first.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        }

        await using var second = silos.Database.DataSource.CreateCommand(insert);
        var refused = await Assert.ThrowsAsync<PostgresException>(() => second.ExecuteNonQueryAsync(TestContext.Current.CancellationToken));
        Assert.Equal(PostgresErrorCodes.UniqueViolation, refused.SqlState);
    }

    private static async Task<int> Attempt(IStoredCounterGrain grain)
    {
        try
        {
            return await grain.Increment();
        }
        catch (InconsistentStateException)
        {
            return -1;
        }
    }

    private async Task<(string Payload, int Version)> StoredAsync(string stateName, string key)
    {
        await using var command = silos.Database.DataSource.CreateCommand(
            "select convert_from(payload, 'UTF8'), version from orleans_grain_state where service_id = 'fitfolio' and state_name = @state and grain_id_ext = @key");
        command.Parameters.AddWithValue("state", stateName);
        command.Parameters.AddWithValue("key", key);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync(), $"No stored row for {stateName}/{key}.");

        return (reader.GetString(0), reader.GetInt32(1));
    }

    private async Task<long> CountAsync(string sql)
    {
        await using var command = silos.Database.DataSource.CreateCommand(sql);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
