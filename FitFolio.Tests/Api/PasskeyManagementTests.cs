using System.Net;
using FitFolio.Tests.Infrastructure;
using FitFolio.Tests.Passkeys;

namespace FitFolio.Tests.Api;

/// <summary>The passkey list, renaming, deleting, and turning email sign-in off and on.</summary>
public sealed class PasskeyManagementTests(PasskeyApi api) : IClassFixture<PasskeyApi>
{
    [Fact]
    public async Task A_passkey_can_be_renamed_within_the_name_rules()
    {
        using var client = await api.SignedInClientAsync("renamer@example.com");
        using var authenticator = new SoftwareAuthenticator();
        var id = (await client.RegisterAsync(authenticator)).GetProperty("id").GetString();

        var renamed = await PatchAsync(client, id!, "{\"name\":\"  Phone  \"}");
        var tooLong = await PatchAsync(client, id!, "{\"name\":\"" + new string('x', 101) + "\"}");
        var blank = await PatchAsync(client, id!, "{\"name\":\"   \"}");
        var controls = await PatchAsync(client, id!, "{\"name\":\"a\\nb\"}");
        var unknown = await PatchAsync(client, Guid.NewGuid().ToString(), "{\"name\":\"x\"}");
        var notAnId = await PatchAsync(client, "nope", "{\"name\":\"x\"}");

        Assert.Equal(HttpStatusCode.OK, renamed.Status);
        Assert.Equal("Phone", renamed.Body.GetProperty("name").GetString());
        Assert.All([tooLong, blank, controls], r => Assert.Equal("invalid_name", r.ErrorCode));
        Assert.Equal(HttpStatusCode.NotFound, unknown.Status);
        Assert.Equal("invalid_id", notAnId.ErrorCode);
        Assert.Equal(
            "Phone", await api.ScalarAsync<string>("select name from passkeys where user_id = (select id from users where email = 'renamer@example.com')"));
    }

    [Fact]
    public async Task Another_users_passkey_can_be_neither_renamed_nor_deleted()
    {
        using var owner = await api.SignedInClientAsync("keeps-passkey@example.com");
        using var other = await api.SignedInClientAsync("wants-passkey@example.com");
        using var authenticator = new SoftwareAuthenticator();
        var id = (await owner.RegisterAsync(authenticator)).GetProperty("id").GetString();

        Assert.Equal(HttpStatusCode.NotFound, (await PatchAsync(other, id!, "{\"name\":\"mine\"}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await other.DeleteAsync(PasskeySteps.Base + "/credentials/" + id)).Status);
        Assert.Equal(1L, await api.PasskeyCountAsync("keeps-passkey@example.com"));
    }

    [Fact]
    public async Task The_only_passkey_can_be_deleted_while_email_sign_in_is_on()
    {
        using var client = await api.SignedInClientAsync("deleter@example.com");
        using var authenticator = new SoftwareAuthenticator();
        var id = (await client.RegisterAsync(authenticator)).GetProperty("id").GetString();

        var deleted = await client.DeleteAsync(PasskeySteps.Base + "/credentials/" + id);

        Assert.Equal(HttpStatusCode.NoContent, deleted.Status);
        Assert.Equal(0, (await client.GetAsync("/api/v1/auth/me")).Body.GetProperty("passkeyCount").GetInt32());
        Assert.Equal(0, (await client.GetAsync(PasskeySteps.Base + "/credentials")).Body.GetProperty("items").GetArrayLength());
        using var signIn = await api.SignedOutClientAsync();
        Assert.Equal("unknown_credential", (await signIn.SignInAsync(authenticator)).ErrorCode);
    }

    [Fact]
    public async Task Email_sign_in_turns_off_only_with_two_passkeys_and_then_the_last_passkey_stays()
    {
        using var client = await api.SignedInClientAsync("passkeys-only@example.com");
        using var first = new SoftwareAuthenticator();
        using var second = new SoftwareAuthenticator();
        await client.RegisterAsync(first);

        var withOne = await client.SendAsync(HttpMethod.Put, "/api/v1/auth/email-sign-in", EnabledBody(false));
        var secondId = (await client.RegisterAsync(second)).GetProperty("id").GetString();
        var withTwo = await client.SendAsync(HttpMethod.Put, "/api/v1/auth/email-sign-in", EnabledBody(false));
        var firstId = (await client.GetAsync(PasskeySteps.Base + "/credentials")).Body.GetProperty("items")[0].GetProperty("id").GetString();
        var deleteOne = await client.DeleteAsync(PasskeySteps.Base + "/credentials/" + secondId);
        var deleteLast = await client.DeleteAsync(PasskeySteps.Base + "/credentials/" + firstId);

        Assert.Equal(HttpStatusCode.Conflict, withOne.Status);
        Assert.Equal("needs_two_passkeys", withOne.ErrorCode);
        Assert.Equal(HttpStatusCode.OK, withTwo.Status);
        Assert.False(withTwo.Body.GetProperty("emailSignInEnabled").GetBoolean());
        Assert.Equal(HttpStatusCode.NoContent, deleteOne.Status);
        Assert.Equal(HttpStatusCode.Conflict, deleteLast.Status);
        Assert.Equal("last_sign_in_method", deleteLast.ErrorCode);
        Assert.False(await api.ScalarAsync<bool>("select email_sign_in_enabled from users where email = 'passkeys-only@example.com'"));

        var backOn = await client.SendAsync(HttpMethod.Put, "/api/v1/auth/email-sign-in", EnabledBody(true));
        Assert.True(backOn.Body.GetProperty("emailSignInEnabled").GetBoolean());
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync(PasskeySteps.Base + "/credentials/" + firstId)).Status);
    }

    [Fact]
    public async Task With_email_sign_in_off_links_are_refused_without_telling_anyone()
    {
        const string email = "no-email-links@example.com";
        using var client = await api.SignedInClientAsync(email);
        using var first = new SoftwareAuthenticator();
        using var second = new SoftwareAuthenticator();
        await client.RegisterAsync(first);
        await client.RegisterAsync(second);
        using var stranger = await api.SignedOutClientAsync();
        await stranger.PostAsync("/api/v1/auth/magic-link/start", new { email });
        var earlierToken = SignInMail.TokenOf(await api.Mail.WaitForAsync(email, 2));

        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(HttpMethod.Put, "/api/v1/auth/email-sign-in", EnabledBody(false))).Status);
        var links = await api.CountAsync("select count(*) from magic_links where user_id = (select id from users where email = @email)", ("email", email));
        var refused = await stranger.PostAsync("/api/v1/auth/magic-link/start", new { email });
        var control = await stranger.PostAsync("/api/v1/auth/magic-link/start", new { email = "some-other-person@example.com" });
        var oldLink = await stranger.PostAsync("/api/v1/auth/magic-link/verify", new { token = earlierToken });

