namespace FitFolio.Grains.Passkeys.Internal;

/// <summary>
/// Hard limits on everything a client sends. Real responses are a few KiB at most (a packed x5c
/// chain of three certificates is about 2.5 KiB); the limits only stop a client from making us parse
/// or hash megabytes or recurse deeply.
/// </summary>
internal static class InputLimits
{
    /// <summary>Largest decoded binary field (clientDataJSON, attestationObject, authenticatorData, signature).</summary>
    public const int MaxFieldBytes = 16 * 1024;

    /// <summary>Largest credential JSON as posted: four maximal base64url fields plus members and extensions.</summary>
    public const int MaxCredentialJsonBytes = 128 * 1024;

    /// <summary>toJSON output nests three levels; client extension outputs (prf, largeBlob) a few more.</summary>
    public const int MaxJsonDepth = 16;

    /// <summary>attestationObject → attStmt → x5c → certificate is depth 3; authenticator extensions nest a little.</summary>
    public const int MaxCborDepth = 8;

    /// <summary>Most entries we accept in any one CBOR map or array.</summary>
    public const int MaxCborItems = 64;

    /// <summary>§5.1 credentialId: at most 1023 bytes; longer ones must be ignored by RPs, we refuse them.</summary>
    public const int MaxCredentialIdBytes = 1023;

    /// <summary>§5.4.3: user handles are at most 64 bytes.</summary>
    public const int MaxUserHandleBytes = 64;

    /// <summary>Transports are a handful of short tokens (§5.8.4).</summary>
    public const int MaxTransports = 16;

    public const int MaxTransportLength = 32;

    /// <summary>Certificates accepted in a packed x5c: leaf plus a short chain.</summary>
    public const int MaxCertificates = 8;

    /// <summary>Base64url characters needed for <paramref name="bytes"/> bytes, unpadded.</summary>
    public static int Base64UrlLength(int bytes) => ((bytes * 4) + 2) / 3;
}
