using System.Net;
using System.Text.Json;
using FitFolio.Grains.Idempotency;
using FitFolio.Grains.Users;
using FitFolio.Tests.Api;
using FitFolio.Tests.Infrastructure;
using FitFolio.Tests.Passkeys;
using static FitFolio.Tests.Idempotency.KeyedRequests;

namespace FitFolio.Tests.Idempotency;

/// <summary>
/// <c>Idempotency-Key</c> on the user grain's writes and API-key revocation, on two silos: the answer is stored in the
/// write's own transaction, so a retry through the other front door gets it and changes nothing again; the key with
/// another body is 422; a run holding the key makes a retry 409; a refusal is not stored; and no stored answer holds a
/// secret (the routes that answer one ignore the key).
/// </summary>
public sealed class UserGrainIdempotencyTests(UserGrainIdempotencyTests.TwoSilos silos) : IClassFixture<UserGrainIdempotencyTests.TwoSilos>
{
    internal const string AdminEmail = "idem-admin@fitfolio.example";

    private ApiCluster Cluster => silos.Cluster;

    private TestDatabase Database => silos.Database;

    [Fact]
    public async Task Session_and_passkey_writes_retried_on_the_other_silo_get_the_stored_answer_and_run_once()
    {
        var email = "idem-user-grain@example.com";
        using var phone = await Cluster.SignInAsync(Cluster.Hosts[0], email);
        using var laptop = await Cluster.SignInAsync(Cluster.Hosts[0], email);
        using var tablet = await Cluster.SignInAsync(Cluster.Hosts[0], email);
        using var retrying = ApiCluster.CloneOnto(phone, Cluster.Hosts[1]);
        var user = await UserIdAsync(email);
        var laptopSession = await CurrentSessionIdAsync(laptop);

        var endOne = NewKey();
        var ended = await phone.KeyedAsync(HttpMethod.Delete, $"/api/v1/auth/sessions/{laptopSession}", null, endOne);
        var endedAgain = await retrying.KeyedAsync(HttpMethod.Delete, $"/api/v1/auth/sessions/{laptopSession}", null, endOne);
        var endOthers = NewKey();
        var others = await phone.KeyedAsync(HttpMethod.Post, "/api/v1/auth/sessions/revoke-all-others", null, endOthers);
        var othersAgain = await retrying.KeyedAsync(HttpMethod.Post, "/api/v1/auth/sessions/revoke-all-others", null, endOthers);

        Assert.Equal(HttpStatusCode.NoContent, ended.Status);
        // A second run would answer 404: the session is gone. The retry gets the first answer instead.
        Assert.Equal(HttpStatusCode.NoContent, endedAgain.Status);
        Assert.True(endedAgain.Replayed());
        Assert.Equal(HttpStatusCode.OK, others.Status);
        Assert.Equal(1, others.Body.GetProperty("revoked").GetInt32());
        Assert.True(othersAgain.Replayed());
        Assert.Equal(others.Text, othersAgain.Text);
        Assert.Equal(2L, await Database.CountAsync(
            "select count(*) from login_events where user_id = @u and event_type = 'session_revoked'", ("u", user)));
        Assert.Equal(HttpStatusCode.Unauthorized, (await tablet.GetAsync("/api/v1/auth/me")).Status);

        using var authenticator = new SoftwareAuthenticator();
        var passkey = (await phone.RegisterAsync(authenticator)).GetProperty("id").GetString()!;
        using var sameBrowser = ApiCluster.CloneOnto(phone, Cluster.Hosts[1]);
        var rename = NewKey();
        var renamed = await phone.KeyedAsync(HttpMethod.Patch, $"/api/v1/auth/webauthn/credentials/{passkey}", new { name = "Desk key" }, rename);
        var renamedAgain = await sameBrowser.KeyedAsync(HttpMethod.Patch, $"/api/v1/auth/webauthn/credentials/{passkey}", new { name = "Desk key" }, rename);
        var otherName = await sameBrowser.KeyedAsync(HttpMethod.Patch, $"/api/v1/auth/webauthn/credentials/{passkey}", new { name = "Other" }, rename);
        var delete = NewKey();
        var deleted = await phone.KeyedAsync(HttpMethod.Delete, $"/api/v1/auth/webauthn/credentials/{passkey}", null, delete);
        var deletedAgain = await sameBrowser.KeyedAsync(HttpMethod.Delete, $"/api/v1/auth/webauthn/credentials/{passkey}", null, delete);

        Assert.Equal(HttpStatusCode.OK, renamed.Status);
        Assert.Equal("Desk key", renamed.Body.GetProperty("name").GetString());
        Assert.True(renamedAgain.Replayed());
        Assert.Equal(renamed.Text, renamedAgain.Text);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, otherName.Status);
        Assert.Equal("idempotency_key_reused", otherName.ErrorCode);
        Assert.Equal(1L, await Database.CountAsync(
            "select count(*) from login_events where user_id = @u and event_type = 'passkey_renamed'", ("u", user)));
        Assert.Equal(HttpStatusCode.NoContent, deleted.Status);
        Assert.Equal(HttpStatusCode.NoContent, deletedAgain.Status);
        Assert.True(deletedAgain.Replayed());
        Assert.Equal(0L, await Database.CountAsync("select count(*) from passkeys where user_id = @u", ("u", user)));
    }

    [Fact]
    public async Task Admin_lock_and_unlock_and_an_api_key_revocation_are_answered_once_from_either_silo()
    {
        using var admin = await Cluster.SignInAsync(Cluster.Hosts[0], AdminEmail);
        await admin.ProveWithNewPasskeyAsync();
        using var adminElsewhere = ApiCluster.CloneOnto(admin, Cluster.Hosts[1]);
        using var member = await Cluster.SignInAsync(Cluster.Hosts[1], "idem-locked@example.com");
        var user = await UserIdAsync("idem-locked@example.com");

        var created = await member.PostAsync("/api/v1/account/api-keys", new { name = "Script", scopes = new[] { "read" } });
        Assert.Equal(HttpStatusCode.Created, created.Status);
        var keyId = created.Body.GetProperty("key").GetProperty("id").GetString();
        using var memberElsewhere = ApiCluster.CloneOnto(member, Cluster.Hosts[0]);
        var revokeKey = NewKey();
        var revoked = await member.KeyedAsync(HttpMethod.Delete, $"/api/v1/account/api-keys/{keyId}", null, revokeKey);
        var revokedAgain = await memberElsewhere.KeyedAsync(HttpMethod.Delete, $"/api/v1/account/api-keys/{keyId}", null, revokeKey);

        Assert.Equal(HttpStatusCode.NoContent, revoked.Status);
        // A second run would answer 404: the key is no longer live.
        Assert.Equal(HttpStatusCode.NoContent, revokedAgain.Status);
        Assert.True(revokedAgain.Replayed());
        Assert.Equal(1L, await Database.CountAsync("select count(*) from login_events where user_id = @u and event_type = 'api_key_revoked'", ("u", user)));

        var lockKey = NewKey();
        var locked = await admin.KeyedAsync(HttpMethod.Post, $"/api/v1/admin/users/{user}/lock", new { minutes = 5 }, lockKey);
        var lockedAgain = await adminElsewhere.KeyedAsync(HttpMethod.Post, $"/api/v1/admin/users/{user}/lock", new { minutes = 5 }, lockKey);
        var longer = await adminElsewhere.KeyedAsync(HttpMethod.Post, $"/api/v1/admin/users/{user}/lock", new { minutes = 50 }, lockKey);
        var unlockKey = NewKey();
        var unlocked = await admin.KeyedAsync(HttpMethod.Post, $"/api/v1/admin/users/{user}/unlock", null, unlockKey);
        var unlockedAgain = await adminElsewhere.KeyedAsync(HttpMethod.Post, $"/api/v1/admin/users/{user}/unlock", null, unlockKey);

        Assert.Equal(HttpStatusCode.NoContent, locked.Status);
        Assert.True(lockedAgain.Replayed());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, longer.Status);
        Assert.Equal(HttpStatusCode.NoContent, unlocked.Status);
        Assert.True(unlockedAgain.Replayed());
        Assert.Equal(1L, await Database.CountAsync("select count(*) from login_events where user_id = @u and event_type = 'account_locked'", ("u", user)));
        Assert.Equal(1L, await Database.CountAsync("select count(*) from login_events where user_id = @u and event_type = 'account_unlocked'", ("u", user)));
    }

    [Fact]
    public async Task A_run_holding_the_key_makes_a_retry_409_at_the_front_door_and_in_the_grain_and_nothing_is_written()
    {
        var email = "idem-user-in-flight@example.com";
        using var client = await Cluster.SignInAsync(Cluster.Hosts[0], email);
        using var other = await Cluster.SignInAsync(Cluster.Hosts[0], email);
        using var retrying = ApiCluster.CloneOnto(client, Cluster.Hosts[1]);
        var user = await UserIdAsync(email);
        var session = await CurrentSessionIdAsync(other);
        var key = NewKey();
        var caller = $"person:{user:N}";

        // A run of this key on some silo, inside its transaction: it holds the key's lock.
        await using var run = await Database.DataSource.OpenConnectionAsync(TestContext.Current.CancellationToken);
        await using var running = await run.BeginTransactionAsync(TestContext.Current.CancellationToken);
        await using (var claim = new Npgsql.NpgsqlCommand("select pg_advisory_xact_lock(7648, hashtext(@caller || ' ' || @key))", run, running))
        {
            claim.Parameters.AddWithValue("caller", caller);
            claim.Parameters.AddWithValue("key", key);
            await claim.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        }

        var atTheDoor = await retrying.KeyedAsync(HttpMethod.Delete, $"/api/v1/auth/sessions/{session}", null, key);
        // Past the front door's look (a retry that raced it): the grain's claim, first thing in its transaction, refuses.
        var request = new IdempotencyRequest(caller, key, user, "any");
        request.Enter();
        try
        {
            var grain = Cluster.Hosts[1].Grains.GetGrain<IUserGrain>(user.ToString("N"));
            var origin = new FitFolio.Grains.Common.RequestOrigin(null, null, null);
            await Assert.ThrowsAsync<IdempotencyKeyInFlightException>(() => grain.RevokeOtherSessions("", origin));
        }
        finally
        {
            IdempotencyRequest.Leave();
        }

        Assert.Equal(HttpStatusCode.Conflict, atTheDoor.Status);
        Assert.Equal("idempotency_key_in_flight", atTheDoor.ErrorCode);
        Assert.Equal(HttpStatusCode.OK, (await other.GetAsync("/api/v1/auth/me")).Status);
        Assert.Equal(0L, await Database.CountAsync("select count(*) from login_events where user_id = @u and event_type = 'session_revoked'", ("u", user)));

        await running.RollbackAsync(TestContext.Current.CancellationToken);
        var afterwards = await retrying.KeyedAsync(HttpMethod.Delete, $"/api/v1/auth/sessions/{session}", null, key);
        Assert.Equal(HttpStatusCode.NoContent, afterwards.Status);
        Assert.False(afterwards.Replayed());
        Assert.Equal(HttpStatusCode.Unauthorized, (await other.GetAsync("/api/v1/auth/me")).Status);
    }

    [Fact]
    public async Task A_refused_write_is_not_stored_and_no_stored_answer_holds_a_secret()
    {
        var email = "idem-user-refused@example.com";
        using var client = await Cluster.SignInAsync(Cluster.Hosts[0], email);
        using var other = await Cluster.SignInAsync(Cluster.Hosts[1], email);
        var user = await UserIdAsync(email);
        var key = NewKey();

        var unknown = await client.KeyedAsync(HttpMethod.Delete, $"/api/v1/auth/sessions/{Guid.NewGuid()}", null, key);
        Assert.Equal(HttpStatusCode.NotFound, unknown.Status);
        Assert.Equal(0L, await Database.CountAsync("select count(*) from idempotency_keys where key = @k", ("k", key)));
        // Nothing stored: the same key may carry the corrected request, which runs.
        var session = await CurrentSessionIdAsync(other);
        var corrected = await client.KeyedAsync(HttpMethod.Delete, $"/api/v1/auth/sessions/{session}", null, key);
        Assert.Equal(HttpStatusCode.NoContent, corrected.Status);
        Assert.False(corrected.Replayed());

        // Routes whose answer is a secret ignore the key: nothing of theirs is stored, so nothing can replay it.
        var apiKey = await client.KeyedAsync(HttpMethod.Post, "/api/v1/account/api-keys", new { name = "Secret", scopes = new[] { "read" } }, NewKey());
        var codes = await client.KeyedAsync(HttpMethod.Post, "/api/v1/auth/recovery-codes", null, NewKey());
        using var authenticator = new SoftwareAuthenticator();
        var passkey = (await client.RegisterAsync(authenticator)).GetProperty("id").GetString()!;
        var renamed = await client.KeyedAsync(HttpMethod.Patch, $"/api/v1/auth/webauthn/credentials/{passkey}", new { name = "Keyed" }, NewKey());
        Assert.Equal(HttpStatusCode.Created, apiKey.Status);
        Assert.Equal(HttpStatusCode.Created, codes.Status);
        Assert.Equal(HttpStatusCode.OK, renamed.Status);

        var secrets = new List<string> { apiKey.Body.GetProperty("secret").GetString()!, client.SessionCookie! };
        secrets.AddRange(codes.Body.GetProperty("codes").EnumerateArray().Select(code => code.GetString()!));
        await using var rows = Database.DataSource.CreateCommand("select body, headers::text from idempotency_keys where user_id = @u");
        rows.Parameters.AddWithValue("u", user);
        await using var reader = await rows.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        var stored = 0;
        while (await reader.ReadAsync(TestContext.Current.CancellationToken))
        {
            stored++;
            var text = (reader.IsDBNull(0) ? "" : reader.GetString(0)) + (reader.IsDBNull(1) ? "" : reader.GetString(1));
            Assert.All(secrets, secret => Assert.DoesNotContain(secret, text, StringComparison.Ordinal));
            if (!reader.IsDBNull(1))
            {
                var headers = JsonDocument.Parse(reader.GetString(1)).RootElement.EnumerateObject();
                Assert.All(headers, header => Assert.Contains(header.Name, new[] { "ETag", "Location" }));
            }
        }

        Assert.Equal(2, stored);
    }

    private async Task<Guid> UserIdAsync(string email) =>
        await Database.ScalarAsync<Guid>("select id from users where email = @e", ("e", email));

    private static async Task<string> CurrentSessionIdAsync(ApiClient client) =>
        (await client.GetAsync("/api/v1/auth/sessions")).Body.GetProperty("items").EnumerateArray()
            .Single(s => s.GetProperty("current").GetBoolean()).GetProperty("id").GetString()!;

    /// <summary>Two front doors, each with its silo, over one database: one cluster for the class, people apart by address.</summary>
    public sealed class TwoSilos(PostgresServer server) : IAsyncLifetime
    {
        public TestDatabase Database { get; } = new(server);

        public ApiCluster Cluster { get; private set; } = null!;

        public async ValueTask InitializeAsync()
        {
            await Database.InitializeAsync();
            Cluster = await ApiCluster.StartAsync(
                Database.ConnectionString, 2, new Dictionary<string, string?>(ApiFixture.GenerousLimits) { ["Auth:AdminEmails:0"] = AdminEmail });
        }

        public async ValueTask DisposeAsync()
        {
            await Cluster.DisposeAsync();
            await Database.DisposeAsync();
        }
    }
}
