using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FitFolio.Tests.Infrastructure;

namespace FitFolio.Tests.Api;

/// <summary>
/// Security logging (ASVS 5.0 V16.3): refused authorisation, session expiry and API-key use are
/// audited with the request's origin, and a request id reaches the audit log only in its strict format.
/// </summary>
public sealed class SecurityAuditTests(SecurityAuditTests.Clocked api) : IClassFixture<SecurityAuditTests.Clocked>
{
    /// <summary>
    /// Session limits short enough that each way of running out of time can be reached on its own:
    /// rotation every 2 days, 3 days without a rotation end it, 4 idle days end it, 14 days in all.
    /// </summary>
    public sealed class Clocked(PostgresServer server) : ManualClockApi(server)
    {
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>(base.Settings)
        {
            ["Auth:SessionIdleTimeout"] = "4.00:00:00",
            ["Auth:SessionRotationInterval"] = "2.00:00:00",
            ["Auth:SessionMaxUnrotatedAge"] = "3.00:00:00",
        };

        public async Task<IReadOnlyList<AuditRow>> AuditAsync(string email, string type)
        {
            await using var command = Database.DataSource.CreateCommand(
                "select request_id, host(ip), details::text from login_events where event_type = @type and user_id = (select id from users where email = @email) order by id");
            command.Parameters.AddWithValue("type", type);
            command.Parameters.AddWithValue("email", email);
            await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
            var rows = new List<AuditRow>();
            while (await reader.ReadAsync(TestContext.Current.CancellationToken))
            {
                rows.Add(new AuditRow(
                    reader.IsDBNull(0) ? null : reader.GetString(0),
                    reader.IsDBNull(1) ? null : reader.GetString(1),
                    JsonDocument.Parse(reader.GetString(2)).RootElement.Clone()));
            }

            return rows;
        }
    }

    public sealed record AuditRow(string? RequestId, string? Ip, JsonElement Details)
    {
        public string? Detail(string name) => Details.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value.ToString() : null;
    }

    [Fact]
    public async Task Every_refused_authorisation_is_audited_with_the_code_path_and_origin()
    {
        const string email = "refused@example.com";
        using var member = await api.SignedInClientAsync(email);
        var key = await member.PostAsync("/api/v1/account/api-keys", new { name = "reader", scopes = new[] { "read" } });
        using var script = api.Host.Client();
        script.Bearer = key.Body.GetProperty("secret").GetString();
        var keyId = key.Body.GetProperty("key").GetProperty("id").GetString();

        var admin = await WithIdAsync(member, HttpMethod.Get, "/api/v1/admin/users", "refused-admin-0001");
        var notForKeys = await WithIdAsync(script, HttpMethod.Get, "/api/v1/auth/sessions", "refused-key-0002");
        var scope = await WithIdAsync(
            script, HttpMethod.Put, "/api/v1/training/body-weight/2026-11-20", "refused-scope-0003", new { weight = 80, unit = "kg" });
        api.LetSignInGoStale();
        var stale = await WithIdAsync(
            member, HttpMethod.Post, "/api/v1/account/api-keys", "refused-stale-0004", new { name = "late", scopes = new[] { "read" } });

        Assert.Equal(
            ["forbidden", "api_key_not_allowed", "insufficient_scope", "reauthentication_required"],
            new[] { admin, notForKeys, scope, stale }.Select(r => r.ErrorCode));
        var rows = await api.AuditAsync(email, "authorization_refused");
        Assert.Equal(["refused-admin-0001", "refused-key-0002", "refused-scope-0003", "refused-stale-0004"], rows.Select(r => r.RequestId));
        Assert.Equal(["forbidden", "api_key_not_allowed", "insufficient_scope", "reauthentication_required"], rows.Select(r => r.Detail("code")));
        Assert.Equal(
            ["/api/v1/admin/users", "/api/v1/auth/sessions", "/api/v1/training/body-weight/2026-11-20", "/api/v1/account/api-keys"],
            rows.Select(r => r.Detail("path")));
        Assert.Equal([null, keyId, keyId, null], rows.Select(r => r.Detail("api_key_id")));
        Assert.All(rows, r => Assert.Equal("127.0.0.1", r.Ip));
    }

    [Theory]
    [InlineData("idle")]
    [InlineData("unrotated")]
    [InlineData("absolute")]
    public async Task A_session_that_runs_out_of_time_is_audited_once_by_the_request_that_finds_it(string reason)
    {
        var email = $"expiry-{reason}@example.com";
        using var client = await api.SignedInClientAsync(email);
        var sessionId = await api.ScalarAsync<Guid>("select id from sessions where user_id = (select id from users where email = @email)", ("email", email));
        switch (reason)
        {
            case "idle":
                api.Clock.Advance(TimeSpan.FromDays(4.1));
                break;
            case "unrotated":
                // Seen after a day (no rotation due yet), then not again until 3.5 days: not idle, but never rotated.
                api.Clock.Advance(TimeSpan.FromDays(1));
                Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/auth/me")).Status);
                api.Clock.Advance(TimeSpan.FromDays(2.5));
                break;
            default:
                for (var day = 1; day <= 13; day++)
                {
                    api.Clock.Advance(TimeSpan.FromDays(1));
                    Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/auth/me")).Status);
                }

                api.Clock.Advance(TimeSpan.FromDays(1.1));
                break;
        }

        var cookie = client.SessionCookie!;
        var noticed = await WithIdAsync(client, HttpMethod.Get, "/api/v1/auth/me", $"expiry-{reason}-noticed");
        using var replay = api.Host.Client();
        replay.Cookies["ff_session"] = cookie;
        var again = await replay.GetAsync("/api/v1/auth/me");

        Assert.Equal(HttpStatusCode.Unauthorized, noticed.Status);
        Assert.Equal(HttpStatusCode.Unauthorized, again.Status);
        var row = Assert.Single(await api.AuditAsync(email, "session_expired"));
        Assert.Equal($"expiry-{reason}-noticed", row.RequestId);
        Assert.Equal(reason, row.Detail("reason"));
        Assert.Equal(sessionId.ToString(), row.Detail("session_id"));
        Assert.Equal("127.0.0.1", row.Ip);
    }

