using System.Net;
using System.Security.Cryptography;
using System.Text;
using FitFolio.Tests.Infrastructure;

namespace FitFolio.Tests.Api;

/// <summary>Personal access tokens: created once-visible, hashed at rest, scoped, revocable, and kept away from everything but the data API.</summary>
public sealed class ApiKeyTests(ManualClockApi api) : IClassFixture<ManualClockApi>
{
    private const string Keys = "/api/v1/account/api-keys";

    [Fact]
    public async Task A_new_key_is_shown_once_stored_only_as_a_hash_and_listed_by_its_prefix()
    {
        using var owner = await api.SignedInClientAsync("key-owner@example.com");

        var created = await owner.PostAsync(Keys, new { name = "  Garmin sync  ", scopes = new[] { "read", "write", "read" }, expiresInDays = 30 });

        Assert.Equal(HttpStatusCode.Created, created.Status);
        var secret = created.Body.GetProperty("secret").GetString()!;
        var key = created.Body.GetProperty("key");
        Assert.Matches("^ffk_[A-Za-z0-9_-]{12}_[A-Za-z0-9_-]{43}$", secret);
        Assert.Equal("Garmin sync", key.GetProperty("name").GetString());
        Assert.Equal(secret[..16], key.GetProperty("prefix").GetString());
        Assert.Equal(["read", "write"], key.GetProperty("scopes").EnumerateArray().Select(s => s.GetString()));
        Assert.True(key.GetProperty("expiresAt").GetDateTimeOffset() > api.Clock.GetUtcNow().AddDays(29));

        var listed = await owner.GetAsync(Keys);
        Assert.DoesNotContain(secret[17..], listed.Text, StringComparison.Ordinal);
        Assert.Equal(key.GetProperty("id").GetString(), Assert.Single(listed.Body.GetProperty("items").EnumerateArray()).GetProperty("id").GetString());

        var stored = await api.ScalarAsync<byte[]>($"select secret_hash from api_keys where id = '{key.GetProperty("id").GetString()}'");
        Assert.Equal(SHA256.HashData(Encoding.UTF8.GetBytes(secret[17..])), stored);
        Assert.Equal(0L, await api.CountAsync($"select count(*) from api_keys where encode(secret_hash, 'escape') like '%{secret[17..27]}%'"));
        Assert.Equal(1L, await api.AuditCountAsync("api_key_created", "key-owner@example.com"));
    }

    [Fact]
    public async Task A_read_key_reaches_the_data_api_and_records_its_last_use()
    {
        using var owner = await api.SignedInClientAsync("reader@example.com");
        var (id, secret) = await CreateKeyAsync(owner, "read");
        using var script = api.Host.Client();
        script.Bearer = secret;

        var account = await script.GetAsync("/api/v1/account");

        Assert.Equal(HttpStatusCode.OK, account.Status);
        Assert.Equal("reader@example.com", account.Body.GetProperty("email").GetString());
        await Eventually.TrueAsync(
            async () => await api.CountAsync("select count(*) from api_keys where id = @id and last_used_at is not null", ("id", Guid.Parse(id))) == 1,
            TimeSpan.FromSeconds(10),
            "last use stored");
        var listed = Assert.Single((await owner.GetAsync(Keys)).Body.GetProperty("items").EnumerateArray());
        Assert.NotEqual(System.Text.Json.JsonValueKind.Null, listed.GetProperty("lastUsedAt").ValueKind);
    }

    [Fact]
    public async Task The_training_log_takes_keys_by_scope_without_csrf_a_read_key_reads_and_only_a_write_key_writes()
    {
        using var owner = await api.SignedInClientAsync("scoped@example.com");
        var (_, reader) = await CreateKeyAsync(owner, "read");
        var (_, writer) = await CreateKeyAsync(owner, "write");
        using var script = api.Host.Client();
        var entry = new StringContent("{\"weight\":80,\"unit\":\"kg\"}", Encoding.UTF8, "application/json");

        script.Bearer = reader;
        var read = await script.GetAsync("/api/v1/training/exercises?query=bench");
        var refused = await script.SendAsync(HttpMethod.Put, "/api/v1/training/body-weight/2026-11-21", entry);
        script.Bearer = writer;
        var written = await script.SendAsync(
            HttpMethod.Put, "/api/v1/training/body-weight/2026-11-21", new StringContent("{\"weight\":80,\"unit\":\"kg\"}", Encoding.UTF8, "application/json"));
        var readByWriter = await script.GetAsync("/api/v1/training/body-weight");

        Assert.Equal(HttpStatusCode.OK, read.Status);
        Assert.Equal(HttpStatusCode.Forbidden, refused.Status);
        Assert.Equal("insufficient_scope", refused.ErrorCode);
        Assert.Equal(HttpStatusCode.Created, written.Status);
        Assert.Equal(HttpStatusCode.Forbidden, readByWriter.Status);
        Assert.Single((await owner.GetAsync("/api/v1/training/body-weight")).Body.GetProperty("items").EnumerateArray());
    }

