using Fido2NetLib.Objects;
using FitFolio.Grains.Passkeys;
using FitFolio.Tests.Infrastructure;

namespace FitFolio.Tests.Passkeys.Fuzzing;

/// <summary>The seeds: every shared vector, and software-authenticator responses of every kind we accept.</summary>
public static class FuzzCorpus
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);

    public static IReadOnlyList<FuzzSeed> Build(IList<IDisposable> owned)
    {
        var seeds = new List<FuzzSeed>();
        foreach (var vector in WebAuthnVector.All())
        {
            seeds.Add(vector.IsRegistration ? VectorRegistration(vector) : VectorAuthentication(vector));
        }

        var harness = new PasskeyHarness();
        foreach (var algorithm in new[] { COSE.Algorithm.ES256, COSE.Algorithm.RS256 })
        {
            var authenticator = new SoftwareAuthenticator(algorithm) { BackupEligible = true, BackedUp = true };
            owned.Add(authenticator);
            seeds.Add(SoftwareRegistration(harness, authenticator, $"software-{algorithm}-none", c => c));
            seeds.Add(SoftwareRegistration(
                harness, authenticator, $"software-{algorithm}-packed-self", c => c with { Attestation = SoftwareAttestation.PackedSelf }));
            var stored = harness.Register(authenticator).ToStoredPasskey();
            seeds.Add(SoftwareAuthentication(harness, authenticator, stored, $"software-{algorithm}-assertion", usernameless: false));
            seeds.Add(SoftwareAuthentication(harness, authenticator, stored, $"software-{algorithm}-usernameless-assertion", usernameless: true));
        }

        var certified = new SoftwareAuthenticator();
        var certificate = AttestationCertificates.Create(aaguid: certified.Aaguid);
        owned.Add(certified);
        owned.Add(certificate);
        seeds.Add(SoftwareRegistration(
            harness,
            certified,
            "software-ES256-packed-x5c",
            c => c with { Attestation = SoftwareAttestation.PackedCertificate, AttestationCertificate = certificate }));
        return seeds;
    }

    private static FuzzSeed VectorRegistration(WebAuthnVector vector)
    {
        var verifier = new BlockingRegistrationVerifier(new PasskeyRegistrationVerifier(vector.Options(), new ManualClock(Now)));
        var pending = vector.Pending(Now);
        var packed = vector.ExpectOk && (string?)vector.Expect["fmt"] == "packed";
        return new FuzzSeed(
            vector.Name,
            vector.ResponseJson,
            true,
            json => verifier.Verify(json, pending),
            utf8 => verifier.Verify(RegistrationResponse.Parse(utf8), pending),
            packed ? new HashSet<string> { "clientDataJSON" } : new HashSet<string>());
    }

    private static FuzzSeed VectorAuthentication(WebAuthnVector vector)
    {
        var verifier = new BlockingAssertionVerifier(new PasskeyAssertionVerifier(vector.Options(), new ManualClock(Now)));
        var pending = vector.Pending(Now);
        var stored = vector.StoredPasskey();
        return new FuzzSeed(
            vector.Name,
            vector.ResponseJson,
            false,
            json => verifier.Verify(AuthenticationResponse.Parse(json), pending, stored),
            utf8 => verifier.Verify(AuthenticationResponse.Parse(utf8), pending, stored),
            new HashSet<string> { "clientDataJSON", "authenticatorData", "signature" });
    }

    private static FuzzSeed SoftwareRegistration(
        PasskeyHarness harness, SoftwareAuthenticator authenticator, string name, Func<SoftwareCeremony, SoftwareCeremony> tweak)
    {
        var (json, pending) = harness.StartRegistration(authenticator, tweak);
        var packed = name.Contains("packed", StringComparison.Ordinal);
        return new FuzzSeed(
            name,
            json,
            true,
            candidate => harness.Registrations.Verify(candidate, pending),
            utf8 => harness.Registrations.Verify(RegistrationResponse.Parse(utf8), pending),
            packed ? new HashSet<string> { "clientDataJSON" } : new HashSet<string>());
    }

    private static FuzzSeed SoftwareAuthentication(
        PasskeyHarness harness, SoftwareAuthenticator authenticator, StoredPasskey stored, string name, bool usernameless)
    {
        var (json, pending) = harness.StartSignIn(authenticator, stored, usernameless);
        return new FuzzSeed(
            name,
            json,
            false,
            candidate => harness.Assertions.Verify(AuthenticationResponse.Parse(candidate), pending, stored),
            utf8 => harness.Assertions.Verify(AuthenticationResponse.Parse(utf8), pending, stored),
            new HashSet<string> { "clientDataJSON", "authenticatorData", "signature" });
    }
}
