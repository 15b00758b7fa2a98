using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using FitFolio.Bench.Infrastructure;
using FitFolio.Bench.Measurement;
using FitFolio.Bench.Reporting;
using Npgsql;

namespace FitFolio.Bench.Scenarios;

/// <summary>
/// <c>POST /api/v1/auth/magic-link/verify</c> with an address and a wrong code, for four kinds of
/// address: a live account with a pending code, an address nobody has, an account locked by an
/// admin and a passkey-only account (email sign-in off). Each request uses an address of its own, so
/// each is that address's first wrong code, and the kinds are interleaved (one request at a time,
/// the order rotating), so a load spike on the shared machine lands on all four alike. The verdict
/// row passes only when every kind has its samples and the medians lie within 10 % of each other:
/// a timing that tells the kinds apart would tell an attacker which addresses have accounts.
/// </summary>
internal sealed class MagicLinkVerifyScenario : IScenario
{
    public const string VerdictName = "verify, wrong code: medians of the 4 kinds";

    private static readonly string[] Kinds = ["known", "unknown", "locked", "passkey-only"];

    public string Id => "magic-verify";

    public async Task<IReadOnlyList<ScenarioResult>> RunAsync(BenchContext context)
    {
        var connectionString = await context.DatabaseAsync();
        var limit = FitFolioHost.RaisedLimitPerSecond.ToString(CultureInfo.InvariantCulture);
        await using var host = await FitFolioHost.StartAsync(connectionString, extraSettings: new Dictionary<string, string>
        {
            // Every request comes from 127.0.0.1, as the other rows' do.
            ["RateLimits:VerifyPerIp:Limit"] = limit,
            ["RateLimits:VerifyPerIp:Window"] = "00:00:01",
        });

        // At least 200 per kind even with --quick: a median of fewer says little.
        var measured = context.Options.Quick ? 200 : 1000;
        var warmUp = context.Options.Quick ? 50 : 200;
        var run = Guid.NewGuid().ToString("N")[..8];
        BenchContext.Progress(
            $"magic-link verify: {warmUp} warm-up and {measured} measured wrong codes per kind ({string.Join(", ", Kinds)}), interleaved, one at a time");
        await PrepareAsync(connectionString, run, warmUp + measured);

        using var client = await ClientAsync(host);
        await SendAsync(client, run, 0, warmUp, recorders: null);
        var recorders = Kinds.ToDictionary(k => k, _ => new LatencyRecorder());
        await SendAsync(client, run, warmUp, measured, recorders);
        return Rows(recorders, measured);
    }

    /// <summary>The rows: one distribution per kind, then the verdict (NaN, so FAIL, when any kind is short of samples).</summary>
    private static IReadOnlyList<ScenarioResult> Rows(Dictionary<string, LatencyRecorder> recorders, int required)
    {
        var rows = new List<ScenarioResult>();
        var summaries = recorders.ToDictionary(r => r.Key, r => LatencyRecorder.Summarize([r.Value]));
        foreach (var kind in Kinds)
        {
            var summary = summaries[kind];
            rows.Add(
                new ScenarioResult($"POST /auth/magic-link/verify, wrong code, {kind}", summary.Samples, "requests", Latency: summary, Notes: Describe(kind)));
        }

        var complete = summaries.Values.All(s => s.Samples >= required);
        var medians = summaries.Values.Select(s => s.P50.TotalMicroseconds).ToList();
        var spread = complete ? (medians.Max() - medians.Min()) / medians.Min() * 100 : double.NaN;
        rows.Add(new ScenarioResult(
            VerdictName,
            spread,
            "% apart",
            Target: Target.AtMost(10),
            Notes: string.Create(CultureInfo.InvariantCulture,
                $"(slowest - fastest median) / fastest; medians {string.Join(", ", Kinds.Select(k => $"{k} {Format.Duration(summaries[k].P50)}"))}; " +
                    $"{required} samples required per kind")));
        return rows;
    }

    private static string Describe(string kind) => kind switch
    {
        "known" => "an account with a pending code; the wrong code counts against it",
        "unknown" => "an address with no account",
        "locked" => "an account locked by an admin",
        _ => "an account with email sign-in turned off",
    };

    private static async Task SendAsync(HttpClient client, string run, int first, int count, Dictionary<string, LatencyRecorder>? recorders)
    {
        for (var i = first; i < first + count; i++)
        {
            for (var k = 0; k < Kinds.Length; k++)
            {
                var kind = Kinds[(i + k) % Kinds.Length];
                var started = Stopwatch.GetTimestamp();
                using var response = await client.PostAsJsonAsync("/api/v1/auth/magic-link/verify", new { email = Address(run, kind, i), code = "00000000" });
                recorders?[kind].Record(started);
                if (response.StatusCode != HttpStatusCode.BadRequest)
                {
                    throw new InvalidOperationException(
                        $"A wrong code for a {kind} address answered {(int)response.StatusCode}, expected 400: {await response.Content.ReadAsStringAsync()}");
                }
            }
        }
    }

    private static string Address(string run, string kind, int i) => $"verify-{run}-{kind}-{i}@bench.example";

    /// <summary>
    /// The accounts, written straight into the tables as sign-up, an admin's lock and the passkey
    /// switch leave them: the known ones with a live link (codes are salted hashes, and the bench only
    /// sends wrong ones). No mail is involved, so no outbox delivery runs during the measurement.
    /// </summary>
    private static async Task PrepareAsync(string connectionString, string run, int perKind)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await using var command = dataSource.CreateCommand(
            """
            insert into users (id, email, email_verified_at, admin_locked_until, email_sign_in_enabled)
            select gen_random_uuid(), 'verify-' || @run || '-' || kind || '-' || i || '@bench.example', now(),
                   case when kind = 'locked' then now() + interval '1 day' end, kind <> 'passkey-only'
            from unnest(array['known', 'locked', 'passkey-only']) kind, generate_series(0, @count - 1) i;
            insert into magic_links (id, user_id, purpose, token_hash, code_salt, code_hash, expires_at)
            select gen_random_uuid(), id, 'sign_in', sha256(convert_to(id::text || ' token', 'UTF8')),
                   substring(sha256(convert_to(id::text || ' salt', 'UTF8')) from 1 for 16), sha256(convert_to(id::text || ' code', 'UTF8')), now() + interval '1 hour'
            from users where email like 'verify-' || @run || '-known-%';
            """);
        command.Parameters.AddWithValue("run", run);
        command.Parameters.AddWithValue("count", perKind);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>A browser-like client: the CSRF cookie from a first page load echoed in X-CSRF-Token, our Origin, cookies kept.</summary>
    private static async Task<HttpClient> ClientAsync(FitFolioHost host)
    {
        var cookies = new CookieContainer();
        var client = new HttpClient(new SocketsHttpHandler { CookieContainer = cookies }) { BaseAddress = host.Address };
        using (var page = await client.GetAsync("/healthz/live"))
        {
            page.EnsureSuccessStatusCode();
        }

        client.DefaultRequestHeaders.Add(
            "X-CSRF-Token", cookies.GetCookies(host.Address)["ff_csrf"]?.Value ?? throw new InvalidOperationException("The server set no ff_csrf cookie."));
        client.DefaultRequestHeaders.Add("Origin", FitFolioHost.Origin);
        return client;
    }
}