    [Theory]
    [InlineData("GET", "/api/v1/auth/me")]
    [InlineData("GET", "/api/v1/auth/sessions")]
    [InlineData("POST", "/api/v1/auth/sessions/revoke-all-others")]
    [InlineData("POST", "/api/v1/auth/logout")]
    [InlineData("POST", "/api/v1/auth/magic-link/start")]
    [InlineData("POST", "/api/v1/auth/webauthn/authenticate/start")]
    [InlineData("POST", "/api/v1/account/email-change/confirm")]
    [InlineData("GET", "/api/v1/account/api-keys")]
    [InlineData("POST", "/api/v1/account/api-keys")]
    [InlineData("GET", "/api/v1/auth/webauthn/credentials")]
    [InlineData("POST", "/api/v1/auth/webauthn/register/start")]
    [InlineData("POST", "/api/v1/auth/reauthenticate/start")]
    [InlineData("POST", "/api/v1/account/export")]
    [InlineData("DELETE", "/api/v1/account")]
    [InlineData("POST", "/api/v1/account/email-change")]
    [InlineData("GET", "/api/v1/admin/users")]
    public async Task A_key_with_every_scope_never_reaches_sign_in_sessions_passkeys_key_management_or_admin(string method, string path)
    {
        using var owner = await api.SignedInClientAsync("full-key@example.com");
        var (_, secret) = await CreateKeyAsync(owner, "read", "write");
        using var script = api.Host.Client();
        script.Bearer = secret;

        var response = await script.SendAsync(
            new HttpMethod(method), path, method == "GET" ? null : new StringContent("{}", Encoding.UTF8, "application/json"));

        Assert.True(response.Status is HttpStatusCode.Forbidden or HttpStatusCode.Unauthorized, $"{method} {path}: {(int)response.Status} {response.Text}");
        Assert.NotNull(response.ErrorCode);
        Assert.Equal(0L, await api.CountAsync(
            "select count(*) from api_keys where user_id = (select id from users where email = 'full-key@example.com') and revoked_at is not null"));
        Assert.Equal(HttpStatusCode.OK, (await owner.GetAsync("/api/v1/auth/me")).Status);
    }

    [Fact]
    public async Task A_request_with_a_key_ignores_any_session_cookie_it_also_carries()
    {
        using var owner = await api.SignedInClientAsync("cookie-and-key@example.com");
        var (_, secret) = await CreateKeyAsync(owner, "read");
        owner.Bearer = secret;

        var sessions = await owner.GetAsync("/api/v1/auth/sessions");

        Assert.Equal(HttpStatusCode.Forbidden, sessions.Status);
        Assert.Equal("api_key_not_allowed", sessions.ErrorCode);
    }

