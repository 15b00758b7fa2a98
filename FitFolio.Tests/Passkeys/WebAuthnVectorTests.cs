using Fido2NetLib.Objects;
using FitFolio.Grains.Passkeys;
using FitFolio.Tests.Infrastructure;

namespace FitFolio.Tests.Passkeys;

/// <summary>Every file in the shared vectors folder, verified with its own RP ID, origin and challenge.</summary>
public sealed class WebAuthnVectorTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);

    public static TheoryData<string> RegistrationVectors => Vectors(v => v.IsRegistration);

    public static TheoryData<string> AuthenticationVectors => Vectors(v => !v.IsRegistration);

    [Fact]
    public void The_vector_folder_holds_every_vector_the_readme_lists()
    {
        Assert.Equal(20, WebAuthnVector.Names.Count);
        Assert.Equal(WebAuthnVector.Names.Count, RegistrationVectors.Count + AuthenticationVectors.Count);
    }

    [Theory]
    [MemberData(nameof(RegistrationVectors))]
    public void Registration_vector_verifies_or_fails_as_the_file_states(string name)
    {
        var vector = WebAuthnVector.Load(name);
        var verifier = new BlockingRegistrationVerifier(new PasskeyRegistrationVerifier(vector.Options(), new ManualClock(Now)));

        if (!vector.ExpectOk)
        {
            var failure = Assert.Throws<PasskeyVerificationException>(() => verifier.Verify(vector.ResponseJson, vector.Pending(Now)));
            Assert.Equal(ReasonFor(vector), failure.Reason);
            return;
        }

        var passkey = verifier.Verify(vector.ResponseJson, vector.Pending(Now));
        Assert.Equal((string)vector.Expect["fmt"]!, passkey.AttestationFormat);
        Assert.Equal(vector.ExpectedAlgorithm, (int)passkey.Algorithm);
        Assert.Equal((uint)vector.Expect["signCount"]!, passkey.SignCount);
        Assert.Equal((string)vector.Expect["credentialId"]!, Base64UrlText.Encode(passkey.CredentialId));
        if (vector.Expect["publicKeyCose"] is { } publicKey)
        {
            Assert.Equal((string)publicKey!, Base64UrlText.Encode(passkey.PublicKeyCose));
        }

        Assert.Equal(passkey.AttestationFormat == "none" ? "none" : passkey.AttestationType, passkey.AttestationType);
    }

    [Theory]
    [MemberData(nameof(AuthenticationVectors))]
    public void Authentication_vector_verifies_or_fails_as_the_file_states(string name)
    {
        var vector = WebAuthnVector.Load(name);
        var verifier = new BlockingAssertionVerifier(new PasskeyAssertionVerifier(vector.Options(), new ManualClock(Now)));
        var response = AuthenticationResponse.Parse(vector.ResponseJson);

        if (!vector.ExpectOk)
        {
            var failure = Assert.Throws<PasskeyVerificationException>(() => verifier.Verify(response, vector.Pending(Now), vector.StoredPasskey()));
            Assert.Equal(ReasonFor(vector), failure.Reason);
            return;
        }

        var assertion = verifier.Verify(response, vector.Pending(Now), vector.StoredPasskey());
        Assert.Equal((uint)vector.Expect["signCount"]!, assertion.SignCount);
        Assert.Equal((string)vector.Expect["credentialId"]!, Base64UrlText.Encode(assertion.CredentialId));
    }

    [Fact]
    public void The_Ed25519_vector_verifies_and_a_flipped_bit_of_its_signature_does_not()
    {
        // Refused as unsupported_algorithm before Fido2 (.NET has no Ed25519); Fido2 verifies it through NSec.
        var vector = WebAuthnVector.Load("auth-ed25519-pywebauthn");
        Assert.True(vector.ExpectOk);
        Assert.Equal((int)COSE.Algorithm.EdDSA, vector.ExpectedAlgorithm);
        var verifier = new BlockingAssertionVerifier(new PasskeyAssertionVerifier(vector.Options(), new ManualClock(Now)));

        var assertion = verifier.Verify(AuthenticationResponse.Parse(vector.ResponseJson), vector.Pending(Now), vector.StoredPasskey());
        Assert.Equal((uint)vector.Expect["signCount"]!, assertion.SignCount);

        var tampered = System.Text.Json.Nodes.JsonNode.Parse(vector.ResponseJson)!.AsObject();
        var signature = Base64UrlText.Decode((string)tampered["response"]!["signature"]!);
        signature[^1] ^= 1;
        tampered["response"]!["signature"] = Base64UrlText.Encode(signature);
        var failure = Assert.Throws<PasskeyVerificationException>(() =>
            verifier.Verify(AuthenticationResponse.Parse(tampered.ToJsonString()), vector.Pending(Now), vector.StoredPasskey()));
        Assert.Equal(PasskeyFailureReason.BadSignature, failure.Reason);
    }

    [Theory]
    [MemberData(nameof(PositiveVectors))]
    public void A_positive_vector_fails_under_another_origin_rp_id_or_challenge(string name)
    {
        var vector = WebAuthnVector.Load(name);
        var pending = vector.Pending(Now);
        Assert.Equal(PasskeyFailureReason.OriginMismatch, Verify(vector, vector.Options() with { AllowedOrigins = ["https://evil.example"] }, pending));
        Assert.Equal(PasskeyFailureReason.RpIdMismatch, Verify(vector, vector.Options() with { RpId = "evil.example" }, pending));
        var otherChallenge = vector.IsRegistration
            ? PendingPasskeyCeremony.ForRegistration(new byte[32], "vector-owner"u8, Now.AddMinutes(5))
            : PendingPasskeyCeremony.ForAuthentication(new byte[32], vector.StoredPasskey().UserHandle, [], Now.AddMinutes(5));
        Assert.Equal(PasskeyFailureReason.ChallengeMismatch, Verify(vector, vector.Options(), otherChallenge));
    }

    public static TheoryData<string> PositiveVectors => Vectors(v => v.ExpectOk);

    private static PasskeyFailureReason? Verify(WebAuthnVector vector, RelyingPartyOptions options, PendingPasskeyCeremony pending)
    {
        try
        {
            if (vector.IsRegistration)
            {
                new BlockingRegistrationVerifier(new PasskeyRegistrationVerifier(options, new ManualClock(Now))).Verify(vector.ResponseJson, pending);
            }
            else
            {
                new BlockingAssertionVerifier(new PasskeyAssertionVerifier(options, new ManualClock(Now))).Verify(
                    AuthenticationResponse.Parse(vector.ResponseJson), pending, vector.StoredPasskey());
            }

            return null;
        }
        catch (PasskeyVerificationException exception)
        {
            return exception.Reason;
        }
    }

    /// <summary>The vectors state failures in words; this maps each phrasing to our reason code.</summary>
    private static PasskeyFailureReason ReasonFor(WebAuthnVector vector)
    {
        var error = vector.ExpectedError ?? throw new InvalidOperationException($"{vector.Name} is negative but states no error.");
        (string Phrase, PasskeyFailureReason Reason)[] phrases =
        [
            ("challenge mismatch", PasskeyFailureReason.ChallengeMismatch),
            ("origin mismatch", PasskeyFailureReason.OriginMismatch),
            ("rpIdHash", PasskeyFailureReason.RpIdMismatch),
            ("signature does not verify", PasskeyFailureReason.BadSignature),
            ("signature counter did not increase", PasskeyFailureReason.SignCountRegression),
            ("user verification required", PasskeyFailureReason.UserVerificationMissing),
            ("user present (UP) flag not set", PasskeyFailureReason.UserPresenceMissing),
            ("clientDataJSON.type is", PasskeyFailureReason.TypeMismatch),
        ];
        var matches = phrases.Where(p => error.Contains(p.Phrase, StringComparison.Ordinal)).ToArray();
        return matches.Length == 1
            ? matches[0].Reason
            : throw new InvalidOperationException($"{vector.Name}: no single reason code for the stated error \"{error}\"; extend the mapping.");
    }

    private static TheoryData<string> Vectors(Func<WebAuthnVector, bool> predicate) =>
        [.. WebAuthnVector.All().Where(predicate).Select(v => v.Name)];
}