    [Fact]
    public async Task A_keys_successful_use_is_audited_at_most_once_an_hour_with_the_origin_of_the_request_sampled()
    {
        const string email = "sampled@example.com";
        using var owner = await api.SignedInClientAsync(email);
        using var first = api.Host.Client();
        first.Bearer = (await owner.PostAsync("/api/v1/account/api-keys", new { name = "first", scopes = new[] { "read" } })).Body
            .GetProperty("secret")
            .GetString();
        using var second = api.Host.Client();
        second.Bearer = (await owner.PostAsync("/api/v1/account/api-keys", new { name = "second", scopes = new[] { "read" } })).Body
            .GetProperty("secret")
            .GetString();

        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await WithIdAsync(first, HttpMethod.Get, "/api/v1/account", $"sampled-first-{i:D4}")).Status);
            api.Clock.Advance(TimeSpan.FromMinutes(10));
        }

        Assert.Equal(HttpStatusCode.OK, (await WithIdAsync(second, HttpMethod.Get, "/api/v1/account", "sampled-second-0000")).Status);
        await Eventually.TrueAsync(async () => (await api.AuditAsync(email, "api_key_used")).Count == 2, TimeSpan.FromSeconds(10), "one sample per key");
        api.Clock.Advance(TimeSpan.FromMinutes(11));
        Assert.Equal(HttpStatusCode.OK, (await WithIdAsync(first, HttpMethod.Get, "/api/v1/account", "sampled-first-0005")).Status);
        await Eventually.TrueAsync(async () => (await api.AuditAsync(email, "api_key_used")).Count == 3, TimeSpan.FromSeconds(10), "the next hour's sample");

        var rows = await api.AuditAsync(email, "api_key_used");
        Assert.Equal(["sampled-first-0000", "sampled-second-0000", "sampled-first-0005"], rows.Select(r => r.RequestId));
        Assert.Equal(rows[0].Detail("key_id"), rows[2].Detail("key_id"));
        Assert.NotEqual(rows[0].Detail("key_id"), rows[1].Detail("key_id"));
        Assert.All(rows, r => Assert.Equal("127.0.0.1", r.Ip));
        Assert.Equal(1L, await api.CountAsync($"select count(*) from api_keys where use_audited_at is not null and id = '{rows[1].Detail("key_id")}'"));
    }

    [Theory]
    [InlineData("short7!")]
    [InlineData("1234567")]
    [InlineData("has:colon-0001")]
    [InlineData("has space-0001")]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("x0123456789012345678901234567890123456789012345678901234567890123")]
    public async Task A_request_id_outside_the_strict_format_is_replaced_and_never_reaches_the_audit_log(string offered)
    {
        var digest = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(offered));
        var email = $"request-id-{Convert.ToHexStringLower(digest)[..12]}@example.com";
        using var member = await api.SignedInClientAsync(email);

        var refused = await member.SendAsync(HttpMethod.Get, "/api/v1/admin/users", null, r => r.Headers.TryAddWithoutValidation("X-Request-ID", offered));

        var replaced = refused.Headers["X-Request-ID"];
        Assert.Matches("^[0-9a-f]{32}$", replaced);
        Assert.Equal(replaced, refused.Body.GetProperty("error").GetProperty("request_id").GetString());
        Assert.Equal(replaced, Assert.Single(await api.AuditAsync(email, "authorization_refused")).RequestId);
    }

    [Fact]
    public async Task A_request_id_in_the_strict_format_is_kept_end_to_end()
    {
        const string email = "request-id-kept@example.com";
        var offered = "Proxy_id.1-" + new string('z', 53);
        using var member = await api.SignedInClientAsync(email);

        var refused = await WithIdAsync(member, HttpMethod.Get, "/api/v1/admin/users", offered);

        Assert.Equal(64, offered.Length);
        Assert.Equal(offered, refused.Headers["X-Request-ID"]);
        Assert.Equal(offered, Assert.Single(await api.AuditAsync(email, "authorization_refused")).RequestId);
    }

    [Fact]
    public async Task The_new_event_types_are_offered_in_the_admin_audit_filter_and_filter_the_log()
    {
        using var member = await api.SignedInClientAsync("filtered-member@example.com");
        Assert.Equal(HttpStatusCode.Forbidden, (await member.GetAsync("/api/v1/admin/users")).Status);
        using var admin = await api.SignedInWithPasskeyProofAsync(AdminTests.AdminEmail);

        var types = (await admin.GetAsync("/api/v1/admin/audit/event-types")).Body.GetProperty("items").EnumerateArray().Select(t => t.GetString()).ToList();
        var filtered = await admin.GetAsync(
            $"/api/v1/admin/audit/events?type=authorization_refused&userId={await api.UserIdAsync("filtered-member@example.com")}");

        Assert.Superset(new HashSet<string?> { "authorization_refused", "api_key_used", "session_expired" }, types.ToHashSet());
        Assert.Equal("forbidden", Assert.Single(filtered.Body.GetProperty("items").EnumerateArray()).GetProperty("details").GetProperty("code").GetString());
    }

    private static Task<ApiResponse> WithIdAsync(ApiClient client, HttpMethod method, string path, string requestId, object? body = null) =>
        client.SendAsync(method, path, body is null ? null : JsonContent.Create(body), r => r.Headers.Add("X-Request-ID", requestId));
}
