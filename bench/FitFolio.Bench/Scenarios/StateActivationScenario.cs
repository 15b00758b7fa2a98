using System.Diagnostics;
using System.Globalization;
using FitFolio.Bench.Grains;
using FitFolio.Bench.Infrastructure;
using FitFolio.Bench.Measurement;
using FitFolio.Bench.Reporting;
using Npgsql;

namespace FitFolio.Bench.Scenarios;

/// <summary>
/// Activations that must read their state from <c>grain_state</c> first: the cost a user pays on
/// the first request after their grain was collected or moved. Rows are written beforehand; each
/// key is activated exactly once, so every measured call is a cold activation with one SELECT.
/// </summary>
internal sealed class StateActivationScenario : IScenario
{
    private const string GrainType = "bench.profile";

    /// <summary>Concurrent first calls in the throughput phase: below the data source's default pool of 100 connections.</summary>
    private const int Concurrency = 64;

    public string Id => "pg-activation";

    public async Task<IReadOnlyList<ScenarioResult>> RunAsync(BenchContext context)
    {
        var quick = context.Options.Quick;
        var warmUp = quick ? 500 : 2_000;
        var sequential = quick ? 300 : 2_000;
        var concurrent = quick ? 5_000 : 30_000;
        var connectionString = await context.DatabaseAsync();
        BenchContext.Progress($"activations from PostgreSQL: writing {warmUp + sequential + concurrent:N0} grain_state rows");
        await PopulateAsync(connectionString, "w", warmUp);
        await PopulateAsync(connectionString, "s", sequential);
        await PopulateAsync(connectionString, "c", concurrent);

        await using var silo = await BenchSilo.StartAsync(connectionString);
        BenchContext.Progress($"activations from PostgreSQL: {warmUp:N0} warm-up, {sequential:N0} one at a time, {concurrent:N0} with {Concurrency} concurrent");
        await ActivateAsync(silo, "w", warmUp, Concurrency);
        var one = await ActivateAsync(silo, "s", sequential, 1);
        var many = await ActivateAsync(silo, "c", concurrent, Concurrency);
        return
        [
            new ScenarioResult(
                "Activation from PostgreSQL, 1 at a time",
                one.PerSecond,
                "activations/s",
                Latency: one.Latency,
                Notes: $"{sequential:N0} cold first calls, one SELECT each",
                CpuPerOperation: one.CpuPerOperation),
            new ScenarioResult(
                $"Activation from PostgreSQL, {Concurrency} concurrent",
                many.PerSecond,
                "activations/s",
                Latency: many.Latency,
                Notes: $"{concurrent:N0} cold first calls; PostgreSQL on the same cores",
                CpuPerOperation: many.CpuPerOperation),
        ];
    }

    private static async Task PopulateAsync(string connectionString, string prefix, int count)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();

        // The JSON is what the runtime's own serializer writes for ProfileState (web defaults: camelCase).
        await using var command = new NpgsqlCommand(
            """
            insert into grain_state (grain_type, grain_key, version, data)
            select @type, @prefix || g, 1,
                   jsonb_build_object('displayName', 'User ' || g, 'workouts', g % 100, 'lastSeen', now())
            from generate_series(0, @count - 1) g
            """,
            connection);
        command.Parameters.AddWithValue("type", GrainType);
        command.Parameters.AddWithValue("prefix", prefix);
        command.Parameters.AddWithValue("count", count);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Activates keys <paramref name="prefix"/>0 .. count-1, each once, with the given number of callers taking the next key.</summary>
    private static async Task<LoopResult> ActivateAsync(BenchSilo silo, string prefix, int count, int concurrency)
    {
        var nextKey = -1;
        var recorders = Enumerable.Range(0, concurrency).Select(_ => new LatencyRecorder()).ToArray();
        var cpu = ProcessCpu.Now();
        var started = Stopwatch.GetTimestamp();
        await Task.WhenAll(recorders.Select(recorder => Task.Run(async () =>
        {
            int index;
            while ((index = Interlocked.Increment(ref nextKey)) < count)
            {
                var grain = silo.Grains.GetGrain<IProfileGrain>(prefix + index.ToString(CultureInfo.InvariantCulture));
                var callStarted = Stopwatch.GetTimestamp();
                var workouts = await grain.Workouts();
                recorder.Record(callStarted);

                // Proves the state really came from the row, not a default.
                if (workouts != index % 100)
                {
                    throw new InvalidOperationException($"{prefix}{index} read {workouts} workouts, expected {index % 100}.");
                }
            }
        })));

        return new LoopResult(count, Stopwatch.GetElapsedTime(started), LatencyRecorder.Summarize(recorders), ProcessCpu.Now() - cpu);
    }
}
