using FitFolio.Grains.Passkeys.Internal;

namespace FitFolio.Grains.Passkeys;

/// <summary>
/// Verifies a registration (WebAuthn L3 §7.1, "Registering a New Credential"). Thread-safe; build one
/// per <see cref="RelyingPartyOptions"/> and share it.
/// </summary>
public sealed class AttestationVerifier
{
    private readonly CeremonyChecks _checks;

    public AttestationVerifier(RelyingPartyOptions options, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _checks = new CeremonyChecks(options, timeProvider ?? TimeProvider.System);
    }

    /// <summary>Parses and verifies the browser's toJSON() credential.</summary>
    /// <exception cref="PasskeyVerificationException">Any check failed; <see cref="PasskeyVerificationException.Code"/> says which.</exception>
    public RegisteredPasskey Verify(string credentialJson, PendingPasskeyCeremony pending) =>
        Verify(RegistrationResponse.Parse(credentialJson), pending);

    /// <exception cref="PasskeyVerificationException">Any check failed; <see cref="PasskeyVerificationException.Code"/> says which.</exception>
    public RegisteredPasskey Verify(RegistrationResponse response, PendingPasskeyCeremony pending)
    {
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(pending);
        _checks.CheckPending(pending, PasskeyCeremonyKind.Registration);

        // Steps 5–11: client data, hashed over the exact bytes received.
        var clientData = ClientData.Parse(response.ClientDataJson.ToArray());
        _checks.CheckClientData(clientData, "webauthn.create", pending);

        // Step 12: decode the attestation object; steps 13–17: rpIdHash, UP, UV, BE/BS.
        var attestation = AttestationObject.Parse(response.AttestationObject.ToArray());
        var authenticatorData = AuthenticatorData.Parse(attestation.AuthenticatorData);
        _checks.CheckAuthenticatorData(authenticatorData);
        var attested = authenticatorData.AttestedCredential
            ?? throw Fail.With(PasskeyFailureReason.AttestedCredentialDataMissing, "A registration must carry attested credential data (AT flag).");

        // Step 23 context: the credential the browser reports must be the one the authenticator attested.
        if (!attested.CredentialId.AsSpan().SequenceEqual(response.CredentialId.Span))
        {
            throw Fail.With(PasskeyFailureReason.CredentialIdMismatch, "rawId differs from the credential ID in authenticatorData.");
        }

        // Step 20: the key's alg must be one we offered in pubKeyCredParams.
        var key = CoseKey.Parse(attested.PublicKeyCose);
        if (!_checks.Options.AllowedAlgorithms.Contains(key.Algorithm))
        {
            throw Fail.With(PasskeyFailureReason.AlgorithmNotAllowed, $"Credential algorithm {key.Algorithm} ({(int)key.Algorithm}) is not allowed for this relying party.");
        }

        // Steps 18–21: the attestation statement, by format (IANA WebAuthn registry, §8).
        var type = attestation.Format switch
        {
            NoneAttestation.Format => NoneAttestation.Verify(attestation.Statement),
            PackedAttestation.Format => PackedAttestation.Verify(attestation.Statement, authenticatorData, clientData.Hash, key, attested.Aaguid),
            _ => throw Fail.With(PasskeyFailureReason.UnsupportedAttestationFormat, $"Attestation format \"{Shorten(attestation.Format)}\" is not supported; only none and packed are."),
        };

        return new RegisteredPasskey
        {
            CredentialId = attested.CredentialId,
            PublicKeyCose = attested.PublicKeyCose,
            Algorithm = key.Algorithm,
            UserHandle = pending.UserHandle!.Value.ToArray(),
            SignCount = authenticatorData.SignCount,
            Transports = response.Transports,
            BackupEligible = authenticatorData.BackupEligible,
            BackedUp = authenticatorData.BackedUp,
            Aaguid = attested.Aaguid,
            UserVerified = authenticatorData.UserVerified,
            AttestationFormat = attestation.Format,
            AttestationType = type,
            AuthenticatorAttachment = response.AuthenticatorAttachment,
        };
    }

    private static string Shorten(string value) => value.Length <= 32 ? value : value[..32] + "…";
}
