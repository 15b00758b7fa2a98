using System.Net;
using FitFolio.Tests.Infrastructure;

namespace FitFolio.Tests.Api;

public sealed class MagicLinkSignInTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    [Fact]
    public async Task Start_answers_202_with_the_same_body_for_new_and_existing_addresses()
    {
        using var client = api.Host.Client();
        var first = await client.PostAsync("/api/v1/auth/magic-link/start", new { email = "same@example.com" });
        var again = await client.PostAsync("/api/v1/auth/magic-link/start", new { email = "same@example.com" });
        var other = await client.PostAsync("/api/v1/auth/magic-link/start", new { email = "someone-else@example.com" });

        Assert.All([first, again, other], r => Assert.Equal(HttpStatusCode.Accepted, r.Status));
        Assert.Equal(first.Text, again.Text);
        Assert.Equal(first.Text, other.Text);
    }

    [Fact]
    public async Task The_first_start_creates_an_unverified_account_and_mails_a_link_and_an_eight_digit_code()
    {
        using var client = api.Host.Client();
        await client.PostAsync("/api/v1/auth/magic-link/start", new { email = "  New.Person@Example.COM " });

        var message = await api.Mail.WaitForAsync("new.person@example.com");
        Assert.Equal("Your FitFolio sign-in link", message.Subject);
        Assert.Matches("^[A-Za-z0-9_-]{43}$", SignInMail.TokenOf(message));
        Assert.Matches("^[0-9]{8}$", SignInMail.CodeOf(message));
        Assert.Contains("/auth/link#token=", message.HtmlBody, StringComparison.Ordinal);
        Assert.False(await ScalarAsync<bool>("select email_verified_at is not null from users where email = 'new.person@example.com'"));
    }

    [Fact]
    public async Task The_link_signs_in_verifies_the_email_and_me_returns_the_user()
    {
        using var client = await api.SignedInClientAsync("linker@example.com");

        var me = await client.GetAsync("/api/v1/auth/me");

        Assert.Equal(HttpStatusCode.OK, me.Status);
        Assert.Equal("linker@example.com", me.Body.GetProperty("email").GetString());
        Assert.True(me.Body.GetProperty("emailVerified").GetBoolean());
        Assert.Equal(0, me.Body.GetProperty("passkeyCount").GetInt32());
    }

    [Fact]
    public async Task A_link_works_once_and_used_unknown_and_malformed_tokens_get_the_same_error()
    {
        using var client = api.Host.Client();
        await client.PrimeAsync();
        await client.PostAsync("/api/v1/auth/magic-link/start", new { email = "once@example.com" });
        var token = SignInMail.TokenOf(await api.Mail.WaitForAsync("once@example.com"));
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync("/api/v1/auth/magic-link/verify", new { token })).Status);

        var reused = await client.PostAsync("/api/v1/auth/magic-link/verify", new { token });
        var unknown = await client.PostAsync("/api/v1/auth/magic-link/verify", new { token = new string('A', 43) });
        var malformed = await client.PostAsync("/api/v1/auth/magic-link/verify", new { token = "short" });

        foreach (var response in new[] { reused, unknown, malformed })
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.Status);
            Assert.Equal("invalid_or_expired", response.ErrorCode);
        }

        Assert.Equal(reused.Body.GetProperty("error").GetProperty("message").GetString(), unknown.Body.GetProperty("error").GetProperty("message").GetString());
    }

    [Fact]
    public async Task An_expired_link_is_refused_and_audited_as_expired()
    {
        using var client = api.Host.Client();
        await client.PrimeAsync();
        await client.PostAsync("/api/v1/auth/magic-link/start", new { email = "late@example.com" });
        var token = SignInMail.TokenOf(await api.Mail.WaitForAsync("late@example.com"));
        await ExecuteAsync(
            "update magic_links set expires_at = now() - interval '1 second' where user_id = (select id from users where email = 'late@example.com')");

        var response = await client.PostAsync("/api/v1/auth/magic-link/verify", new { token });

        Assert.Equal("invalid_or_expired", response.ErrorCode);
        Assert.Equal(1L, await ScalarAsync<long>(
            "select count(*) from login_events where event_type = 'magic_link_expired' and user_id = (select id from users where email = 'late@example.com')"));
    }

    [Fact]
    public async Task A_new_link_ends_the_previous_one()
    {
        using var client = api.Host.Client();
        await client.PrimeAsync();
        await client.PostAsync("/api/v1/auth/magic-link/start", new { email = "twice@example.com" });
        var first = SignInMail.TokenOf(await api.Mail.WaitForAsync("twice@example.com"));
        await client.PostAsync("/api/v1/auth/magic-link/start", new { email = "twice@example.com" });
        var second = SignInMail.TokenOf(await api.Mail.WaitForAsync("twice@example.com", 2));

        Assert.Equal("invalid_or_expired", (await client.PostAsync("/api/v1/auth/magic-link/verify", new { token = first })).ErrorCode);
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync("/api/v1/auth/magic-link/verify", new { token = second })).Status);
    }

    [Fact]
    public async Task The_code_signs_in_on_another_device()
    {
        using var laptop = api.Host.Client();
        await laptop.PostAsync("/api/v1/auth/magic-link/start", new { email = "coder@example.com" });
        var code = SignInMail.CodeOf(await api.Mail.WaitForAsync("coder@example.com"));
        using var phone = api.Host.Client();
        await phone.PrimeAsync();

        var response = await phone.PostAsync("/api/v1/auth/magic-link/verify", new { email = "CODER@example.com", code });

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal(HttpStatusCode.OK, (await phone.GetAsync("/api/v1/auth/me")).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await laptop.GetAsync("/api/v1/auth/me")).Status);
    }

    [Fact]
    public async Task Five_wrong_codes_end_the_code_and_lock_the_code_path_while_the_link_still_works()
    {
        using var client = api.Host.Client();
        await client.PrimeAsync();
        await client.PostAsync("/api/v1/auth/magic-link/start", new { email = "guesser@example.com" });
        var message = await api.Mail.WaitForAsync("guesser@example.com");
        var code = SignInMail.CodeOf(message);
        var wrong = code == "00000000" ? "11111111" : "00000000";

        var answers = new List<ApiResponse>();
        for (var i = 0; i < 5; i++)
        {
            answers.Add(await client.PostAsync("/api/v1/auth/magic-link/verify", new { email = "guesser@example.com", code = wrong }));
        }

        var right = await client.PostAsync("/api/v1/auth/magic-link/verify", new { email = "guesser@example.com", code });

        Assert.All(answers.Take(4), a => Assert.Equal("invalid_or_expired", a.ErrorCode));
        Assert.Equal(HttpStatusCode.TooManyRequests, answers[4].Status);
        Assert.Equal(HttpStatusCode.TooManyRequests, right.Status);
        Assert.True(int.Parse(right.Headers["Retry-After"], System.Globalization.CultureInfo.InvariantCulture) > 800);
        Assert.Equal(1L, await ScalarAsync<long>(
            "select count(*) from login_events where event_type = 'account_locked' and user_id = (select id from users where email = 'guesser@example.com')"));
        Assert.Equal("invalid_or_expired", (await client.PostAsync("/api/v1/auth/magic-link/verify", new { token = SignInMail.TokenOf(message) })).ErrorCode);
    }

    [Fact]
    public async Task Codes_for_unknown_addresses_fail_the_same_way()
    {
        using var client = api.Host.Client();
        await client.PrimeAsync();

        var response = await client.PostAsync("/api/v1/auth/magic-link/verify", new { email = "nobody-here@example.com", code = "12345678" });

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal("invalid_or_expired", response.ErrorCode);
        Assert.Equal(0L, await ScalarAsync<long>("select count(*) from users where email = 'nobody-here@example.com'"));
    }

    [Fact]
    public async Task Logout_ends_the_session_on_the_server()
    {
        using var client = await api.SignedInClientAsync("leaver@example.com");
        var stolen = client.SessionCookie!;

        Assert.Equal(HttpStatusCode.NoContent, (await client.PostAsync("/api/v1/auth/logout")).Status);
        Assert.Null(client.SessionCookie);

        client.Cookies["ff_session"] = stolen;
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/auth/me")).Status);
        Assert.Equal(
            1L,
            await ScalarAsync<long>(
                "select count(*) from sessions where revoked_at is not null and revoke_reason = 'logout' and user_id = (select id from users where email = 'leaver@example.com')"));
    }

    [Fact]
    public async Task Every_sign_in_starts_a_new_session()
    {
        using var first = await api.SignedInClientAsync("twosessions@example.com");
        using var second = await api.SignedInClientAsync("twosessions@example.com");

        Assert.NotEqual(first.SessionCookie, second.SessionCookie);
        var sessions = await second.GetAsync("/api/v1/auth/sessions");
        Assert.Equal(2, sessions.Body.GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task Only_hashes_of_tokens_codes_and_session_secrets_are_stored()
    {
        using var client = api.Host.Client();
        await client.PrimeAsync();
        await client.PostAsync("/api/v1/auth/magic-link/start", new { email = "hashes@example.com" });
        var message = await api.Mail.WaitForAsync("hashes@example.com");
        await client.PostAsync("/api/v1/auth/magic-link/verify", new { token = SignInMail.TokenOf(message) });
        var secret = client.SessionCookie!.Split('.')[1];

        var dump = await ScalarAsync<string>(
            """
            select string_agg(t, ' ') from (
              select encode(token_hash, 'escape') || encode(code_hash, 'escape') as t from magic_links
              union all select encode(secret_hash, 'escape') from sessions
              union all select details::text from login_events) x
            """);

        Assert.DoesNotContain(SignInMail.TokenOf(message), dump, StringComparison.Ordinal);
        Assert.DoesNotContain(SignInMail.CodeOf(message), dump, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, dump, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sign_in_events_are_audited_with_ip_user_agent_and_request_id()
    {
        using var client = await api.SignedInClientAsync("audited@example.com");

        await using var command = api.Database.DataSource.CreateCommand(
            "select event_type, host(ip), user_agent, request_id from login_events where user_id = (select id from users where email = 'audited@example.com') order by id");
        await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        var events = new List<(string Type, string Ip, string Agent, string RequestId)>();
        while (await reader.ReadAsync(TestContext.Current.CancellationToken))
        {
            events.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3)));
        }

        Assert.Equal(["magic_link_sent", "magic_link_verified_success", "email_verified", "session_created"], events.Select(e => e.Type));
        Assert.All(events, e => Assert.Equal("127.0.0.1", e.Ip));
        Assert.All(events, e => Assert.Contains("Chrome", e.Agent, StringComparison.Ordinal));
        Assert.All(events, e => Assert.Equal(32, e.RequestId.Length));
    }

    private async Task<T> ScalarAsync<T>(string sql)
    {
        await using var command = api.Database.DataSource.CreateCommand(sql);
        return (T)(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken))!;
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var command = api.Database.DataSource.CreateCommand(sql);
        await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
    }
}
