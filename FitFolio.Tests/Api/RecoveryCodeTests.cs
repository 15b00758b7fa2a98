using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using FitFolio.Grains.Mail;
using FitFolio.Tests.Infrastructure;
using FitFolio.Tests.Passkeys;

namespace FitFolio.Tests.Api;

/// <summary>Recovery codes: issued when email sign-in goes off, shown once, hashed, each signing in once.</summary>
public sealed partial class RecoveryCodeTests(ManualClockApi api) : IClassFixture<ManualClockApi>
{
    private const string Verify = "/api/v1/auth/recovery-codes/verify";
    private const string Codes = "/api/v1/auth/recovery-codes";

    [Fact]
    public async Task Turning_email_sign_in_off_shows_ten_codes_once_and_stores_only_their_hashes()
    {
        const string email = "codes-shown@example.com";
        var (client, codes) = await PasskeyOnlyAsync(email);
        using (client)
        {
            Assert.Equal(10, codes.Count);
            Assert.Equal(10, codes.Distinct().Count());
            Assert.All(codes, code => Assert.Matches(CodeShape(), code));
            var stored = await DigestsAsync(email);
            Assert.Equal(10, stored.Count);
            Assert.Equal(
                codes.Select(c => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(c.Replace("-", "", StringComparison.Ordinal))))).Order(),
                stored.Select(Convert.ToHexString).Order());
            Assert.Equal(0L, await api.CountAsync($"select count(*) from login_events where details::text like '%{codes[0]}%'"));
            Assert.Equal(1L, await api.AuditCountAsync("recovery_codes_issued", email));

            var status = await client.GetAsync(Codes);
            Assert.Equal(10, status.Body.GetProperty("remaining").GetInt32());
            Assert.False(status.Text.Contains(codes[0], StringComparison.Ordinal));

