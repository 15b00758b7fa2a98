using System.Net;
using System.Text;
using System.Text.Json;
using FitFolio.Tests.Passkeys;

namespace FitFolio.Tests.Api;

/// <summary>
/// Recovery codes replace the mailbox as a passkey-only account's way back; when email sign-in comes back
/// on, the mailbox is that way again and the codes left are revoked in the same transaction, audited.
/// </summary>
public sealed class EmailSignInBackOnTests(ManualClockApi api) : IClassFixture<ManualClockApi>
{
    private const string Verify = "/api/v1/auth/recovery-codes/verify";
    private const string EmailSignIn = "/api/v1/auth/email-sign-in";

    [Fact]
    public async Task Turning_email_sign_in_back_on_revokes_the_unused_recovery_codes_and_audits_how_many()
    {
        const string email = "codes-revoked@example.com";
        using var client = await api.SignedInClientAsync(email);
        using var first = new SoftwareAuthenticator();
        using var second = new SoftwareAuthenticator();
        await client.RegisterAsync(first);
        await client.RegisterAsync(second);
        var off = await client.SendAsync(HttpMethod.Put, EmailSignIn, Json("{\"enabled\":false}"));
        var codes = off.Body.GetProperty("recoveryCodes").EnumerateArray().Select(c => c.GetString()!).ToList();
        using var rescued = await api.SignedOutClientAsync();
        Assert.Equal(HttpStatusCode.OK, (await rescued.PostAsync(Verify, new { email, code = codes[0] })).Status);

        var on = await rescued.SendAsync(HttpMethod.Put, EmailSignIn, Json("{\"enabled\":true}"));

        Assert.Equal(HttpStatusCode.OK, on.Status);
        Assert.True(on.Body.GetProperty("emailSignInEnabled").GetBoolean());
        Assert.Equal(JsonValueKind.Null, on.Body.GetProperty("recoveryCodes").ValueKind);
        Assert.Equal(0, (await rescued.GetAsync("/api/v1/auth/recovery-codes")).Body.GetProperty("remaining").GetInt32());
        var userId = await api.UserIdAsync(email);
        Assert.Equal(0L, await api.CountAsync("select count(*) from recovery_codes where user_id = @user", ("user", userId)));
        Assert.Equal(1L, await api.AuditCountAsync("recovery_codes_revoked", email));
        Assert.Equal(1L, await api.CountAsync(
            "select count(*) from login_events where event_type = 'recovery_codes_revoked' and user_id = @user"
                + " and (details->>'unused')::int = 9 and details->>'reason' = 'email_sign_in_enabled'",
            ("user", userId)));
        using var stranger = await api.SignedOutClientAsync();
        Assert.Equal("invalid_recovery_code", (await stranger.PostAsync(Verify, new { email, code = codes[1] })).ErrorCode);

        // Already on: nothing changes, nothing more is audited.
        Assert.Equal(HttpStatusCode.OK, (await rescued.SendAsync(HttpMethod.Put, EmailSignIn, Json("{\"enabled\":true}"))).Status);
        Assert.Equal(1L, await api.AuditCountAsync("recovery_codes_revoked", email));
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");
}
