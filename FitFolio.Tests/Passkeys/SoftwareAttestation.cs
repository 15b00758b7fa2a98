namespace FitFolio.Tests.Passkeys;

/// <summary>Which attestation statement <see cref="SoftwareAuthenticator"/> produces at registration.</summary>
public enum SoftwareAttestation
{
    /// <summary>fmt "none", empty attStmt (§8.7).</summary>
    None,

    /// <summary>fmt "packed" signed by the credential key itself (§8.2, self attestation).</summary>
    PackedSelf,

    /// <summary>fmt "packed" signed by <see cref="SoftwareCeremony.AttestationCertificate"/>, sent as x5c.</summary>
    PackedCertificate,
}
