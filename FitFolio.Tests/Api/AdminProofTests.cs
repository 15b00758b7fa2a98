using System.Net;
using FitFolio.Tests.Passkeys;

namespace FitFolio.Tests.Api;

/// <summary>
/// Admin routes need a session whose most recent proof was a passkey, and an admin's session idles
/// out after 30 minutes rather than 3 days.
/// </summary>
public sealed class AdminProofTests(ManualClockApi api) : IClassFixture<ManualClockApi>
{
    private const string Users = "/api/v1/admin/users";

    [Fact]
    public async Task An_admin_signed_in_by_email_must_confirm_with_a_passkey_and_adding_one_is_not_yet_a_proof()
    {
        using var admin = await api.SignedInClientAsync(AdminTests.AdminEmail);
        using var authenticator = new SoftwareAuthenticator();

        var byEmail = await admin.GetAsync(Users);
        await admin.RegisterAsync(authenticator);
        var justAdded = await admin.PostAsync($"{Users}/{Guid.NewGuid()}/lock", new { minutes = 15 });
        await admin.ReauthenticateAsync(authenticator);
        var confirmed = await admin.GetAsync(Users);

        Assert.Equal(HttpStatusCode.Forbidden, byEmail.Status);
        Assert.Equal("admin_passkey_required", byEmail.ErrorCode);
        Assert.Equal("admin_passkey_required", justAdded.ErrorCode);
        Assert.Equal(HttpStatusCode.OK, confirmed.Status);
        var current = (await admin.GetAsync("/api/v1/auth/sessions")).Body
            .GetProperty("items")
            .EnumerateArray()
            .Single(s => s.GetProperty("current").GetBoolean());
        Assert.Equal("passkey", await api.ScalarAsync<string>($"select authenticated_with from sessions where id = '{current.GetProperty("id").GetString()}'"));
    }

    [Fact]
    public async Task An_admin_who_signs_in_with_a_passkey_reaches_admin_routes_and_a_member_never_does()
    {
        using var setup = await api.SignedInClientAsync(AdminTests.AdminEmail);
        using var authenticator = new SoftwareAuthenticator();
        await setup.RegisterAsync(authenticator);
        using var admin = await api.SignedOutClientAsync();
        using var member = await api.SignedInClientAsync("proof-member@example.com");
        await member.ProveWithNewPasskeyAsync();

        Assert.Equal(HttpStatusCode.OK, (await admin.SignInAsync(authenticator)).Status);

        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync(Users)).Status);
        Assert.Equal("forbidden", (await member.GetAsync(Users)).ErrorCode);
    }

    [Fact]
    public async Task An_admins_session_idles_out_after_thirty_minutes_while_a_members_lives_on()
    {
        using var admin = await api.SignedInWithPasskeyProofAsync(AdminTests.AdminEmail);
        using var member = await api.SignedInClientAsync("idle-member@example.com");

        api.Clock.Advance(TimeSpan.FromMinutes(29));
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync(Users)).Status);
        api.Clock.Advance(TimeSpan.FromMinutes(30.5));

        Assert.Equal(HttpStatusCode.Unauthorized, (await admin.GetAsync(Users)).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await admin.GetAsync("/api/v1/auth/me")).Status);
        Assert.Equal(HttpStatusCode.OK, (await member.GetAsync("/api/v1/auth/me")).Status);
    }
}
