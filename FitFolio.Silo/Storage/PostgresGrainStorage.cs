using System.Text.Json;
using Npgsql;
using NpgsqlTypes;

namespace FitFolio.Silo.Storage;

/// <summary>Grain state as one jsonb row per grain in <c>grain_state</c>; the version column is the ETag.</summary>
internal sealed class PostgresGrainStorage(NpgsqlDataSource dataSource, JsonSerializerOptions json) : IGrainStorage
{
    public async Task<StoredState<TState>> ReadAsync<TState>(GrainId grainId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("select version, data from grain_state where grain_type = @type and grain_key = @key");
        command.Parameters.AddWithValue("type", grainId.Type);
        command.Parameters.AddWithValue("key", grainId.Key);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return default;
        }

        return new StoredState<TState>(JsonSerializer.Deserialize<TState>(reader.GetString(1), json), reader.GetInt64(0));
    }

    public async Task<long> WriteAsync<TState>(GrainId grainId, TState state, long expectedVersion, CancellationToken cancellationToken)
    {
        // Insert only when nothing was stored; otherwise update only the version that was read.
        var sql = expectedVersion == 0
            ? "insert into grain_state (grain_type, grain_key, version, data) values (@type, @key, 1, @data) on conflict do nothing"
            : "update grain_state set data = @data, version = version + 1, updated_at = now() where grain_type = @type and grain_key = @key and version = @version";
        await using var command = dataSource.CreateCommand(sql);
        command.Parameters.AddWithValue("type", grainId.Type);
        command.Parameters.AddWithValue("key", grainId.Key);
        command.Parameters.AddWithValue("version", expectedVersion);
        command.Parameters.AddWithValue("data", NpgsqlDbType.Jsonb, JsonSerializer.Serialize(state, json));
        if (await command.ExecuteNonQueryAsync(cancellationToken) != 1)
        {
            throw new InconsistentStateException($"State of {grainId} changed since version {expectedVersion} was read.");
        }

        return expectedVersion + 1;
    }

    public async Task ClearAsync(GrainId grainId, long expectedVersion, CancellationToken cancellationToken)
    {
        if (expectedVersion == 0)
        {
            return;
        }

        await using var command = dataSource.CreateCommand("delete from grain_state where grain_type = @type and grain_key = @key and version = @version");
        command.Parameters.AddWithValue("type", grainId.Type);
        command.Parameters.AddWithValue("key", grainId.Key);
        command.Parameters.AddWithValue("version", expectedVersion);
        if (await command.ExecuteNonQueryAsync(cancellationToken) != 1)
        {
            throw new InconsistentStateException($"State of {grainId} changed since version {expectedVersion} was read.");
        }
    }
}
