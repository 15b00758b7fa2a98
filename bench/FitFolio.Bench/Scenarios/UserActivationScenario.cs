using System.Diagnostics;
using FitFolio.Bench.Infrastructure;
using FitFolio.Bench.Measurement;
using FitFolio.Bench.Reporting;
using FitFolio.Grains.Users;
using Npgsql;

namespace FitFolio.Bench.Scenarios;

/// <summary>
/// What a user pays on the first request after their grain was collected or moved: FitFolio's own
/// user grain activating on a whole host, which registers it in the Redis grain directory and loads
/// the user row, its live sessions and its passkeys (three SELECTs). Accounts with one live session
/// each are written beforehand and each is activated exactly once, so every timed call is a cold
/// activation. The heap grown by the concurrent phase, after full collections, is what an idle
/// user grain then keeps in memory.
/// </summary>
internal sealed class UserActivationScenario : IScenario
{
    /// <summary>Concurrent first calls in the throughput phase: below the data source's default pool of 100 connections.</summary>
    private const int Concurrency = 64;

    public string Id => "user-activation";

    public async Task<IReadOnlyList<ScenarioResult>> RunAsync(BenchContext context)
    {
        var quick = context.Options.Quick;
        var (warmUp, sequential, concurrent) = quick ? (500, 300, 5_000) : (2_000, 2_000, 30_000);
        var connectionString = await context.DatabaseAsync();
        BenchContext.Progress($"user grain activations: writing {warmUp + sequential + concurrent:N0} accounts with one live session each");
        var warmUpUsers = await SeedAsync(connectionString, "ua-w", warmUp);
        var sequentialUsers = await SeedAsync(connectionString, "ua-s", sequential);
        var concurrentUsers = await SeedAsync(connectionString, "ua-c", concurrent);

        await using var host = await FitFolioHost.StartAsync(connectionString);
        BenchContext.Progress($"user grain activations: {warmUp:N0} warm-up, {sequential:N0} one at a time, {concurrent:N0} with {Concurrency} concurrent");
        await ActivateAsync(host, warmUpUsers, Concurrency);
        var one = await ActivateAsync(host, sequentialUsers, 1);
        var before = FullGc.LiveBytes();
        var many = await ActivateAsync(host, concurrentUsers, Concurrency);
        var perGrain = (FullGc.LiveBytes() - before) / (double)concurrent;
        return
        [
            new ScenarioResult(
                "User grain activation, 1 at a time",
                one.PerSecond,
                "activations/s",
                Latency: one.Latency,
                Notes: $"{sequential:N0} cold GetProfile calls: Redis directory registration, then user, sessions and passkeys SELECTs",
                CpuPerOperation: one.CpuPerOperation),
            new ScenarioResult(
                $"User grain activation, {Concurrency} concurrent",
                many.PerSecond,
                "activations/s",
                Latency: many.Latency,
                Notes: $"{concurrent:N0} cold first calls; PostgreSQL and Redis on the same cores",
                CpuPerOperation: many.CpuPerOperation),
            new ScenarioResult(
                "Memory per idle user grain (whole)",
                perGrain,
                "bytes",
                Notes: $"heap grown by the {concurrent:N0} activations above, after full GCs: the grain, its record with 1 session, Orleans' activation " +
                    "and directory cache entry"),
        ];
    }

    /// <summary>Accounts (verified, one live session each) whose addresses start with <paramref name="prefix"/>; returns their ids and addresses.</summary>
    private static async Task<IReadOnlyList<(Guid Id, string Email)>> SeedAsync(string connectionString, string prefix, int count)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            """
            insert into users (id, email, email_verified_at)
            select gen_random_uuid(), @prefix || g || '@user-activation.bench', now() from generate_series(0, @count - 1) g;
            insert into sessions (id, user_id, secret_hash, created_at, last_seen_at, rotated_at, authenticated_at, expires_at)
            select gen_random_uuid(), u.id, sha256(convert_to(u.email, 'UTF8')), now(), now(), now(), now(), now() + interval '14 days'
            from users u where u.email like @prefix || '%';
            select id, email from users where email like @prefix || '%';
            """,
            connection);
        command.Parameters.AddWithValue("prefix", prefix);
        command.Parameters.AddWithValue("count", count);
        var users = new List<(Guid, string)>(count);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            users.Add((reader.GetGuid(0), reader.GetString(1)));
        }

        return users;
    }

    /// <summary>Activates each user's grain once, with the given number of callers taking the next user.</summary>
    private static async Task<LoopResult> ActivateAsync(FitFolioHost host, IReadOnlyList<(Guid Id, string Email)> users, int concurrency)
    {
        var next = -1;
        var recorders = Enumerable.Range(0, concurrency).Select(_ => new LatencyRecorder()).ToArray();
        var cpu = ProcessCpu.Now();
        var started = Stopwatch.GetTimestamp();
        await Task.WhenAll(recorders.Select(recorder => Task.Run(async () =>
        {
            int index;
            while ((index = Interlocked.Increment(ref next)) < users.Count)
            {
                var (id, email) = users[index];
                var grain = host.Grains.GetGrain<IUserGrain>(id.ToString("N"));
                var callStarted = Stopwatch.GetTimestamp();
                var profile = await grain.GetProfile();
                recorder.Record(callStarted);

                // Proves the grain loaded the account's row rather than answering from nothing.
                if (profile.Email != email)
                {
                    throw new InvalidOperationException($"User {id} answered {profile.Email}, expected {email}.");
                }
            }
        })));

        return new LoopResult(users.Count, Stopwatch.GetElapsedTime(started), LatencyRecorder.Summarize(recorders), ProcessCpu.Now() - cpu);
    }
}
