using Fido2NetLib.Objects;

namespace FitFolio.Grains.Passkeys;

/// <summary>
/// A verified new passkey: everything the user grain persists (§7.1 step 27). Byte arrays are fresh
/// copies owned by the caller.
/// </summary>
public sealed record RegisteredPasskey
{
    public required byte[] CredentialId { get; init; }

    /// <summary>The credential public key exactly as the authenticator encoded it (COSE_Key); store it as is.</summary>
    public required byte[] PublicKeyCose { get; init; }

    public required COSE.Algorithm Algorithm { get; init; }

    /// <summary>The user handle from the pending ceremony: the credential's owner.</summary>
    public required byte[] UserHandle { get; init; }

    public required uint SignCount { get; init; }

    public required IReadOnlyList<string> Transports { get; init; }

    /// <summary>BE: whether the credential may be synced. Fixed for the credential's life (§6.1.3).</summary>
    public required bool BackupEligible { get; init; }

    /// <summary>BS: whether it is backed up now. May change on later sign-ins.</summary>
    public required bool BackedUp { get; init; }

    /// <summary>The authenticator model claimed in attested credential data; all zeros under fmt none from most browsers.</summary>
    public required Guid Aaguid { get; init; }

    public required bool UserVerified { get; init; }

    /// <summary>The attestation statement format: none, packed, tpm, android-key, android-safetynet, fido-u2f or apple.</summary>
    public required string AttestationFormat { get; init; }

    /// <summary>
    /// What the statement proved, as Fido2 names it (§6.5.3): none, self, basic, attca or anonca. Without
    /// metadata, a certificate chain is checked by its format's rules but not chained to a vendor root.
    /// </summary>
    public required string AttestationType { get; init; }

    /// <summary>"platform", "cross-platform", or null.</summary>
    public string? AuthenticatorAttachment { get; init; }

    /// <summary>What <see cref="PasskeyAssertionVerifier"/> needs to check later sign-ins with this passkey.</summary>
    public StoredPasskey ToStoredPasskey() => new(CredentialId, PublicKeyCose, SignCount, BackupEligible, UserHandle);
}
