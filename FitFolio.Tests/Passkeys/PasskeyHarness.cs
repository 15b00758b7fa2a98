using System.Security.Cryptography;
using FitFolio.Grains.Passkeys;
using FitFolio.Tests.Infrastructure;

namespace FitFolio.Tests.Passkeys;

/// <summary>
/// The server side of a ceremony, the way a user grain will drive it: issue options, keep the pending
/// ceremony, verify what the (software) authenticator answers.
/// </summary>
public sealed class PasskeyHarness
{
    public const string RpId = "fitfolio.test";
    public const string Origin = "https://fitfolio.test";

    public PasskeyHarness(RelyingPartyOptions? options = null)
    {
        Options = options ?? DefaultOptions();
        Issuer = new PasskeyChallengeIssuer(Options, Clock);
        Registrations = new BlockingRegistrationVerifier(new PasskeyRegistrationVerifier(Options, Clock));
        Assertions = new BlockingAssertionVerifier(new PasskeyAssertionVerifier(Options, Clock));
    }

    public ManualClock Clock { get; } = new(new DateTimeOffset(2026, 11, 22, 12, 0, 0, TimeSpan.Zero));

    public RelyingPartyOptions Options { get; }

    public PasskeyChallengeIssuer Issuer { get; }

    public BlockingRegistrationVerifier Registrations { get; }

    public BlockingAssertionVerifier Assertions { get; }

    public byte[] UserHandle { get; } = RandomNumberGenerator.GetBytes(16);

    public static RelyingPartyOptions DefaultOptions() => new()
    {
        RpId = RpId,
        RpName = "FitFolio",
        AllowedOrigins = [Origin],
    };

    /// <summary>Issues registration options and the authenticator's answer to them, <paramref name="tweak"/> applied.</summary>
    public (string Json, PendingPasskeyCeremony Pending) StartRegistration(
        SoftwareAuthenticator authenticator, Func<SoftwareCeremony, SoftwareCeremony>? tweak = null)
    {
        var start = Issuer.IssueRegistration(new PasskeyUser(UserHandle, "ana@fitfolio.test", "Ana"), []);
        var ceremony = new SoftwareCeremony(start.Options.Rp.Id, Origin, Base64UrlText.Decode(start.Options.Challenge))
        {
            UserHandle = Base64UrlText.Decode(start.Options.User.Id),
        };
        return (authenticator.Register(tweak?.Invoke(ceremony) ?? ceremony), start.Pending);
    }

    public RegisteredPasskey Register(SoftwareAuthenticator authenticator, Func<SoftwareCeremony, SoftwareCeremony>? tweak = null)
    {
        var (json, pending) = StartRegistration(authenticator, tweak);
        return Registrations.Verify(json, pending);
    }

    public PasskeyVerificationException RegistrationFails(SoftwareAuthenticator authenticator, Func<SoftwareCeremony, SoftwareCeremony>? tweak = null)
    {
        var (json, pending) = StartRegistration(authenticator, tweak);
        return Assert.Throws<PasskeyVerificationException>(() => Registrations.Verify(json, pending));
    }

    /// <summary>Issues request options (usernameless or for this user) and the authenticator's answer.</summary>
    public (string Json, PendingPasskeyCeremony Pending) StartSignIn(
        SoftwareAuthenticator authenticator, StoredPasskey stored, bool usernameless = false, Func<SoftwareCeremony, SoftwareCeremony>? tweak = null)
    {
        var start = usernameless
            ? Issuer.IssueAuthentication(null, [])
            : Issuer.IssueAuthentication(stored.UserHandle, [new PasskeyCredentialDescriptor(stored.CredentialId, ["internal"])]);
        var ceremony = new SoftwareCeremony(start.Options.RpId, Origin, Base64UrlText.Decode(start.Options.Challenge));
        return (authenticator.Authenticate(tweak?.Invoke(ceremony) ?? ceremony), start.Pending);
    }

    public VerifiedAssertion SignIn(
        SoftwareAuthenticator authenticator, StoredPasskey stored, bool usernameless = false, Func<SoftwareCeremony, SoftwareCeremony>? tweak = null)
    {
        var (json, pending) = StartSignIn(authenticator, stored, usernameless, tweak);
        return Assertions.Verify(AuthenticationResponse.Parse(json), pending, stored);
    }

    public PasskeyVerificationException SignInFails(
        SoftwareAuthenticator authenticator, StoredPasskey stored, bool usernameless = false, Func<SoftwareCeremony, SoftwareCeremony>? tweak = null)
    {
        var (json, pending) = StartSignIn(authenticator, stored, usernameless, tweak);
        return Assert.Throws<PasskeyVerificationException>(() => Assertions.Verify(AuthenticationResponse.Parse(json), pending, stored));
    }
}
