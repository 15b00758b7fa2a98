using System.Buffers.Text;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace FitFolio.Grains.Passkeys;

/// <summary>
/// The members every PublicKeyCredential.toJSON() output shares (L3 §5.1.4.2), read with System.Text.Json
/// before Fido2's models take the rest: size bounds, the credential type, id against rawId, and the
/// members Fido2's models would refuse as a whole although the spec says to tolerate them (unknown transports).
/// </summary>
internal static class CredentialJson
{
    /// <summary>Largest credential JSON as posted: real responses are a few KiB, a packed x5c chain of three certificates about 2.5 KiB.</summary>
    public const int MaxCredentialJsonChars = 128 * 1024;

    /// <summary>Largest decoded binary field (clientDataJSON, attestationObject, authenticatorData, signature).</summary>
    public const int MaxFieldBytes = 16 * 1024;

    /// <summary>§5.4.3: user handles are at most 64 bytes.</summary>
    public const int MaxUserHandleBytes = 64;

    private const int MaxTransports = 16;
    private const int MaxTransportLength = 32;

    // toJSON output nests three levels; client extension outputs (prf, largeBlob) a few more.
    private static readonly JsonNodeOptions NodeOptions = new() { PropertyNameCaseInsensitive = false };
    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 16, AllowDuplicateProperties = false };
    private static readonly System.Text.UTF8Encoding StrictUtf8 = new(false, true);

    /// <summary>The posted bytes as text: strict UTF-8, bounded before decoding.</summary>
    public static string Decode(ReadOnlyMemory<byte> utf8)
    {
        if (utf8.Length > MaxCredentialJsonChars)
        {
            throw PasskeyCeremonyPolicy.Fail(PasskeyFailureReason.InputTooLarge, "The credential JSON is too large.");
        }

        try
        {
            return StrictUtf8.GetString(utf8.Span);
        }
        catch (System.Text.DecoderFallbackException e)
        {
            throw new PasskeyVerificationException(PasskeyFailureReason.Malformed, "The credential JSON is not UTF-8.", e);
        }
    }

    /// <summary>Parses the posted JSON into an object node; the caller edits and then deserializes it.</summary>
    public static JsonObject Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        if (json.Length > MaxCredentialJsonChars)
        {
            throw PasskeyCeremonyPolicy.Fail(PasskeyFailureReason.InputTooLarge, "The credential JSON is too large.");
        }

        JsonNode? node;
        try
        {
            node = JsonNode.Parse(json, NodeOptions, DocumentOptions);
        }
        catch (JsonException e)
        {
            throw new PasskeyVerificationException(PasskeyFailureReason.Malformed, "The credential is not valid JSON.", e);
        }

        if (node is not JsonObject root || root["response"] is not JsonObject)
        {
            throw Malformed("The credential JSON must be an object with a response object.");
        }

        // §7.1 step 3 / §7.2 step 5 context: only public-key credentials; Fido2's enum reader would call anything else malformed.
        if (String(root, "type") is not { } type)
        {
            throw Malformed("The credential needs type as a string.");
        }

        if (type is not "public-key")
        {
            throw PasskeyCeremonyPolicy.Fail(PasskeyFailureReason.TypeMismatch, "The credential type must be \"public-key\".");
        }

        var attachment = String(root, "authenticatorAttachment");
        if (root["authenticatorAttachment"] is not null && attachment is not ("platform" or "cross-platform"))
        {
            throw Malformed("authenticatorAttachment must be \"platform\" or \"cross-platform\".");
        }

        if (root["clientExtensionResults"] is { } results && results is not JsonObject)
        {
            throw Malformed("clientExtensionResults must be an object.");
        }

        return root;
    }

    /// <summary>Deserializes the node into a Fido2 raw response model; refusals keep our reason codes.</summary>
    public static T Deserialize<T>(JsonObject root)
        where T : class
    {
        try
        {
            return root.Deserialize<T>() ?? throw Malformed("The credential JSON is null.");
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException or NotSupportedException)
        {
            throw new PasskeyVerificationException(
                PasskeyFailureReason.Malformed, "The credential does not have the shape of PublicKeyCredential.toJSON().", e);
        }
    }

    /// <summary>id must encode rawId, and both must name a credential ID of 1–1023 bytes.</summary>
    public static byte[] CheckCredentialId(string? id, byte[]? rawId)
    {
        if (id is null || rawId is null || rawId.Length == 0)
        {
            throw Malformed("The credential needs id and rawId.");
        }

        // Room for a few bytes over the limit, so an overlong ID is named as such and anything larger as too large.
        if (rawId.Length > PasskeyCeremonyPolicy.MaxCredentialIdBytes + 3)
        {
            throw PasskeyCeremonyPolicy.Fail(PasskeyFailureReason.InputTooLarge, "rawId is far longer than any credential ID.");
        }

        if (rawId.Length > PasskeyCeremonyPolicy.MaxCredentialIdBytes || id.Length > Base64Url.GetEncodedLength(PasskeyCeremonyPolicy.MaxCredentialIdBytes))
        {
            throw PasskeyCeremonyPolicy.Fail(
                PasskeyFailureReason.CredentialIdTooLong, $"The credential ID is longer than {PasskeyCeremonyPolicy.MaxCredentialIdBytes} bytes (§5.1).");
        }

        return Base64Url.IsValid(id) && Base64Url.DecodeFromChars(id).AsSpan().SequenceEqual(rawId)
            ? rawId
            : throw PasskeyCeremonyPolicy.Fail(PasskeyFailureReason.CredentialIdMismatch, "id and rawId name different credentials.");
    }

    /// <summary>What both ceremonies' responses need before the rest is read: id naming rawId, a response, and its clientDataJSON.</summary>
    public static void CheckEnvelope(string? id, byte[]? rawId, [NotNull] object? response, byte[]? clientDataJson)
    {
        CheckCredentialId(id, rawId);
        if (response is null)
        {
            throw Malformed("The credential has no response.");
        }

        Field(clientDataJson, "clientDataJSON");
    }

    /// <summary>A decoded binary member: present and within <see cref="MaxFieldBytes"/>.</summary>
    public static byte[] Field(byte[]? value, string name) => value switch
    {
        null => throw Malformed($"response.{name} is missing."),
        { Length: > MaxFieldBytes } => throw PasskeyCeremonyPolicy.Fail(PasskeyFailureReason.InputTooLarge, $"response.{name} is too large."),
        _ => value,
    };

    /// <summary>
    /// Takes response.transports out of the JSON: de-duplicated, in the order given, unknown values kept. §5.8.4
    /// tells clients to ignore unknown ones, and storing them lets a newer browser use a newer transport;
    /// Fido2's model knows only today's six and would refuse the whole credential.
    /// </summary>
    public static string[] TakeTransports(JsonObject root)
    {
        var response = (JsonObject)root["response"]!;
        var node = response["transports"];
        response.Remove("transports");
        switch (node)
        {
            case null:
                return [];
            case JsonArray array when array.Count <= MaxTransports:
                var transports = new List<string>();
                foreach (var item in array)
                {
                    var transport = item is JsonValue value && value.TryGetValue<string>(out var text) ? text : "";
                    if (transport.Length is 0 or > MaxTransportLength || !transport.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-'))
                    {
                        throw Malformed("response.transports must hold short lower-case tokens such as \"usb\" or \"internal\".");
                    }

                    if (!transports.Contains(transport, StringComparer.Ordinal))
                    {
                        transports.Add(transport);
                    }
                }

                return [.. transports];
            default:
                throw Malformed($"response.transports must be an array of at most {MaxTransports} strings.");
        }
    }

    public static string? String(JsonObject obj, string name) =>
        obj[name] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    public static PasskeyVerificationException Malformed(string message) => PasskeyCeremonyPolicy.Fail(PasskeyFailureReason.Malformed, message);
}
