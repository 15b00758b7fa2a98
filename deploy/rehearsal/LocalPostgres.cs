using Npgsql;

namespace FitFolio.Rehearsal;

/// <summary>A throwaway PostgreSQL from Debian's binaries (scripts/postgres.sh) with a <c>fitfolio</c> database.</summary>
internal sealed class LocalPostgres(string directory)
{
    public string ConnectionString { get; private set; } = "";

    public async Task StartAsync()
    {
        var port = FreePorts.Take(1)[0];
        var admin = (await Tool.RunAsync(
            RepositoryLayout.PostgresScript, "start", directory, port.ToString(System.Globalization.CultureInfo.InvariantCulture))).Trim();
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand("create database fitfolio", connection);
            await create.ExecuteNonQueryAsync();
        }

        ConnectionString = new NpgsqlConnectionStringBuilder(admin) { Database = "fitfolio" }.ConnectionString;
    }

    public async Task StopAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await Tool.RunAsync(RepositoryLayout.PostgresScript, "stop", directory, "fast");
    }
}
