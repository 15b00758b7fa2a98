using System.Text;
using System.Text.Json;

namespace FitFolio.Grains.Passkeys.Internal;

/// <summary>
/// The members every PublicKeyCredential.toJSON() output shares (L3 §5.1.4.2): id, rawId, type,
/// response, authenticatorAttachment, clientExtensionResults. Unknown members are ignored, as toJSON
/// may grow; known members with the wrong type are malformed.
/// </summary>
internal static class CredentialJson
{
    public const string What = "credential";

    public static JsonDocument Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);

        // UTF-8 never needs more than 3 bytes per UTF-16 char, so this bounds the work before encoding.
        if (json.Length > InputLimits.MaxCredentialJsonBytes)
        {
            throw Fail.With(PasskeyFailureReason.InputTooLarge, "The credential JSON is too large.");
        }

        byte[] utf8;
        try
        {
            utf8 = new UTF8Encoding(false, true).GetBytes(json);
        }
        catch (EncoderFallbackException exception)
        {
            throw Fail.Malformed("The credential JSON holds an unpaired surrogate.", exception);
        }

        return Parse(utf8);
    }

    public static JsonDocument Parse(ReadOnlyMemory<byte> utf8)
    {
        if (utf8.Length > InputLimits.MaxCredentialJsonBytes)
        {
            throw Fail.With(PasskeyFailureReason.InputTooLarge, "The credential JSON is too large.");
        }

        var document = StrictJson.Parse(utf8, "The credential JSON");
        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            document.Dispose();
            throw Fail.Malformed("The credential JSON must be an object.");
        }

        return document;
    }

    /// <summary>§7.1 step 3 / §7.2 step 5 context: type must be "public-key", and id must encode rawId.</summary>
    public static byte[] ReadCredentialId(JsonElement root)
    {
        var type = StrictJson.RequiredString(root, "type", What);
        var id = StrictJson.RequiredString(root, "id", What);
        var rawId = StrictJson.RequiredString(root, "rawId", What);
        if (!string.Equals(type, "public-key", StringComparison.Ordinal))
        {
            throw Fail.With(PasskeyFailureReason.TypeMismatch, "The credential type must be \"public-key\".");
        }

        // Decoded with room for one byte over the limit, so an overlong ID is named as such, not as malformed.
        var rawIdBytes = Base64Url.Decode(rawId, "rawId", InputLimits.MaxCredentialIdBytes + 3);
        var idBytes = Base64Url.Decode(id, "id", InputLimits.MaxCredentialIdBytes + 3);
        if (rawIdBytes.Length > InputLimits.MaxCredentialIdBytes || idBytes.Length > InputLimits.MaxCredentialIdBytes)
        {
            throw Fail.With(PasskeyFailureReason.CredentialIdTooLong, $"The credential ID is longer than {InputLimits.MaxCredentialIdBytes} bytes (§5.1).");
        }

        if (rawIdBytes.Length == 0)
        {
            throw Fail.Malformed("The credential ID is empty.");
        }

        return idBytes.AsSpan().SequenceEqual(rawIdBytes)
            ? rawIdBytes
            : throw Fail.With(PasskeyFailureReason.CredentialIdMismatch, "id and rawId name different credentials.");
    }

    public static JsonElement Response(JsonElement root) => StrictJson.RequiredObject(root, "response", What);

    public static string? AuthenticatorAttachment(JsonElement root)
    {
        var attachment = StrictJson.OptionalString(root, "authenticatorAttachment", What);
        return attachment is null or "platform" or "cross-platform"
            ? attachment
            : throw Fail.Malformed("authenticatorAttachment must be \"platform\" or \"cross-platform\".");
    }

    /// <summary>We act on no client extension, but the member, when present, must be an object (§5.1.4.2).</summary>
    public static void CheckClientExtensionResults(JsonElement root)
    {
        if (StrictJson.Find(root, "clientExtensionResults") is { } results && results.ValueKind != JsonValueKind.Object)
        {
            throw Fail.Malformed("clientExtensionResults must be an object.");
        }
    }

    public static byte[] RequiredBinary(JsonElement obj, string name) =>
        Base64Url.Decode(StrictJson.RequiredString(obj, name, "response"), name);
}
