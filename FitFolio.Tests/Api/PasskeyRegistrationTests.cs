using System.Net;
using System.Text.Json;
using Fido2NetLib.Objects;
using FitFolio.Tests.Passkeys;

namespace FitFolio.Tests.Api;

public sealed class PasskeyRegistrationTests(PasskeyApi api) : IClassFixture<PasskeyApi>
{
    [Fact]
    public async Task Creation_options_ask_for_es256_eddsa_or_rs256_a_discoverable_credential_and_user_verification()
    {
        using var client = await api.SignedInClientAsync("options@example.com");

        var start = await client.PostAsync(PasskeySteps.Base + "/register/start");

        Assert.Equal(HttpStatusCode.OK, start.Status);
        var options = start.Body.GetProperty("options");
        Assert.Equal("localhost", options.GetProperty("rp").GetProperty("id").GetString());
        Assert.Equal("FitFolio", options.GetProperty("rp").GetProperty("name").GetString());
        Assert.Equal([-7, -8, -257], options.GetProperty("pubKeyCredParams").EnumerateArray().Select(p => p.GetProperty("alg").GetInt32()));
        var selection = options.GetProperty("authenticatorSelection");
        Assert.Equal("required", selection.GetProperty("residentKey").GetString());
        Assert.True(selection.GetProperty("requireResidentKey").GetBoolean());
        Assert.Equal("required", selection.GetProperty("userVerification").GetString());
        var handle = Base64UrlText.Decode(options.GetProperty("user").GetProperty("id").GetString()!);
        Assert.Equal(32, handle.Length);
        Assert.DoesNotContain("options@example.com", System.Text.Encoding.UTF8.GetString(handle), StringComparison.Ordinal);
        Assert.Equal(0, options.GetProperty("excludeCredentials").GetArrayLength());
    }

    [Fact]
    public async Task A_registered_passkey_is_stored_listed_counted_and_excluded_from_the_next_registration()
    {
        using var client = await api.SignedInClientAsync("register@example.com");
        using var es256 = new SoftwareAuthenticator(COSE.Algorithm.ES256) { BackupEligible = true, BackedUp = true };
        using var rs256 = new SoftwareAuthenticator(COSE.Algorithm.RS256);

        var first = await client.RegisterAsync(es256);
        var next = await client.StartRegistrationAsync();
        var second = await client.FinishRegistrationAsync(rs256.Register(next, client.Origin), "  Work laptop  ");

        Assert.Equal("Passkey on Chrome on Linux", first.GetProperty("name").GetString());
        Assert.True(first.GetProperty("backedUp").GetBoolean());
        Assert.Equal(JsonValueKind.Null, first.GetProperty("lastUsedAt").ValueKind);
        Assert.Equal(["internal", "hybrid"], first.GetProperty("transports").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal(Base64UrlText.Encode(es256.CredentialId), Assert.Single(next.ExcludeCredentials).Id);
        Assert.Equal(HttpStatusCode.Created, second.Status);
        Assert.Equal("Work laptop", second.Body.GetProperty("name").GetString());

        var list = await client.GetAsync(PasskeySteps.Base + "/credentials");
        Assert.Equal(
            ["Passkey on Chrome on Linux", "Work laptop"], list.Body.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("name").GetString()));
        Assert.Equal(2, (await client.GetAsync("/api/v1/auth/me")).Body.GetProperty("passkeyCount").GetInt32());
        Assert.Equal(
            "-7 none t t 1|-257 none f f 1",
            await api.ScalarAsync<string>(
                """
                select string_agg(algorithm || ' ' || attestation_format || ' ' || left(backup_eligible::text, 1) || ' ' || left(backed_up::text, 1) || ' ' || sign_count, '|' order by created_at)
                from passkeys where user_id = (select id from users where email = 'register@example.com')
                """));
        Assert.Equal(2L, await api.AuditCountAsync("webauthn_register_finish_success", "register@example.com"));
    }

    /// <summary>Passkeys:Metadata is off by default: no model is refused for what a BLOB says of it.</summary>
    [Fact]
    public async Task Without_metadata_configured_a_model_a_blob_reports_revoked_registers()
    {
        using var client = await api.SignedInClientAsync("no-metadata@example.com");
        using var authenticator = new SoftwareAuthenticator { Aaguid = TestMetadataBlob.RevokedAaguid };

        await client.RegisterAsync(authenticator);

        Assert.Equal(1L, await api.PasskeyCountAsync("no-metadata@example.com"));
    }

