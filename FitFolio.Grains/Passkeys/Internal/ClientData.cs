using System.Security.Cryptography;

namespace FitFolio.Grains.Passkeys.Internal;

/// <summary>
/// CollectedClientData (§5.8.1), read from the exact clientDataJSON bytes the browser produced.
/// It is parsed as JSON, never compared as a string (§5.8.1.2: RPs must not rely on the serialisation);
/// unknown members are ignored because the spec allows future extension.
/// </summary>
internal sealed class ClientData
{
    private ClientData(string type, string challenge, string origin, bool crossOrigin, string? topOrigin, byte[] hash)
    {
        Type = type;
        Challenge = challenge;
        Origin = origin;
        CrossOrigin = crossOrigin;
        TopOrigin = topOrigin;
        Hash = hash;
    }

    public string Type { get; }

    /// <summary>The challenge as the client encoded it (base64url); decoded only when compared.</summary>
    public string Challenge { get; }

    public string Origin { get; }

    public bool CrossOrigin { get; }

    public string? TopOrigin { get; }

    /// <summary>SHA-256 of the raw clientDataJSON: what the authenticator signed (§6.3.3, §7.1 step 11).</summary>
    public byte[] Hash { get; }

    public static ClientData Parse(byte[] clientDataJson)
    {
        if (clientDataJson.Length > InputLimits.MaxFieldBytes)
        {
            throw Fail.With(PasskeyFailureReason.InputTooLarge, "clientDataJSON is too large.");
        }

        using var document = StrictJson.Parse(clientDataJson, "clientDataJSON");
        var root = StrictJson.RequireObject(document.RootElement, "clientDataJSON");
        return new ClientData(
            StrictJson.RequiredString(root, "type", "clientDataJSON"),
            StrictJson.RequiredString(root, "challenge", "clientDataJSON"),
            StrictJson.RequiredString(root, "origin", "clientDataJSON"),
            StrictJson.OptionalBool(root, "crossOrigin", "clientDataJSON") ?? false,
            StrictJson.OptionalString(root, "topOrigin", "clientDataJSON"),
            SHA256.HashData(clientDataJson));
    }
}