            // Back on answers no codes; off again issues a new set and the first stops working.
            var on = await client.SendAsync(HttpMethod.Put, "/api/v1/auth/email-sign-in", Json("{\"enabled\":true}"));
            Assert.Equal(JsonValueKind.Null, on.Body.GetProperty("recoveryCodes").ValueKind);
            var off = await client.SendAsync(HttpMethod.Put, "/api/v1/auth/email-sign-in", Json("{\"enabled\":false}"));
            var second = off.Body.GetProperty("recoveryCodes").EnumerateArray().Select(c => c.GetString()!).ToList();
            Assert.Empty(second.Intersect(codes));
            using var stranger = await api.SignedOutClientAsync();
            Assert.Equal("invalid_recovery_code", (await stranger.PostAsync(Verify, new { email, code = codes[0] })).ErrorCode);
        }
    }

    [Fact]
    public async Task A_code_signs_in_once_ends_every_other_session_mails_the_owner_and_asks_for_a_passkey()
    {
        const string email = "recovered@example.com";
        var (first, codes) = await PasskeyOnlyAsync(email);
        using (first)
        {
            using var second = await api.SignedOutClientAsync();
            using var authenticator = new SoftwareAuthenticator();
            await first.RegisterAsync(authenticator);
            Assert.Equal(HttpStatusCode.OK, (await second.SignInAsync(authenticator)).Status);
            using var rescued = await api.SignedOutClientAsync();

            // Typed as people type it: lower case, spaces for dashes.
            var signedIn = await rescued.PostAsync(Verify, new { email = "Recovered@Example.com", code = codes[3].ToLowerInvariant().Replace('-', ' ') });

            Assert.Equal(HttpStatusCode.OK, signedIn.Status);
            Assert.Equal(email, signedIn.Body.GetProperty("user").GetProperty("email").GetString());
            Assert.Equal(9, signedIn.Body.GetProperty("recoveryCodesRemaining").GetInt32());
            Assert.True(signedIn.Body.GetProperty("passkeyRequested").GetBoolean());
            Assert.Equal(HttpStatusCode.OK, (await rescued.GetAsync("/api/v1/auth/me")).Status);
            Assert.Equal(HttpStatusCode.Unauthorized, (await first.GetAsync("/api/v1/auth/me")).Status);
            Assert.Equal(HttpStatusCode.Unauthorized, (await second.GetAsync("/api/v1/auth/me")).Status);
            Assert.Equal(1L, await api.CountAsync(
                "select count(*) from sessions where revoked_at is null and authenticated_with = 'recovery_code' and user_id = (select id from users where email = @email)",
                ("email", email)));
            Assert.Equal(1L, await api.CountAsync(
                "select count(*) from sessions where revoked_at is null and user_id = (select id from users where email = @email)", ("email", email)));
            Assert.Equal(1L, await api.AuditCountAsync("recovery_code_used", email));
            var mail = await api.Mail.WaitForMessageAsync(
                m => m.IsTo(email) && m.Subject == AccountMailTemplates.RecoveryCodeUsedSubject,
                TimeSpan.FromSeconds(30),
                TestContext.Current.CancellationToken);
            Assert.Contains("Recovery codes left: 9", mail.TextBody, StringComparison.Ordinal);
            Assert.DoesNotContain(codes[3], mail.TextBody, StringComparison.Ordinal);

            // The app asks for a new passkey: the sign-in is recent enough to add one.
            Assert.Equal(HttpStatusCode.OK, (await rescued.PostAsync(PasskeySteps.Base + "/register/start")).Status);

            using var again = await api.SignedOutClientAsync();
            var twice = await again.PostAsync(Verify, new { email, code = codes[3] });
            Assert.Equal(HttpStatusCode.BadRequest, twice.Status);
            Assert.Equal("invalid_recovery_code", twice.ErrorCode);
            Assert.Equal(9, (await rescued.GetAsync(Codes)).Body.GetProperty("remaining").GetInt32());
        }
    }

    [Fact]
    public async Task Two_requests_racing_with_one_code_sign_in_once()
    {
        const string email = "code-race@example.com";
        var (client, codes) = await PasskeyOnlyAsync(email);
        client.Dispose();
        using var a = await api.SignedOutClientAsync();
        using var b = await api.SignedOutClientAsync();

        var answers = await Task.WhenAll(a.PostAsync(Verify, new { email, code = codes[0] }), b.PostAsync(Verify, new { email, code = codes[0] }));

        Assert.Single(answers, r => r.Status == HttpStatusCode.OK);
        Assert.Single(answers, r => r.ErrorCode == "invalid_recovery_code");
        Assert.Equal(1L, await api.AuditCountAsync("recovery_code_used", email));
        Assert.Equal(9L, await api.CountAsync(
            "select count(*) from recovery_codes where used_at is null and user_id = (select id from users where email = @email)", ("email", email)));
    }

    [Fact]
    public async Task Every_bad_input_is_a_400_with_the_error_body_and_an_unknown_address_answers_alike()
    {
        const string email = "bad-input-codes@example.com";
        var (client, codes) = await PasskeyOnlyAsync(email);
        client.Dispose();
        using var stranger = await api.SignedOutClientAsync();

        var known = await stranger.PostAsync(Verify, new { email, code = "AAAA-AAAA-AAAA-AAAA" });
        var unknown = await stranger.PostAsync(Verify, new { email = "nobody-here@example.com", code = "AAAA-AAAA-AAAA-AAAA" });
        ApiResponse[] bad =
        [
            await stranger.PostRawAsync(Verify, "{}"),
            await stranger.PostAsync(Verify, new { email }),
            await stranger.PostAsync(Verify, new { code = codes[0] }),
            await stranger.PostAsync(Verify, new { email = "not an address", code = codes[0] }),
            await stranger.PostAsync(Verify, new { email = "other-bad@example.com", code = "short" }),
            await stranger.PostAsync(Verify, new { email = "other-bad@example.com", code = codes[0] + "A" }),
            await stranger.PostAsync(Verify, new { email = "other-bad@example.com", code = "UUUU-UUUU-UUUU-UUUU" }),
            await stranger.PostAsync(Verify, new { email = "other-bad@example.com", code = new string('A', 5000) }),
        ];
        var notJson = await stranger.PostRawAsync(Verify, "{\"email\":");
        var wrongTypes = await stranger.PostRawAsync(Verify, "{\"email\":1,\"code\":[]}");

        Assert.Equal(HttpStatusCode.BadRequest, known.Status);
        Assert.Equal(known.Body.GetProperty("error").GetProperty("message").GetString(), unknown.Body.GetProperty("error").GetProperty("message").GetString());
        Assert.Equal(known.ErrorCode, unknown.ErrorCode);
        Assert.All(bad, r =>
        {
            Assert.Equal(HttpStatusCode.BadRequest, r.Status);
            Assert.Equal("invalid_recovery_code", r.ErrorCode);
        });
        Assert.Equal(HttpStatusCode.BadRequest, notJson.Status);
        Assert.NotNull(notJson.ErrorCode);
        Assert.Equal(HttpStatusCode.BadRequest, wrongTypes.Status);
        Assert.NotNull(wrongTypes.ErrorCode);
        Assert.Equal(10L, await api.CountAsync(
            "select count(*) from recovery_codes where used_at is null and user_id = (select id from users where email = @email)", ("email", email)));
        // The wrong code and the missing one were counted for the address, like any failure.
        Assert.Equal(2L, await api.AuditCountAsync("recovery_code_failure", email));
    }

    [Fact]
    public async Task A_request_without_the_csrf_token_is_refused()
    {
        using var stranger = await api.SignedOutClientAsync();
        stranger.SendCsrf = false;

        var refused = await stranger.PostAsync(Verify, new { email = "csrf-codes@example.com", code = "AAAA-AAAA-AAAA-AAAA" });

        Assert.Equal(HttpStatusCode.Forbidden, refused.Status);
        Assert.NotNull(refused.ErrorCode);
    }

    [Fact]
    public async Task Five_wrong_codes_lock_the_address_alike_whether_or_not_it_has_an_account()
    {
        const string email = "locks-codes@example.com";
        var (client, codes) = await PasskeyOnlyAsync(email);
        client.Dispose();
        using var attacker = await api.SignedOutClientAsync();

        foreach (var address in new[] { email, "locks-nobody@example.com" })
        {
            var answers = new List<ApiResponse>();
            for (var i = 0; i < 5; i++)
            {
                answers.Add(await attacker.PostAsync(Verify, new { email = address, code = "AAAA-AAAA-AAAA-AAA" + i }));
            }

            Assert.All(answers.Take(4), r => Assert.Equal("invalid_recovery_code", r.ErrorCode));
            Assert.Equal(HttpStatusCode.TooManyRequests, answers[4].Status);
            Assert.True(answers[4].Headers.ContainsKey("Retry-After"));
        }

        // Locked: even the right code is refused, and nothing is used up.
        var right = await attacker.PostAsync(Verify, new { email, code = codes[0] });
        Assert.Equal(HttpStatusCode.TooManyRequests, right.Status);
        Assert.Equal(10L, await api.CountAsync(
            "select count(*) from recovery_codes where used_at is null and user_id = (select id from users where email = @email)", ("email", email)));
        Assert.Equal(1L, await api.CountAsync(
            "select count(*) from login_events where event_type = 'account_locked' and details->>'path' = 'recovery_code' and user_id = (select id from users where email = @email)",
            ("email", email)));

        api.Clock.Advance(TimeSpan.FromMinutes(16));
        Assert.Equal(HttpStatusCode.OK, (await attacker.PostAsync(Verify, new { email, code = codes[0] })).Status);
        Assert.Equal(0L, await api.CountAsync("select count(*) from recovery_code_lockouts where email = @email", ("email", email)));
    }

    [Fact]
    public async Task A_new_set_needs_a_recent_sign_in_and_voids_every_earlier_code()
    {
        const string email = "regenerates@example.com";
        var (client, codes) = await PasskeyOnlyAsync(email);
        using (client)
        {
            using var anonymous = await api.SignedOutClientAsync();
            Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsync(Codes)).Status);
            Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync(Codes)).Status);

            var fresh = await client.PostAsync(Codes);
            Assert.Equal(HttpStatusCode.Created, fresh.Status);
            var newCodes = fresh.Body.GetProperty("codes").EnumerateArray().Select(c => c.GetString()!).ToList();
            Assert.Equal(10, newCodes.Count);
            Assert.Equal(10, (await DigestsAsync(email)).Count);
            Assert.Equal(2L, await api.AuditCountAsync("recovery_codes_issued", email));

            api.LetSignInGoStale();
            var stale = await client.PostAsync(Codes);
            Assert.Equal(HttpStatusCode.Forbidden, stale.Status);
            Assert.Equal("reauthentication_required", stale.ErrorCode);

            using var rescued = await api.SignedOutClientAsync();
            Assert.Equal("invalid_recovery_code", (await rescued.PostAsync(Verify, new { email, code = codes[0] })).ErrorCode);
            Assert.Equal(HttpStatusCode.OK, (await rescued.PostAsync(Verify, new { email, code = newCodes[0] })).Status);
        }
    }

    /// <summary>A signed-in client whose account has two passkeys and email sign-in off, and the codes that answered.</summary>
    private async Task<(ApiClient Client, IReadOnlyList<string> Codes)> PasskeyOnlyAsync(string email)
    {
        var client = await api.SignedInClientAsync(email);
        using var first = new SoftwareAuthenticator();
        using var second = new SoftwareAuthenticator();
        await client.RegisterAsync(first);
        await client.RegisterAsync(second);
        var off = await client.SendAsync(HttpMethod.Put, "/api/v1/auth/email-sign-in", Json("{\"enabled\":false}"));
        Assert.Equal(HttpStatusCode.OK, off.Status);
        Assert.False(off.Body.GetProperty("emailSignInEnabled").GetBoolean());
        return (client, [.. off.Body.GetProperty("recoveryCodes").EnumerateArray().Select(c => c.GetString()!)]);
    }

    private async Task<List<byte[]>> DigestsAsync(string email)
    {
        await using var command = api.Database.DataSource.CreateCommand(
            "select digest from recovery_codes where used_at is null and user_id = (select id from users where email = @email)");
        command.Parameters.AddWithValue("email", email);
        await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        var digests = new List<byte[]>();
        while (await reader.ReadAsync(TestContext.Current.CancellationToken))
        {
            digests.Add(reader.GetFieldValue<byte[]>(0));
        }

        return digests;
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    [GeneratedRegex("^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$")]
    private static partial Regex CodeShape();
}
