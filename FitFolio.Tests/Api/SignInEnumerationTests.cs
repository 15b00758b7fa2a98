using System.Net;
using FitFolio.Silo.Telemetry;
using FitFolio.Tests.Infrastructure;
using FitFolio.Tests.Telemetry;

namespace FitFolio.Tests.Api;

/// <summary>
/// No account enumeration by timing, proven by the work itself rather than by a stopwatch: every
/// grain call and SQL statement a request makes before it is answered is recorded from the
/// runtime's and Npgsql's traces, and the lists must be identical for an address with a live
/// account, an unknown one, one locked by an admin and a passkey-only one.
/// </summary>
public sealed class SignInEnumerationTests(SignInEnumerationTests.Traced api) : IClassFixture<SignInEnumerationTests.Traced>, IDisposable
{
    /// <summary>The steps are read from the spans of grain calls, which are made only where grain calls are traced.</summary>
    public sealed class Traced(PostgresServer server) : ApiFixture(server)
    {
        protected override IDictionary<string, string?> Settings { get; } =
            new Dictionary<string, string?>(GenerousLimits) { [GrainCallTracing.Setting] = "true" };
    }

    private const string Start = "/api/v1/auth/magic-link/start";
    private const string Verify = "/api/v1/auth/magic-link/verify";

    private readonly ActivityCollector _activities = new();

    [Fact]
    public async Task A_wrong_code_takes_the_same_steps_for_known_unknown_locked_and_passkey_only_addresses()
    {
        var addresses = await AddressesAsync("verify");
        using var client = await api.SignedOutClientAsync();
        var code = SignInMail.CodeOf(await api.Mail.WaitForAsync(addresses["known"]));
        var wrong = code == "00000000" ? "11111111" : "00000000";

        var steps = new Dictionary<string, IReadOnlyList<string>>();
        foreach (var (kind, email) in addresses)
        {
            steps[kind] = await StepsAsync(client, Verify, new { email, code = wrong }, HttpStatusCode.BadRequest);
        }

        Assert.All(steps, s => Assert.Equal(steps["known"], s.Value));
        Assert.Contains("grain IEmailCodeGrain/Check", steps["known"]);
        Assert.Equal(2, steps["known"].Count(s => s.Contains("email_code_lockouts", StringComparison.Ordinal)));
        // The same statements did the real work where there was some: the known address's live code lost an attempt.
        Assert.Equal(
            1L,
            await ScalarAsync(
                $"select l.link_attempts from email_code_lockouts l join magic_links m on m.id = l.link_id where l.email = '{addresses["known"]}' and " +
                    "m.used_at is null"));
    }

    [Fact]
    public async Task Start_answers_before_any_per_account_work_and_with_the_same_steps_for_every_kind_of_address()
    {
        var addresses = await AddressesAsync("start");
        using var client = await api.SignedOutClientAsync();
        await api.Mail.WaitForAsync(addresses["known"]);

        var steps = new Dictionary<string, IReadOnlyList<string>>();
        foreach (var (kind, email) in addresses)
        {
            steps[kind] = await StepsAsync(client, Start, new { email }, HttpStatusCode.Accepted);
        }

        Assert.All(steps, s => Assert.Equal(steps["known"], s.Value));
        Assert.NotEmpty(steps["known"]);
        // Only rate limiting happens before the answer: its grain calls, and the per-address mail windows' own
        // grain-storage writes (so a restart of every silo cannot reset them), the same for every kind of address.
        Assert.All(steps["known"], s => Assert.True(
            s.StartsWith("grain IRateLimitGrain/", StringComparison.Ordinal) || s.Contains("orleans_grain_state", StringComparison.Ordinal), s));

        // The per-account work followed the answer: a second link for the known address, an account
        // for the unknown one, and a refusal in the audit log for the locked and passkey-only ones.
        await api.Mail.WaitForAsync(addresses["known"], 2);
        await api.Mail.WaitForAsync(addresses["unknown"]);
        await Eventually.TrueAsync(
            async () => await ScalarAsync(
                "select count(*) from login_events where event_type = 'magic_link_refused' and user_id in (select id from users where email in " +
                    $"('{addresses["locked"]}', '{addresses["passkey-only"]}'))") == 2,
            TimeSpan.FromSeconds(30),
            "the locked and passkey-only accounts' refusals to be audited");
    }

    public void Dispose() => _activities.Dispose();

    /// <summary>An address of each kind: a live account that asked for a code, none at all, an admin-locked account, a passkey-only one.</summary>
    private async Task<Dictionary<string, string>> AddressesAsync(string test)
    {
        var addresses = new Dictionary<string, string>
        {
            ["known"] = $"{test}-known@example.com",
            ["unknown"] = $"{test}-unknown@example.com",
            ["locked"] = $"{test}-locked@example.com",
            ["passkey-only"] = $"{test}-passkey-only@example.com",
        };
        using var client = await api.SignedOutClientAsync();
        Assert.Equal(HttpStatusCode.Accepted, (await client.PostAsync(Start, new { email = addresses["known"] })).Status);
        await ScalarAsync(
            $"insert into users (id, email, email_verified_at, admin_locked_until) values (gen_random_uuid(), '{addresses["locked"]}', now(), now() + " +
                "interval '1 day') returning 1");
        await ScalarAsync(
            $"insert into users (id, email, email_verified_at, email_sign_in_enabled) values (gen_random_uuid(), '{addresses["passkey-only"]}', now(), " +
                "false) returning 1");
        return addresses;
    }

    private Task<IReadOnlyList<string>> StepsAsync(ApiClient client, string path, object body, HttpStatusCode expected) =>
        RequestSteps.BeforeAnswerAsync(_activities, client, path, body, expected);

    private async Task<long> ScalarAsync(string sql)
    {
        await using var command = api.Database.DataSource.CreateCommand(sql);
        return Convert.ToInt64(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }
}
