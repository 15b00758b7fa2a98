using System.Net;
using FitFolio.Tests.Infrastructure;
using FitFolio.Tests.Passkeys;

namespace FitFolio.Tests.Api;

/// <summary>The passkey path and the email-code path lock separately: one locked never keeps the other out.</summary>
public sealed class PasskeyLockoutTests(PasskeyApi api) : IClassFixture<PasskeyApi>
{
    [Fact]
    public async Task Five_failed_passkey_sign_ins_lock_the_passkey_path_but_not_email_sign_in()
    {
        const string email = "passkey-locked@example.com";
        using var authenticator = await RegisteredAuthenticatorAsync(email);
        using var client = await api.SignedOutClientAsync();

        var answers = new List<ApiResponse>();
        for (var i = 0; i < 5; i++)
        {
            answers.Add(await SignInWithBadSignatureAsync(client, authenticator, email));
        }

        var whileLocked = await client.SignInAsync(authenticator, email);

        Assert.All(answers.Take(4), a => Assert.Equal("bad_signature", a.ErrorCode));
        Assert.Equal(HttpStatusCode.TooManyRequests, answers[4].Status);
        Assert.Equal(HttpStatusCode.TooManyRequests, whileLocked.Status);
        Assert.Equal("passkey_locked", whileLocked.ErrorCode);
        Assert.True(int.Parse(whileLocked.Headers["Retry-After"], System.Globalization.CultureInfo.InvariantCulture) > 14 * 60);
        Assert.Null(client.SessionCookie);
        Assert.True(
            await api.ScalarAsync<bool>("select passkey_locked_until > now() + interval '14 minutes' from users where email = @email", ("email", email)));
        Assert.Equal(0L, await api.CountAsync("select count(*) from email_code_lockouts where email = @email and locked_until > now()", ("email", email)));
        Assert.Equal(
            1L,
            await api.CountAsync(
                "select count(*) from login_events where event_type = 'account_locked' and details->>'path' = 'passkey' and user_id = (select id from users where email = @email)",
                ("email", email)));

        using var byEmail = await api.SignedInClientAsync(email);
        Assert.Equal(HttpStatusCode.OK, (await byEmail.GetAsync("/api/v1/auth/me")).Status);
    }

    [Fact]
    public async Task A_locked_email_code_path_does_not_keep_a_valid_passkey_out()
    {
        const string email = "code-locked@example.com";
        using var authenticator = await RegisteredAuthenticatorAsync(email);
        using var client = await api.SignedOutClientAsync();
        for (var i = 0; i < 5; i++)
        {
            await client.PostAsync("/api/v1/auth/magic-link/verify", new { email, code = "00000000" });
        }

        var codeAgain = await client.PostAsync("/api/v1/auth/magic-link/verify", new { email, code = "00000000" });
        var passkey = await client.SignInAsync(authenticator, email);

        Assert.Equal(HttpStatusCode.TooManyRequests, codeAgain.Status);
        Assert.Equal(HttpStatusCode.OK, passkey.Status);
        // The code path locks per address (email_code_lockouts), the passkey path per account.
        Assert.True(await api.ScalarAsync<bool>("select locked_until > now() from email_code_lockouts where email = @email", ("email", email)));
        Assert.True(await api.ScalarAsync<bool>("select passkey_locked_until is null from users where email = @email", ("email", email)));
    }

    [Fact]
    public async Task A_successful_passkey_sign_in_clears_earlier_passkey_failures()
    {
        const string email = "passkey-recovers@example.com";
        using var authenticator = await RegisteredAuthenticatorAsync(email);
        using var client = await api.SignedOutClientAsync();
        for (var i = 0; i < 4; i++)
        {
            await SignInWithBadSignatureAsync(client, authenticator, email);
        }

        Assert.Equal(HttpStatusCode.OK, (await client.SignInAsync(authenticator, email)).Status);
        Assert.Equal(0, await api.ScalarAsync<int>("select passkey_failures from users where email = @email", ("email", email)));
        Assert.Equal("bad_signature", (await SignInWithBadSignatureAsync(client, authenticator, email)).ErrorCode);
    }

    private static async Task<ApiResponse> SignInWithBadSignatureAsync(ApiClient client, SoftwareAuthenticator authenticator, string email)
    {
        var (ceremonyId, options) = await client.StartSignInAsync(email);
        var ceremony = options.Ceremony(client.Origin) with
        {
            TamperSignature = signature =>
            {
                signature[^1] ^= 0x01;
                return signature;
            },
        };
        return await client.FinishSignInAsync(ceremonyId, authenticator.Authenticate(ceremony));
    }

    private async Task<SoftwareAuthenticator> RegisteredAuthenticatorAsync(string email)
    {
        var authenticator = new SoftwareAuthenticator();
        using var client = await api.SignedInClientAsync(email);
        await client.RegisterAsync(authenticator);
        return authenticator;
    }
}
