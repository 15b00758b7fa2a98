using System.Diagnostics;
using Npgsql;

namespace FitFolio.Api.Database;

/// <summary>
/// The process's one <see cref="NpgsqlDataSource"/>. Npgsql traces every command on its <c>Npgsql</c>
/// activity source (the SQL text with its <c>@name</c> placeholders, never parameter values) and
/// measures connections and command durations on its <c>Npgsql</c> meter.
/// </summary>
public static class PostgresDataSource
{
    public static NpgsqlDataSource Create(string connectionString)
    {
        // Named, so metrics and spans carry "fitfolio" as the pool name rather than the connection string.
        var builder = new NpgsqlDataSourceBuilder(connectionString) { Name = "fitfolio" };
        builder.ConfigureTracing(tracing => tracing
            // A command outside any traced work (membership heartbeats every second, outbox polls)
            // would be a trace of its own and drown the ones that matter; it still counts in the metrics.
            .ConfigureCommandFilter(static _ => Activity.Current is not null)
            .ConfigureBatchFilter(static _ => Activity.Current is not null)
            .EnableFirstResponseEvent(false));
        return builder.Build();
    }
}
