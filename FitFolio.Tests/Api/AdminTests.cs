using System.Net;
using FitFolio.Tests.Infrastructure;

namespace FitFolio.Tests.Api;

public sealed class AdminTests(AdminTests.WithAdmin api) : IClassFixture<AdminTests.WithAdmin>
{
    public const string AdminEmail = "root@fitfolio.example";

    public sealed class WithAdmin(PostgresServer server) : PasskeyApi(server)
    {
        protected override IDictionary<string, string?> Settings { get; } =
            new Dictionary<string, string?>(GenerousPasskeyLimits) { ["Auth:AdminEmails:0"] = AdminEmail };
    }

    [Fact]
    public async Task Admin_routes_answer_401_signed_out_and_403_to_people_who_are_not_admins()
    {
        using var stranger = api.Host.Client();
        using var member = await api.SignedInClientAsync("member@example.com");

        Assert.Equal(HttpStatusCode.Unauthorized, (await stranger.GetAsync("/api/v1/admin/users")).Status);
        var forbidden = await member.GetAsync("/api/v1/admin/audit/events");
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.Status);
        Assert.Equal("forbidden", forbidden.ErrorCode);
    }

    [Fact]
    public async Task A_search_with_a_nul_character_is_a_400_not_a_database_error()
    {
        using var admin = await api.SignedInWithPasskeyProofAsync(AdminEmail);

        // PostgreSQL text cannot hold U+0000: the database refuses the value itself (found by the route fuzz, which got a 503).
        var response = await admin.GetAsync("/api/v1/admin/users?query=a%00b");

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal("invalid_value", response.ErrorCode);
    }

    [Fact]
    public async Task An_admin_finds_users_page_by_page()
    {
        using var admin = await api.SignedInWithPasskeyProofAsync(AdminEmail);
        for (var i = 0; i < 3; i++)
        {
            using var _ = await api.SignedInClientAsync($"findme-{i}@example.com");
        }

        var found = await admin.GetAsync("/api/v1/admin/users?query=FINDME");

        var emails = found.Body.GetProperty("items").EnumerateArray().Select(u => u.GetProperty("email").GetString()).ToList();
        Assert.Equal(["findme-2@example.com", "findme-1@example.com", "findme-0@example.com"], emails);
        Assert.All(found.Body.GetProperty("items").EnumerateArray(), u => Assert.Equal(1, u.GetProperty("sessionCount").GetInt32()));
        var id = found.Body.GetProperty("items")[1].GetProperty("id").GetString();
        var byId = await admin.GetAsync($"/api/v1/admin/users?query={id}");
        Assert.Equal("findme-1@example.com", Assert.Single(byId.Body.GetProperty("items").EnumerateArray()).GetProperty("email").GetString());
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"/api/v1/admin/users/{id}")).Status);
        var viewed = Assert.Single(
            (await admin.GetAsync($"/api/v1/admin/audit/events?userId={id}&type=admin_viewed_user")).Body.GetProperty("items").EnumerateArray());
        var adminId = (await admin.GetAsync("/api/v1/auth/me")).Body.GetProperty("id").GetString();
        Assert.Equal(adminId, viewed.GetProperty("details").GetProperty("by_admin").GetString());
    }

    [Fact]
    public async Task Locking_ends_every_session_and_refuses_sign_in_until_unlocked()
    {
        using var admin = await api.SignedInWithPasskeyProofAsync(AdminEmail);
        using var victim = await api.SignedInClientAsync("locked-out@example.com");
        var id = (await victim.GetAsync("/api/v1/auth/me")).Body.GetProperty("id").GetString();

        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsync($"/api/v1/admin/users/{id}/lock", new { minutes = 30 })).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await victim.GetAsync("/api/v1/auth/me")).Status);
        Assert.NotEqual(
            System.Text.Json.JsonValueKind.Null,
            (await admin.GetAsync($"/api/v1/admin/users/{id}")).Body.GetProperty("user").GetProperty("lockedUntil").ValueKind);
        var sent = api.Mail.SignInMailsTo("locked-out@example.com");
        Assert.Equal(HttpStatusCode.Accepted, (await victim.PostAsync("/api/v1/auth/magic-link/start", new { email = "locked-out@example.com" })).Status);
        // The start's work follows its answer: let it meet the lock before the unlock.
        await Eventually.TrueAsync(
            async () => (await admin.GetAsync($"/api/v1/admin/audit/events?userId={id}&type=magic_link_refused")).Body
                .GetProperty("items")
                .GetArrayLength() == 1,
            TimeSpan.FromSeconds(30),
            "the refused sign-in mail to be audited");

        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsync($"/api/v1/admin/users/{id}/unlock")).Status);
        Assert.Equal(
            System.Text.Json.JsonValueKind.Null,
            (await admin.GetAsync($"/api/v1/admin/users/{id}")).Body.GetProperty("user").GetProperty("lockedUntil").ValueKind);
        using var back = await api.SignedInClientAsync("locked-out@example.com");
        Assert.Equal(HttpStatusCode.OK, (await back.GetAsync("/api/v1/auth/me")).Status);
        Assert.Equal(sent + 1, api.Mail.SignInMailsTo("locked-out@example.com"));
        var audit = await admin.GetAsync($"/api/v1/admin/audit/events?userId={id}&type=magic_link_refused");
        Assert.Equal(1, audit.Body.GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task An_unlock_also_lifts_the_recovery_code_lockout()
    {
        const string email = "recovery-locked@example.com";
        using var admin = await api.SignedInWithPasskeyProofAsync(AdminEmail);
        using var owner = await api.SignedInClientAsync(email);
        var id = (await owner.GetAsync("/api/v1/auth/me")).Body.GetProperty("id").GetString();
        using var guesser = await api.SignedOutClientAsync();
        for (var i = 0; i < 5; i++)
        {
            await guesser.PostAsync("/api/v1/auth/recovery-codes/verify", new { email, code = "AAAA-AAAA-AAAA-AAA" + i });
        }

        var locked = await guesser.PostAsync("/api/v1/auth/recovery-codes/verify", new { email, code = "AAAA-AAAA-AAAA-AAAA" });
        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsync($"/api/v1/admin/users/{id}/unlock")).Status);
        var unlocked = await guesser.PostAsync("/api/v1/auth/recovery-codes/verify", new { email, code = "AAAA-AAAA-AAAA-AAAA" });

        Assert.Equal(HttpStatusCode.TooManyRequests, locked.Status);
        Assert.Equal(HttpStatusCode.BadRequest, unlocked.Status);
        Assert.Equal("invalid_recovery_code", unlocked.ErrorCode);
    }

    [Fact]
    public async Task The_audit_log_filters_by_user_and_type_and_pages_with_a_cursor()
    {
        using var admin = await api.SignedInWithPasskeyProofAsync(AdminEmail);
        using var user = await api.SignedInClientAsync("audited-user@example.com");
        var id = (await user.GetAsync("/api/v1/auth/me")).Body.GetProperty("id").GetString();

        var first = await admin.GetAsync($"/api/v1/admin/audit/events?userId={id}&limit=2");
        var second = await admin.GetAsync($"/api/v1/admin/audit/events?userId={id}&limit=2&cursor={first.Body.GetProperty("nextCursor").GetString()}");
        var created = await admin.GetAsync($"/api/v1/admin/audit/events?userId={id}&type=session_created");

        var types = first.Body.GetProperty("items").EnumerateArray().Concat(second.Body.GetProperty("items").EnumerateArray())
            .Select(e => e.GetProperty("type").GetString()).ToList();
        Assert.Equal(["session_created", "email_verified", "magic_link_verified_success", "magic_link_sent"], types);
        Assert.Equal(JsonNull, second.Body.GetProperty("nextCursor").ValueKind);
        var only = Assert.Single(created.Body.GetProperty("items").EnumerateArray());
        Assert.Equal("audited-user@example.com", only.GetProperty("email").GetString());
        Assert.Equal("127.0.0.1", only.GetProperty("ip").GetString());
        var known = (await admin.GetAsync("/api/v1/admin/audit/event-types")).Body.GetProperty("items").EnumerateArray().Select(t => t.GetString()).ToList();
        Assert.Contains("session_created", known);
        Assert.Contains("api_key_revoked", known);
    }

    [Theory]
    [InlineData("/api/v1/admin/audit/events?cursor=not-a-cursor", "invalid_cursor")]
    [InlineData("/api/v1/admin/audit/events?cursor=MTIzfHg", "invalid_cursor")]
    [InlineData("/api/v1/admin/audit/events?type=x'%3B%20drop%20table%20users%3B--", "invalid_filter")]
    [InlineData("/api/v1/admin/audit/events?userId=1%20or%201%3D1", "invalid_filter")]
    [InlineData("/api/v1/admin/audit/events?ip=300.1.1.1", "invalid_filter")]
    [InlineData("/api/v1/admin/audit/events?from=yesterday", "invalid_filter")]
    [InlineData("/api/v1/admin/audit/events?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z", "invalid_filter")]
    [InlineData("/api/v1/admin/audit/events?limit=0", "invalid_limit")]
    [InlineData("/api/v1/admin/audit/events?limit=abc", "invalid_request")]
    [InlineData("/api/v1/admin/users?cursor=%25%25", "invalid_cursor")]
    [InlineData("/api/v1/admin/users/not-a-uuid", "invalid_id")]
    [InlineData("/api/v1/admin/users/00000000-0000-0000-0000-000000000000", "not_found")]
    public async Task Bad_admin_queries_get_a_clear_4xx_and_change_nothing(string path, string code)
    {
        using var admin = await api.SignedInWithPasskeyProofAsync(AdminEmail);
        var users = await CountUsersAsync();

        var response = await admin.GetAsync(path);

        Assert.True((int)response.Status is >= 400 and < 500, response.Status.ToString());
        Assert.Equal(code, response.ErrorCode);
        Assert.Equal(users, await CountUsersAsync());
    }

    private const System.Text.Json.JsonValueKind JsonNull = System.Text.Json.JsonValueKind.Null;

    private async Task<long> CountUsersAsync()
    {
        await using var command = api.Database.DataSource.CreateCommand("select count(*) from users");
        return (long)(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken))!;
    }
}
