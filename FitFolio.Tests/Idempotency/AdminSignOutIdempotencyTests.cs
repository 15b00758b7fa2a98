using System.Net;
using FitFolio.Tests.Api;
using FitFolio.Tests.Infrastructure;
using Npgsql;
using static FitFolio.Tests.Idempotency.KeyedRequests;

namespace FitFolio.Tests.Idempotency;

/// <summary>
/// <c>Idempotency-Key</c> on the admin's "sign a user out everywhere", which commits in several grains: each API key's
/// revocation first, then the sessions' end with the stored answer in the user grain's transaction. On two silos: a
/// retry through the other front door gets the first answer and ends nothing again; the key with another request is
/// 422; while a run holds the key (across its grains, or in the user grain's transaction) a retry is 409 and ends nothing.
/// </summary>
public sealed class AdminSignOutIdempotencyTests(UserGrainIdempotencyTests.TwoSilos silos) : IClassFixture<UserGrainIdempotencyTests.TwoSilos>
{
    /// <summary>The advisory-lock classes of FitFolio.Grains/Idempotency: a write's transaction, and a run across grains.</summary>
    private const int WriteLock = 0x1de0;
    private const int SpanLock = 0x1de1;

    private ApiCluster Cluster => silos.Cluster;

    private TestDatabase Database => silos.Database;

    [Fact]
    public async Task A_keyed_sign_out_everywhere_with_api_keys_is_answered_once_from_either_silo()
    {
        using var admin = await AdminAsync();
        using var adminElsewhere = ApiCluster.CloneOnto(admin, Cluster.Hosts[1]);
        var adminId = await UserIdAsync(UserGrainIdempotencyTests.AdminEmail);
        var email = "idem-signed-out@example.com";
        using var phone = await Cluster.SignInAsync(Cluster.Hosts[0], email);
        using var laptop = await Cluster.SignInAsync(Cluster.Hosts[1], email);
        var user = await UserIdAsync(email);
        foreach (var name in new[] { "Script", "Sync" })
        {
            Assert.Equal(HttpStatusCode.Created, (await phone.PostAsync("/api/v1/account/api-keys", new { name, scopes = new[] { "read" } })).Status);
        }

        var key = NewKey();
        var path = $"/api/v1/admin/users/{user}/revoke-sessions";
        var first = await admin.KeyedAsync(HttpMethod.Post, path, new { revokeApiKeys = true }, key);
        var retried = await adminElsewhere.KeyedAsync(HttpMethod.Post, path, new { revokeApiKeys = true }, key);
        var other = await adminElsewhere.KeyedAsync(HttpMethod.Post, path, new { revokeApiKeys = false }, key);

        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.False(first.Replayed());
        Assert.Equal(2, first.Body.GetProperty("revoked").GetInt32());
        Assert.Equal(2, first.Body.GetProperty("apiKeysRevoked").GetInt32());
        // A second run would answer 0 and 0: everything is already ended. The retry gets the first answer instead.
        Assert.Equal(HttpStatusCode.OK, retried.Status);
        Assert.True(retried.Replayed());
        Assert.Equal(first.Text, retried.Text);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, other.Status);
        Assert.Equal("idempotency_key_reused", other.ErrorCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await laptop.GetAsync("/api/v1/auth/me")).Status);
        Assert.Equal(2L, await Database.CountAsync(
            "select count(*) from login_events where user_id = @u and event_type = 'session_revoked'", ("u", user)));
        Assert.Equal(2L, await Database.CountAsync(
            "select count(*) from login_events where user_id = @u and event_type = 'api_key_revoked'", ("u", user)));
        Assert.Equal(0L, await Database.CountAsync("select count(*) from api_keys where user_id = @u and revoked_at is null", ("u", user)));
        // One answer, the admin's, stored in the user grain's transaction: no key's own revocation stored one under the key.
        Assert.Equal(1L, await Database.CountAsync("select count(*) from idempotency_keys where key = @k", ("k", key)));
        Assert.Equal($"person:{adminId:N}", await Database.ScalarAsync<string>("select caller from idempotency_keys where key = @k", ("k", key)));
        Assert.Equal(first.Text, await Database.ScalarAsync<string>("select body from idempotency_keys where key = @k", ("k", key)));
    }

    [Theory]
    [InlineData(SpanLock)]
    [InlineData(WriteLock)]
    public async Task While_a_run_holds_the_key_a_retry_on_the_other_silo_gets_409_and_ends_nothing(int lockClass)
    {
        using var admin = await AdminAsync();
        using var adminElsewhere = ApiCluster.CloneOnto(admin, Cluster.Hosts[1]);
        var adminId = await UserIdAsync(UserGrainIdempotencyTests.AdminEmail);
        var email = $"idem-signed-out-{lockClass}@example.com";
        using var member = await Cluster.SignInAsync(Cluster.Hosts[0], email);
        Assert.Equal(HttpStatusCode.Created, (await member.PostAsync("/api/v1/account/api-keys", new { name = "Script", scopes = new[] { "read" } })).Status);
        var user = await UserIdAsync(email);
        var key = NewKey();
        var path = $"/api/v1/admin/users/{user}/revoke-sessions";

        // A run of this key on some silo: revoking the API keys (its span), or in the user grain's transaction.
        await using var run = await Database.DataSource.OpenConnectionAsync(TestContext.Current.CancellationToken);
        await using var running = await run.BeginTransactionAsync(TestContext.Current.CancellationToken);
        await using (var claim = new NpgsqlCommand("select pg_advisory_xact_lock(@class, hashtext(@caller || ' ' || @key))", run, running))
        {
            claim.Parameters.AddWithValue("class", lockClass);
            claim.Parameters.AddWithValue("caller", $"person:{adminId:N}");
            claim.Parameters.AddWithValue("key", key);
            await claim.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        }

        var meanwhile = await adminElsewhere.KeyedAsync(HttpMethod.Post, path, new { revokeApiKeys = true }, key);

        Assert.Equal(HttpStatusCode.Conflict, meanwhile.Status);
        Assert.Equal("idempotency_key_in_flight", meanwhile.ErrorCode);
        Assert.Equal(HttpStatusCode.OK, (await member.GetAsync("/api/v1/auth/me")).Status);
        Assert.Equal(1L, await Database.CountAsync("select count(*) from api_keys where user_id = @u and revoked_at is null", ("u", user)));

        await running.RollbackAsync(TestContext.Current.CancellationToken);
        var afterwards = await admin.KeyedAsync(HttpMethod.Post, path, new { revokeApiKeys = true }, key);
        Assert.Equal(HttpStatusCode.OK, afterwards.Status);
        Assert.False(afterwards.Replayed());
        Assert.Equal(1, afterwards.Body.GetProperty("apiKeysRevoked").GetInt32());
        Assert.Equal(HttpStatusCode.Unauthorized, (await member.GetAsync("/api/v1/auth/me")).Status);
    }

    private async Task<ApiClient> AdminAsync()
    {
        var admin = await Cluster.SignInAsync(Cluster.Hosts[0], UserGrainIdempotencyTests.AdminEmail);
        await admin.ProveWithNewPasskeyAsync();
        return admin;
    }

    private async Task<Guid> UserIdAsync(string email) =>
        await Database.ScalarAsync<Guid>("select id from users where email = @e", ("e", email));
}
