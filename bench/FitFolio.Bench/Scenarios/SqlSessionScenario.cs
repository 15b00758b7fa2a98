using System.Buffers.Text;
using FitFolio.Api.Auth;
using FitFolio.Bench.Infrastructure;
using FitFolio.Bench.Measurement;
using FitFolio.Bench.Reporting;
using FitFolio.Grains.Users;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Npgsql;

namespace FitFolio.Bench.Scenarios;

/// <summary>
/// The design the user grain replaces: the same cookie, checked by one SQL query per request.
/// A minimal API in this process parses the cookie with FitFolio's own <see cref="SessionCookie"/>
/// (tag check and SHA-256 of the secret, as the front door does) and looks the hash up through an
/// <see cref="NpgsqlDataSource"/> built as FitFolio builds its own (default pool, no auto-prepare).
/// None of FitFolio's middleware runs here, so the gap to <see cref="MeScenario"/> understates
/// what the SQL round trip costs rather than overstating it.
/// </summary>
internal sealed class SqlSessionScenario : IScenario
{
    public const string Name = "GET /auth/me, session by SQL (baseline)";

    /// <summary>Other users' live sessions, so the lookup walks a real index rather than a one-row table.</summary>
    private const int OtherSessions = 10_000;

    private const string Lookup =
        """
        select u.id, u.email, u.email_verified_at, u.is_admin, u.email_sign_in_enabled, u.created_at
        from sessions s join users u on u.id = s.user_id
        where s.secret_hash = @hash and s.revoked_at is null and s.expires_at > now()
        """;

    public string Id => "me-sql";

    public async Task<IReadOnlyList<ScenarioResult>> RunAsync(BenchContext context)
    {
        var wrk = await WrkLoadGenerator.FindOrInstallAsync() ?? throw new InvalidOperationException("wrk not found; apt-get install wrk");
        var connectionString = await context.DatabaseAsync();
        var cookies = new SessionCookie(Options.Create(new SessionCookieOptions { Key = "bench-sql-baseline-key-0123456789-abcdefghijk" }));
        var cookie = await SeedAsync(connectionString, cookies);

        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await OpenPoolAsync(dataSource, HelloWorldScenario.Load.Connections);
        await using var app = Build(dataSource, cookies);
        await app.StartAsync();
        var url = new Uri(ListenAddress.Of(app), "/api/v1/auth/me");

        var load = HelloWorldScenario.Load;
        var options = context.Options;
        BenchContext.Progress(
            $"/auth/me by SQL: {OtherSessions:N0} other sessions in the table; {WrkRounds.Plan(load, options, WrkRounds.HostWarmUp(options, Environment.ProcessId))}");
        var request = new WrkRequest([$"Cookie: ff_session={cookie}"]);
        var measured = await WrkRounds.RunAsync(load, wrk, url, options, () => request, WrkRounds.HostWarmUp(options, Environment.ProcessId));
        await app.StopAsync();
        return
        [
            new ScenarioResult(
                Name,
                measured.Median.RequestsPerSecond,
                "req/s",
                Latency: measured.Median.Latency,
                Notes: $"{load.Describe()}; bare minimal API, 1 query/request, pool 100, PostgreSQL on the same cores; bench CPU only; " +
                    $"{Spread.Describe(measured.Rounds.Select(r => r.RequestsPerSecond))}; after {measured.WarmUp.TotalSeconds:0} s of warm-up",
                CpuPerOperation: measured.CpuPerRequest),
        ];
    }

    private static WebApplication Build(NpgsqlDataSource dataSource, SessionCookie cookies)
    {
        var builder = LoopbackServer.CreateBuilder();
        var app = builder.Build();
        app.MapGet("/api/v1/auth/me", async (HttpContext http) =>
        {
            if (!cookies.TryRead(http.Request.Cookies["ff_session"], out _, out var hash))
            {
                return Results.Unauthorized();
            }

            await using var command = dataSource.CreateCommand(Lookup);
            command.Parameters.AddWithValue("hash", Base64Url.DecodeFromChars(hash));
            await using var reader = await command.ExecuteReaderAsync(http.RequestAborted);
            if (!await reader.ReadAsync(http.RequestAborted))
            {
                return Results.Unauthorized();
            }

            // The profile /auth/me returns; passkeys are not stored yet, so the count is 0 as the grain's is.
            return Results.Ok(new UserProfile(
                reader.GetGuid(0),
                reader.GetString(1),
                !reader.IsDBNull(2),
                reader.GetBoolean(3),
                reader.GetBoolean(4),
                0,
                reader.GetFieldValue<DateTimeOffset>(5)));
        });
        return app;
    }

    /// <summary>
    /// Opens as many connections as wrk will keep busy before any timing: a server in steady state
    /// has a warm pool, and opening 64 connections on a loaded machine can outlast a short warm-up.
    /// </summary>
    private static async Task OpenPoolAsync(NpgsqlDataSource dataSource, int connections)
    {
        var open = await Task.WhenAll(Enumerable.Range(0, connections).Select(_ => dataSource.OpenConnectionAsync().AsTask()));
        foreach (var connection in open)
        {
            await connection.DisposeAsync();
        }
    }

    /// <summary>The bench user and its session (plus other users' sessions); returns the session cookie's value.</summary>
    private static async Task<string> SeedAsync(string connectionString, SessionCookie cookies)
    {
        var userId = Guid.CreateVersion7();
        var (value, hash) = cookies.Issue(userId);
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            """
            insert into users (id, email) values (@id, 'me-sql-bench@fitfolio.example');
            insert into sessions (id, user_id, secret_hash, created_at, last_seen_at, rotated_at, authenticated_at, expires_at)
            values (gen_random_uuid(), @id, @hash, now(), now(), now(), now(), now() + interval '14 days');
            insert into users (id, email) select gen_random_uuid(), 'other-' || g || '@fitfolio.example' from generate_series(1, @others) g;
            insert into sessions (id, user_id, secret_hash, created_at, last_seen_at, rotated_at, authenticated_at, expires_at)
            select gen_random_uuid(), u.id, sha256(convert_to(u.email, 'UTF8')), now(), now(), now(), now(), now() + interval '14 days'
            from users u where u.email like 'other-%';
            analyze users; analyze sessions;
            """,
            connection);
        command.Parameters.AddWithValue("id", userId);
        command.Parameters.AddWithValue("hash", Base64Url.DecodeFromChars(hash));
        command.Parameters.AddWithValue("others", OtherSessions);
        await command.ExecuteNonQueryAsync();
        return value;
    }
}
