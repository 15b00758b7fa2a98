using System.Net;
using System.Text.Json;
using FitFolio.Tests.Passkeys;

namespace FitFolio.Tests.Api;

public sealed class PasskeySignInTests(PasskeyApi api) : IClassFixture<PasskeyApi>
{
    [Fact]
    public async Task A_passkey_signs_in_after_an_email_and_starts_a_new_session()
    {
        using var authenticator = await RegisteredAuthenticatorAsync("email-signin@example.com");
        using var client = await api.SignedOutClientAsync();

        var response = await client.SignInAsync(authenticator, "email-signin@example.com");

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal("email-signin@example.com", response.Body.GetProperty("user").GetProperty("email").GetString());
        Assert.Equal(1, response.Body.GetProperty("user").GetProperty("passkeyCount").GetInt32());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/auth/me")).Status);
        Assert.Equal(1L, await api.CountAsync(
            "select count(*) from login_events where event_type = 'session_created' and details->>'method' = 'passkey' and user_id = (select id from users where email = 'email-signin@example.com')"));
        Assert.Equal(1L, await api.AuditCountAsync("webauthn_auth_success", "email-signin@example.com"));
        Assert.Equal(
            2L, await api.ScalarAsync<long>("select sign_count from passkeys where user_id = (select id from users where email = 'email-signin@example.com')"));
        var listed = (await client.GetAsync(PasskeySteps.Base + "/credentials")).Body.GetProperty("items")[0];
        Assert.NotEqual(JsonValueKind.Null, listed.GetProperty("lastUsedAt").ValueKind);
    }

    [Fact]
    public async Task A_discoverable_passkey_signs_in_without_an_email()
    {
        using var authenticator = await RegisteredAuthenticatorAsync("usernameless@example.com");
        using var client = await api.SignedOutClientAsync();

        var (ceremonyId, options) = await client.StartSignInAsync();
        var response = await client.FinishSignInAsync(ceremonyId, authenticator.Authenticate(options, client.Origin));

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal("usernameless@example.com", response.Body.GetProperty("user").GetProperty("email").GetString());
        Assert.Empty(options.AllowCredentials);
        Assert.Equal(22, ceremonyId.Length);
    }

    [Fact]
    public async Task Start_looks_the_same_for_an_account_with_passkeys_one_without_and_an_unknown_address()
    {
        using var authenticator = await RegisteredAuthenticatorAsync("has-passkeys@example.com");
        (await api.SignedInClientAsync("no-passkeys@example.com")).Dispose();
        using var client = await api.SignedOutClientAsync();

        var shapes = new List<string>();
        foreach (var email in new[] { "has-passkeys@example.com", "no-passkeys@example.com", "nobody-at-all@example.com" })
        {
            var start = await client.PostAsync(PasskeySteps.Base + "/authenticate/start", new { email });
            Assert.Equal(HttpStatusCode.OK, start.Status);
            var options = start.Body.GetProperty("options");
            shapes.Add(string.Join(",", start.Body.EnumerateObject()
                .Select(p => p.Name)
                .Concat(options.EnumerateObject().Select(p => p.Name + "=" + (p.Name == "challenge" ? "*" : p.Value.GetRawText())))));
        }

        Assert.Single(shapes.Distinct());
        Assert.Contains("allowCredentials=[]", shapes[0], StringComparison.Ordinal);
        Assert.Equal(0L, await api.CountAsync("select count(*) from users where email = 'nobody-at-all@example.com'"));
    }

    [Fact]
    public async Task A_sign_in_ceremony_has_one_try()
    {
        using var authenticator = await RegisteredAuthenticatorAsync("replay-signin@example.com");
        using var client = await api.SignedOutClientAsync();
        var (ceremonyId, options) = await client.StartSignInAsync();
        var first = await client.FinishSignInAsync(ceremonyId, authenticator.Authenticate(options, client.Origin));

        var replayed = await client.FinishSignInAsync(ceremonyId, authenticator.Authenticate(options, client.Origin));

        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.Equal(HttpStatusCode.BadRequest, replayed.Status);
        Assert.Equal("unknown_ceremony", replayed.ErrorCode);
    }

