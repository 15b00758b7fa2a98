using Fido2NetLib;
using Fido2NetLib.Objects;

namespace FitFolio.Grains.Passkeys;

/// <summary>
/// Verifies a registration (WebAuthn L3 §7.1) with Fido2: client data, authenticator data, the attestation
/// statement in every format Fido2 knows, the key's algorithm against those offered, and, with metadata
/// configured, the authenticator's status. Thread-safe; build one per <see cref="RelyingPartyOptions"/>.
/// </summary>
public sealed class PasskeyRegistrationVerifier
{
    private readonly PasskeyCeremonyPolicy _policy;
    private readonly AttestationConveyancePreference _attestation;
    private readonly PubKeyCredParam[] _parameters;

    public PasskeyRegistrationVerifier(RelyingPartyOptions options, TimeProvider? timeProvider = null)
        : this(new PasskeyCeremonyPolicy(options, timeProvider ?? TimeProvider.System))
    {
    }

    internal PasskeyRegistrationVerifier(PasskeyCeremonyPolicy policy)
    {
        _policy = policy;
        _attestation = policy.Options.Attestation switch
        {
            "indirect" => AttestationConveyancePreference.Indirect,
            "direct" => AttestationConveyancePreference.Direct,
            "enterprise" => AttestationConveyancePreference.Enterprise,
            _ => AttestationConveyancePreference.None,
        };
        _parameters = [.. policy.Options.AllowedAlgorithms.Select(algorithm => new PubKeyCredParam(algorithm))];
    }

    /// <summary>Parses and verifies the browser's toJSON() credential.</summary>
    /// <param name="credentialJson">RegistrationResponseJSON as posted.</param>
    /// <param name="pending">The ceremony the grain kept; dropped by the caller after this one try.</param>
    /// <param name="cancellationToken">Cancels the uniqueness lookup.</param>
    /// <param name="isCredentialIdUnique">
    /// Fido2's §7.1 step 25 callback: true when no account holds this credential id yet. The grain checks its own
    /// passkeys and the table; the unique index stays the last word against a concurrent registration.
    /// </param>
    /// <exception cref="PasskeyVerificationException">Any check failed; <see cref="PasskeyVerificationException.Code"/> says which.</exception>
    public Task<RegisteredPasskey> VerifyAsync(
        string credentialJson,
        PendingPasskeyCeremony pending,
        Func<byte[], CancellationToken, Task<bool>> isCredentialIdUnique,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(pending);
        _policy.CheckPending(pending, PasskeyCeremonyKind.Registration);
        return VerifyAsync(RegistrationResponse.Parse(credentialJson), pending, isCredentialIdUnique, cancellationToken);
    }

    /// <inheritdoc cref="VerifyAsync(string, PendingPasskeyCeremony, Func{byte[], CancellationToken, Task{bool}}, CancellationToken)"/>
    public async Task<RegisteredPasskey> VerifyAsync(
        RegistrationResponse response,
        PendingPasskeyCeremony pending,
        Func<byte[], CancellationToken, Task<bool>> isCredentialIdUnique,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(pending);
        ArgumentNullException.ThrowIfNull(isCredentialIdUnique);
        _policy.CheckPending(pending, PasskeyCeremonyKind.Registration);

        // Read with Fido2's parser for the checks that keep our own reason codes; Fido2 verifies everything again.
        var parsed = PasskeyCeremonyPolicy.Run(() => AuthenticatorAttestationResponse.Parse(response.Raw));
        _policy.CheckClientData(parsed, "webauthn.create", pending);
        var attested = parsed.AttestationObject.AuthData.AttestedCredentialData;
        // Fido2's reader has refused an attested ID over 1023 bytes already; rawId must name the attested credential.
        if (attested is not null && !attested.CredentialId.AsSpan().SequenceEqual(response.CredentialId.Span))
        {
            throw PasskeyCeremonyPolicy.Fail(PasskeyFailureReason.CredentialIdMismatch, "rawId differs from the credential ID in authenticatorData.");
        }

        var user = new Fido2User { Id = pending.UserHandle!.Value.ToArray(), Name = "-", DisplayName = "-" };
        var options = CredentialCreateOptions.Create(
            _policy.Configuration,
            pending.Challenge.ToArray(),
            user,
            new AuthenticatorSelection { ResidentKey = ResidentKeyRequirement.Required, UserVerification = _policy.UserVerification },
            _attestation,
            [],
            null,
            _parameters);
        var credential = await PasskeyCeremonyPolicy.RunAsync(() => _policy.Fido2.MakeNewCredentialAsync(
            new MakeNewCredentialParams
            {
                AttestationResponse = response.Raw,
                OriginalOptions = options,
                IsCredentialIdUniqueToUserCallback = (args, token) => isCredentialIdUnique(args.CredentialId, token),
            },
            cancellationToken));

        var authenticatorData = parsed.AttestationObject.AuthData;
        var key = authenticatorData.AttestedCredentialData!.CredentialPublicKey;
        return new RegisteredPasskey
        {
            CredentialId = credential.Id,
            PublicKeyCose = credential.PublicKey,
            // Fido2 has checked the key against pubKeyCredParams, so exactly one of ours matches.
            Algorithm = _policy.Options.AllowedAlgorithms.First(key.IsSameAlg),
            UserHandle = user.Id,
            SignCount = credential.SignCount,
            Transports = response.Transports,
            BackupEligible = credential.IsBackupEligible,
            BackedUp = credential.IsBackedUp,
            Aaguid = credential.AaGuid,
            UserVerified = authenticatorData.UserVerified,
            AttestationFormat = credential.AttestationFormat,
            AttestationType = credential.AttestationType,
            AuthenticatorAttachment = response.AuthenticatorAttachment,
        };
    }
}