        Assert.Equal(HttpStatusCode.Accepted, refused.Status);
        Assert.Equal(control.Text, refused.Text);
        // The start is answered once queued; its worker refuses and audits after the answer (as AdminTests waits for).
        await Eventually.TrueAsync(
            async () => await api.AuditCountAsync("magic_link_refused", email) > 0, TimeSpan.FromSeconds(15), "the queued refusal to be audited");
        Assert.Equal(
            links, await api.CountAsync("select count(*) from magic_links where user_id = (select id from users where email = @email)", ("email", email)));
        Assert.Equal(1L, await api.AuditCountAsync("magic_link_refused", email));
        Assert.Equal(HttpStatusCode.BadRequest, oldLink.Status);
        Assert.Equal("invalid_or_expired", oldLink.ErrorCode);
        Assert.Equal(HttpStatusCode.OK, (await stranger.SignInAsync(first, email)).Status);
    }

    [Fact]
    public async Task The_email_sign_in_switch_needs_a_session_and_a_boolean()
    {
        using var anonymous = await api.SignedOutClientAsync();
        using var client = await api.SignedInClientAsync("switch-input@example.com");

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.SendAsync(HttpMethod.Put, "/api/v1/auth/email-sign-in", EnabledBody(false))).Status);
        Assert.Equal("invalid_request", (await client.SendAsync(HttpMethod.Put, "/api/v1/auth/email-sign-in", Json("{}"))).ErrorCode);
        Assert.Equal("invalid_json", (await client.SendAsync(HttpMethod.Put, "/api/v1/auth/email-sign-in", Json("{\"enabled\":\"no\"}"))).ErrorCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync(PasskeySteps.Base + "/credentials")).Status);
    }

    private static Task<ApiResponse> PatchAsync(ApiClient client, string id, string body) =>
        client.SendAsync(HttpMethod.Patch, PasskeySteps.Base + "/credentials/" + id, Json(body));

    private static StringContent EnabledBody(bool enabled) => Json(enabled ? "{\"enabled\":true}" : "{\"enabled\":false}");

    private static StringContent Json(string body) => new(body, System.Text.Encoding.UTF8, "application/json");
}
