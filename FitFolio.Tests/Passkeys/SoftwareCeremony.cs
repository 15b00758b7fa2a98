using System.Security.Cryptography.X509Certificates;

namespace FitFolio.Tests.Passkeys;

/// <summary>
/// What a browser hands an authenticator for one ceremony, plus knobs that make the result wrong on
/// purpose. The defaults produce a response a correct relying party accepts.
/// </summary>
public sealed record SoftwareCeremony(string RpId, string Origin, byte[] Challenge)
{
    /// <summary>Registration: the user handle the credential is stored with. Authentication: overrides the handle returned.</summary>
    public byte[]? UserHandle { get; init; }

    /// <summary>Authentication: leave response.userHandle out even for a discoverable credential.</summary>
    public bool OmitUserHandle { get; init; }

    /// <summary>clientDataJSON.type; null means the right one for the ceremony.</summary>
    public string? ClientDataType { get; init; }

    public bool UserPresent { get; init; } = true;

    public bool UserVerified { get; init; } = true;

    public bool CrossOrigin { get; init; }

    public string? TopOrigin { get; init; }

    public SoftwareAttestation Attestation { get; init; } = SoftwareAttestation.None;

    /// <summary>For <see cref="SoftwareAttestation.PackedCertificate"/>: a certificate with its ECDSA P-256 private key.</summary>
    public X509Certificate2? AttestationCertificate { get; init; }

    /// <summary>Overrides attStmt.alg, to claim an algorithm the signature was not made with.</summary>
    public int? AttestationAlgorithm { get; init; }

    /// <summary>Edits the flags byte after the authenticator set it (and before it signs).</summary>
    public Func<byte, byte>? TamperFlags { get; init; }

    /// <summary>Edits the finished signature (assertion, or packed attStmt.sig).</summary>
    public Func<byte[], byte[]>? TamperSignature { get; init; }

    /// <summary>Overrides id and rawId in the JSON without changing what the authenticator signed.</summary>
    public byte[]? ReportedCredentialId { get; init; }

    /// <summary>Registration: transports reported by the browser.</summary>
    public IReadOnlyList<string> Transports { get; init; } = ["internal", "hybrid"];
}