    [Fact]
    public async Task Registering_a_passkey_rotates_the_session_so_only_the_new_cookie_works()
    {
        using var client = await api.SignedInClientAsync("rotate@example.com");
        using var authenticator = new SoftwareAuthenticator();
        var oldCookie = client.SessionCookie!;

        await client.RegisterAsync(authenticator);

        Assert.NotEqual(oldCookie, client.SessionCookie);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/auth/me")).Status);
        using var stale = api.Host.Client();
        stale.Cookies[client.Cookies.Single(c => c.Key.EndsWith("ff_session", StringComparison.Ordinal)).Key] = oldCookie;
        Assert.Equal(HttpStatusCode.Unauthorized, (await stale.GetAsync("/api/v1/auth/me")).Status);
        Assert.Equal(1L, await api.CountAsync(
            "select count(*) from login_events where event_type = 'session_rotated' and details->>'reason' = 'privilege_change' and user_id = (select id from users where email = 'rotate@example.com')"));
    }

    [Fact]
    public async Task A_registration_challenge_has_one_try_even_when_that_try_fails()
    {
        using var client = await api.SignedInClientAsync("onetry@example.com");
        using var authenticator = new SoftwareAuthenticator();
        var options = await client.StartRegistrationAsync();
        var wrongOrigin = await client.FinishRegistrationAsync(authenticator.Register(options, "https://evil.example"));

        var retried = await client.FinishRegistrationAsync(authenticator.Register(options, client.Origin));

        Assert.Equal("origin_mismatch", wrongOrigin.ErrorCode);
        Assert.Equal(HttpStatusCode.BadRequest, retried.Status);
        Assert.Equal("unknown_ceremony", retried.ErrorCode);
        Assert.Equal(0L, await api.PasskeyCountAsync("onetry@example.com"));
        Assert.Equal(2L, await api.AuditCountAsync("webauthn_register_finish_failure", "onetry@example.com"));
    }

    [Fact]
    public async Task A_successful_registration_cannot_be_replayed()
    {
        using var client = await api.SignedInClientAsync("replay-register@example.com");
        using var authenticator = new SoftwareAuthenticator();
        var options = await client.StartRegistrationAsync();
        var credential = authenticator.Register(options, client.Origin);
        Assert.Equal(HttpStatusCode.Created, (await client.FinishRegistrationAsync(credential)).Status);

        var replay = await client.FinishRegistrationAsync(credential);

        Assert.Equal("unknown_ceremony", replay.ErrorCode);
        Assert.Equal(1L, await api.PasskeyCountAsync("replay-register@example.com"));
    }

    [Fact]
    public async Task A_challenge_issued_to_another_user_is_refused()
    {
        using var alice = await api.SignedInClientAsync("alice-challenge@example.com");
        using var mallory = await api.SignedInClientAsync("mallory-challenge@example.com");
        using var authenticator = new SoftwareAuthenticator();
        var aliceOptions = await alice.StartRegistrationAsync();
        await mallory.StartRegistrationAsync();

        var response = await mallory.FinishRegistrationAsync(authenticator.Register(aliceOptions, mallory.Origin));

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal("challenge_mismatch", response.ErrorCode);
        Assert.Equal(0L, await api.PasskeyCountAsync("mallory-challenge@example.com"));
    }

    [Fact]
    public async Task A_credential_already_registered_to_another_account_is_refused_and_stays_with_its_owner()
    {
        using var owner = await api.SignedInClientAsync("first-owner@example.com");
        using var other = await api.SignedInClientAsync("second-owner@example.com");
        using var authenticator = new SoftwareAuthenticator();
        await owner.RegisterAsync(authenticator);

        var options = await other.StartRegistrationAsync();
        var response = await other.FinishRegistrationAsync(authenticator.Register(options, other.Origin));

        Assert.Equal("credential_already_registered", response.ErrorCode);
        Assert.Equal(1L, await api.PasskeyCountAsync("first-owner@example.com"));
        Assert.Equal(0L, await api.PasskeyCountAsync("second-owner@example.com"));
    }

    [Fact]
    public async Task Registering_needs_a_session()
    {
        using var client = await api.SignedOutClientAsync();

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostAsync(PasskeySteps.Base + "/register/start")).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostRawAsync(PasskeySteps.Base + "/register/finish", "{\"credential\":{}}")).Status);
    }
}
