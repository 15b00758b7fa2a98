namespace FitFolio.Grains.Passkeys;

/// <summary>COSE algorithm identifiers (IANA COSE registry) that FitFolio recognises for credential keys.</summary>
public enum CoseAlgorithm
{
    /// <summary>ECDSA with SHA-256 on P-256.</summary>
    ES256 = -7,

    /// <summary>
    /// EdDSA (Ed25519). Recognised so it can be refused by name: .NET has no Ed25519
    /// (dotnet/runtime#63174), so it is never offered and always fails with <c>unsupported_algorithm</c>.
    /// </summary>
    EdDsa = -8,

    /// <summary>RSASSA-PKCS1-v1_5 with SHA-256.</summary>
    RS256 = -257,
}