    [Theory]
    [InlineData("Bearer ")]
    [InlineData("Bearer ghp_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
    [InlineData("Bearer ffk_short")]
    [InlineData("Bearer ffk_AAAAAAAAAAAA_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("Bearer ffk_AAAAAAAAAAA!_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("Basic dXNlcjpwYXNz")]
    [InlineData("Bearer ffk_AAAAAAAAAAAA_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public async Task A_malformed_or_unknown_key_gets_401_with_a_json_error(string header)
    {
        using var client = api.Host.Client();

        var response = await client.SendAsync(HttpMethod.Get, "/api/v1/account", null, r => r.Headers.TryAddWithoutValidation("Authorization", header));

        Assert.Equal(HttpStatusCode.Unauthorized, response.Status);
        Assert.Equal("invalid_api_key", response.ErrorCode);
        Assert.Contains("invalid_token", response.Headers["WWW-Authenticate"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_revoked_key_is_refused_as_soon_as_the_revocation_returns_and_another_persons_key_cannot_be_revoked()
    {
        using var owner = await api.SignedInClientAsync("revoker@example.com");
        using var stranger = await api.SignedInClientAsync("stranger@example.com");
        var (id, secret) = await CreateKeyAsync(owner, "read");
        using var script = api.Host.Client();
        script.Bearer = secret;
        Assert.Equal(HttpStatusCode.OK, (await script.GetAsync("/api/v1/account")).Status);

        Assert.Equal(HttpStatusCode.NotFound, (await stranger.DeleteAsync($"{Keys}/{id}")).Status);
        Assert.Equal("invalid_id", (await stranger.DeleteAsync($"{Keys}/not-a-uuid")).ErrorCode);
        Assert.Equal(HttpStatusCode.OK, (await script.GetAsync("/api/v1/account")).Status);

        Assert.Equal(HttpStatusCode.NoContent, (await owner.DeleteAsync($"{Keys}/{id}")).Status);
        var after = await script.GetAsync("/api/v1/account");

        Assert.Equal(HttpStatusCode.Unauthorized, after.Status);
        Assert.Contains("revoked", after.Body.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await owner.DeleteAsync($"{Keys}/{id}")).Status);
        Assert.Empty((await owner.GetAsync(Keys)).Body.GetProperty("items").EnumerateArray());
        Assert.Equal(1L, await api.AuditCountAsync("api_key_revoked", "revoker@example.com"));
    }

    [Fact]
    public async Task A_key_stops_working_when_it_expires()
    {
        using var owner = await api.SignedInClientAsync("expiring-key@example.com");
        var created = await owner.PostAsync(Keys, new { name = "one day", scopes = new[] { "read" }, expiresInDays = 1 });
        using var script = api.Host.Client();
        script.Bearer = created.Body.GetProperty("secret").GetString();
        Assert.Equal(HttpStatusCode.OK, (await script.GetAsync("/api/v1/account")).Status);

        api.Clock.Advance(TimeSpan.FromDays(1.01));
        var expired = await script.GetAsync("/api/v1/account");

        Assert.Equal(HttpStatusCode.Unauthorized, expired.Status);
        Assert.Contains("expired", expired.Body.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_key_of_a_locked_account_does_nothing_until_it_is_unlocked()
    {
        using var admin = await api.SignedInWithPasskeyProofAsync(AdminTests.AdminEmail);
        using var owner = await api.SignedInClientAsync("locked-key@example.com");
        var (_, secret) = await CreateKeyAsync(owner, "read");
        var userId = await api.UserIdAsync("locked-key@example.com");
        using var script = api.Host.Client();
        script.Bearer = secret;

        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsync($"/api/v1/admin/users/{userId}/lock", new { minutes = 30 })).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await script.GetAsync("/api/v1/account")).Status);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsync($"/api/v1/admin/users/{userId}/unlock")).Status);
        Assert.Equal(HttpStatusCode.OK, (await script.GetAsync("/api/v1/account")).Status);
    }

    [Fact]
    public async Task An_admin_signing_a_person_out_everywhere_revokes_their_keys_only_when_asked_and_audits_each()
    {
        using var admin = await api.SignedInWithPasskeyProofAsync(AdminTests.AdminEmail);
        using var owner = await api.SignedInClientAsync("compromised-keys@example.com");
        var (_, reader) = await CreateKeyAsync(owner, "read");
        var (_, writer) = await CreateKeyAsync(owner, "read", "write");
        var userId = await api.UserIdAsync("compromised-keys@example.com");
        var adminId = await api.UserIdAsync(AdminTests.AdminEmail);
        using var readScript = api.Host.Client();
        readScript.Bearer = reader;
        using var writeScript = api.Host.Client();
        writeScript.Bearer = writer;

        var sessionsOnly = await admin.PostAsync($"/api/v1/admin/users/{userId}/revoke-sessions", new { revokeApiKeys = false });
        Assert.Equal(HttpStatusCode.OK, sessionsOnly.Status);
        Assert.Equal(1, sessionsOnly.Body.GetProperty("revoked").GetInt32());
        Assert.Equal(0, sessionsOnly.Body.GetProperty("apiKeysRevoked").GetInt32());
        Assert.Equal(HttpStatusCode.OK, (await readScript.GetAsync("/api/v1/account")).Status);
        var wrongType = await admin.PostRawAsync($"/api/v1/admin/users/{userId}/revoke-sessions", "{\"revokeApiKeys\":\"yes\"}");
        Assert.Equal(HttpStatusCode.BadRequest, wrongType.Status);
        Assert.Equal(HttpStatusCode.OK, (await writeScript.GetAsync("/api/v1/account")).Status);

        var everything = await admin.PostAsync($"/api/v1/admin/users/{userId}/revoke-sessions", new { revokeApiKeys = true });

        Assert.Equal(HttpStatusCode.OK, everything.Status);
        Assert.Equal(0, everything.Body.GetProperty("revoked").GetInt32());
        Assert.Equal(2, everything.Body.GetProperty("apiKeysRevoked").GetInt32());
        Assert.Equal(HttpStatusCode.Unauthorized, (await readScript.GetAsync("/api/v1/account")).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await writeScript.GetAsync("/api/v1/training/workouts")).Status);
        var audited = (await admin.GetAsync($"/api/v1/admin/audit/events?userId={userId}&type=api_key_revoked")).Body.GetProperty("items");
        Assert.Equal(2, audited.GetArrayLength());
        Assert.All(audited.EnumerateArray(), row =>
        {
            Assert.Equal("revoked_by_admin", row.GetProperty("details").GetProperty("reason").GetString());
            Assert.Equal(adminId.ToString(), row.GetProperty("details").GetProperty("by_admin").GetString());
        });
        var again = await admin.PostAsync($"/api/v1/admin/users/{userId}/revoke-sessions", new { revokeApiKeys = true });
        Assert.Equal(0, again.Body.GetProperty("apiKeysRevoked").GetInt32());
    }

    [Theory]
    [InlineData("{\"name\":\"\",\"scopes\":[\"read\"]}", "invalid_name")]
    [InlineData("{\"scopes\":[\"read\"]}", "invalid_name")]
    [InlineData("{\"name\":\"a\\u0000b\",\"scopes\":[\"read\"]}", "invalid_name")]
    [InlineData("{\"name\":\"k\",\"scopes\":[]}", "invalid_scopes")]
    [InlineData("{\"name\":\"k\",\"scopes\":[\"admin\"]}", "invalid_scopes")]
    [InlineData("{\"name\":\"k\",\"scopes\":[\"read\",null]}", "invalid_scopes")]
    [InlineData("{\"name\":\"k\",\"scopes\":[\"read\"],\"expiresInDays\":0}", "invalid_expiry")]
    [InlineData("{\"name\":\"k\",\"scopes\":[\"read\"],\"expiresInDays\":366}", "invalid_expiry")]
    [InlineData("{\"name\":\"k\",\"scopes\":[\"read\"],\"expiresInDays\":\"soon\"}", "invalid_json")]
    [InlineData("{\"name\":\"k\",\"scopes\":\"read\"}", "invalid_json")]
    [InlineData("not json", "invalid_json")]
    public async Task Bad_key_requests_get_a_clear_400_and_create_nothing(string body, string code)
    {
        using var owner = await api.SignedInClientAsync("bad-key-input@example.com");

        var response = await owner.PostRawAsync(Keys, body);

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal(code, response.ErrorCode);
        Assert.Equal(
            0L, await api.CountAsync("select count(*) from api_keys where user_id = (select id from users where email = 'bad-key-input@example.com')"));
    }

    [Fact]
    public async Task Creating_a_key_needs_a_recent_sign_in()
    {
        using var owner = await api.SignedInClientAsync("stale-key@example.com");
        api.LetSignInGoStale();

        var response = await owner.PostAsync(Keys, new { name = "late", scopes = new[] { "read" } });

        Assert.Equal(HttpStatusCode.Forbidden, response.Status);
        Assert.Equal("reauthentication_required", response.ErrorCode);
        Assert.Equal(0L, await api.CountAsync("select count(*) from api_keys where user_id = (select id from users where email = 'stale-key@example.com')"));
    }

    private static async Task<(string Id, string Secret)> CreateKeyAsync(ApiClient owner, params string[] scopes)
    {
        var created = await owner.PostAsync(Keys, new { name = "test key", scopes });
        Assert.True(created.Status == HttpStatusCode.Created, created.Text);
        return (created.Body.GetProperty("key").GetProperty("id").GetString()!, created.Body.GetProperty("secret").GetString()!);
    }
}

/// <summary>The per-IP limit on failed keys, at its default (the class above raises it so its own bad-key cases do not throttle each other).</summary>
public sealed class ApiKeyGuessingTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    [Fact]
    public async Task Guessing_keys_is_stopped_by_a_per_ip_limit()
    {
        using var guesser = api.Host.Client();
        guesser.Bearer = "ffk_AAAAAAAAAAAA_" + new string('B', 43);

        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 12; i++)
        {
            answers.Add((await guesser.GetAsync("/api/v1/account")).Status);
        }

        Assert.Contains(HttpStatusCode.TooManyRequests, answers);
        Assert.DoesNotContain(HttpStatusCode.OK, answers);
    }
}