    [Fact]
    public async Task The_challenge_of_another_ceremony_is_refused()
    {
        using var authenticator = await RegisteredAuthenticatorAsync("other-ceremony@example.com");
        using var client = await api.SignedOutClientAsync();
        var (_, theirs) = await client.StartSignInAsync();
        var (mine, _) = await client.StartSignInAsync();

        var response = await client.FinishSignInAsync(mine, authenticator.Authenticate(theirs, client.Origin));

        Assert.Equal("challenge_mismatch", response.ErrorCode);
        Assert.Null(client.SessionCookie);
    }

    [Fact]
    public async Task A_passkey_of_another_user_cannot_sign_in_to_the_account_named_by_the_email()
    {
        using var victim = await RegisteredAuthenticatorAsync("victim-account@example.com");
        using var attacker = await RegisteredAuthenticatorAsync("attacker-account@example.com");
        using var client = await api.SignedOutClientAsync();

        var response = await client.SignInAsync(attacker, "victim-account@example.com");

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal("user_handle_mismatch", response.ErrorCode);
        Assert.Null(client.SessionCookie);
        Assert.Equal(0L, await api.CountAsync("select count(*) from login_events where event_type = 'webauthn_auth_success'"
            + " and user_id in (select id from users where email in ('victim-account@example.com', 'attacker-account@example.com'))"));
    }

    [Fact]
    public async Task A_user_handle_naming_another_account_is_refused()
    {
        using var victim = await RegisteredAuthenticatorAsync("handle-victim@example.com");
        using var attacker = await RegisteredAuthenticatorAsync("handle-attacker@example.com");
        using var client = await api.SignedOutClientAsync();
        var (ceremonyId, options) = await client.StartSignInAsync();

        var credential = attacker.Authenticate(options.Ceremony(client.Origin) with { UserHandle = victim.UserHandle });
        var response = await client.FinishSignInAsync(ceremonyId, credential);

        Assert.Equal("user_handle_mismatch", response.ErrorCode);
        Assert.Null(client.SessionCookie);
    }

    [Fact]
    public async Task A_counter_that_goes_backwards_is_refused_and_audited_as_a_clone_warning()
    {
        using var authenticator = await RegisteredAuthenticatorAsync("cloned@example.com");
        using var client = await api.SignedOutClientAsync();
        Assert.Equal(HttpStatusCode.OK, (await client.SignInAsync(authenticator)).Status);
        authenticator.SignCount = 0;

        using var clone = await api.SignedOutClientAsync();
        var response = await clone.SignInAsync(authenticator);

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal("sign_count_regression", response.ErrorCode);
        Assert.Null(clone.SessionCookie);
        Assert.Equal(1L, await api.AuditCountAsync("webauthn_clone_warning", "cloned@example.com"));
        Assert.Equal(
            2L, await api.ScalarAsync<long>("select sign_count from passkeys where user_id = (select id from users where email = 'cloned@example.com')"));
    }

    [Fact]
    public async Task A_credential_nobody_registered_is_refused_and_audited()
    {
        using var stranger = new SoftwareAuthenticator();
        using var client = await api.SignedOutClientAsync();
        var failures = await api.CountAsync(
            "select count(*) from login_events where event_type = 'webauthn_auth_failure' and details->>'reason' = 'unknown_credential'");

        var response = await client.SignInAsync(stranger);

        Assert.Equal("unknown_credential", response.ErrorCode);
        Assert.Equal(
            failures + 1,
            await api.CountAsync("select count(*) from login_events where event_type = 'webauthn_auth_failure' and details->>'reason' = 'unknown_credential'"));
    }

    private async Task<SoftwareAuthenticator> RegisteredAuthenticatorAsync(string email)
    {
        var authenticator = new SoftwareAuthenticator();
        using var client = await api.SignedInClientAsync(email);
        await client.RegisterAsync(authenticator);
        return authenticator;
    }
}
