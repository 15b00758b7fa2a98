using System.Text.Json;
using FitFolio.Grains.Passkeys;
using FitFolio.Grains.Users;
using FitFolio.Silo.Hosting;

namespace FitFolio.Tests.Api;

/// <summary>
/// Passkey arguments and results cross silos as JSON (GrainJson) when a grain lives elsewhere; a
/// single-host test never serialises them, so these check that each one survives the trip intact.
/// </summary>
public sealed class PasskeyGrainMessageTests
{
    private static readonly PasskeyChallengeIssuer Issuer = new(new RelyingPartyOptions
    {
        RpId = "fitfolio.test",
        RpName = "FitFolio",
        AllowedOrigins = ["https://fitfolio.test"],
    });

    private static readonly UserProfile Profile = new(Guid.CreateVersion7(), "p@example.com", true, false, true, 2, DateTimeOffset.UnixEpoch);

    private static readonly PasskeyView View = new(Guid.CreateVersion7(), "Phone", DateTimeOffset.UnixEpoch, null, ["internal", "hybrid"], true);

    [Fact]
    public void Creation_and_request_options_survive_the_trip()
    {
        var creation = Issuer.IssueRegistration(new PasskeyUser(new byte[32], "p@example.com", "p@example.com"), [new PasskeyCredentialDescriptor(new byte[] { 1, 2, 3 }, ["usb"])]).Options;
        var request = Issuer.IssueAuthentication(null, []).Options;

        AssertRoundTrip(creation);
        AssertRoundTrip(request);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_pending_sign_in_survives_the_trip_with_or_without_a_user_handle(bool bound)
    {
        var handle = bound ? new ReadOnlyMemory<byte>(new byte[] { 7, 7, 7 }) : default(ReadOnlyMemory<byte>?);
        var pending = Issuer.IssueAuthentication(handle, []).Pending;
        var state = PendingCeremonyState.From(pending);

        var copy = AssertRoundTrip(state).ToPending();

        Assert.Equal(pending.Challenge.ToArray(), copy.Challenge.ToArray());
        Assert.Equal(pending.UserHandle?.ToArray(), copy.UserHandle?.ToArray());
        Assert.Equal(pending.ExpiresAt, copy.ExpiresAt);
    }

    [Fact]
    public void Results_survive_the_trip()
    {
        AssertRoundTrip(new PasskeyRegistrationResult(View, Profile, null));
        AssertRoundTrip(PasskeyRegistrationResult.Failed("challenge_mismatch"));
        AssertRoundTrip(new PasskeySignInResult(SignInOutcome.SignedIn, Profile, Guid.CreateVersion7()));
        AssertRoundTrip(PasskeySignInResult.LockedFor(TimeSpan.FromMinutes(15)));
        AssertRoundTrip(new EmailSignInChange(PasskeyChangeOutcome.NeedsTwoPasskeys, Profile));
        AssertRoundTrip<IReadOnlyList<PasskeyView>>([View]);
    }

    private static T AssertRoundTrip<T>(T value)
    {
        var json = JsonSerializer.Serialize(value, GrainJson.Options);
        var copy = JsonSerializer.Deserialize<T>(json, GrainJson.Options)!;
        Assert.Equal(json, JsonSerializer.Serialize(copy, GrainJson.Options));
        return copy;
    }
}
