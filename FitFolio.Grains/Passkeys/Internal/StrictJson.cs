using System.Text.Json;

namespace FitFolio.Grains.Passkeys.Internal;

/// <summary>
/// JSON reading for client input: bounded depth, no comments or trailing commas, and duplicate
/// member names refused, so our reading of a document cannot differ from the browser's or another parser's.
/// </summary>
internal static class StrictJson
{
    private static readonly JsonDocumentOptions DocumentOptions = new()
    {
        MaxDepth = InputLimits.MaxJsonDepth,
        AllowTrailingCommas = false,
        CommentHandling = JsonCommentHandling.Disallow,
        AllowDuplicateProperties = false,
    };

    public static JsonDocument Parse(ReadOnlyMemory<byte> utf8, string what)
    {
        try
        {
            return JsonDocument.Parse(utf8, DocumentOptions);
        }
        catch (JsonException exception)
        {
            throw Fail.Malformed($"{what} is not valid JSON.", exception);
        }
    }

    public static JsonElement RequireObject(JsonElement element, string what)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw Fail.Malformed($"{what} must be a JSON object.");
        }

        return element;
    }

    public static JsonElement? Find(JsonElement obj, string name) =>
        obj.TryGetProperty(name, out var value) ? value : null;

    public static string RequiredString(JsonElement obj, string name, string what) =>
        Find(obj, name) is { ValueKind: JsonValueKind.String } value
            ? ReadString(value, name, what)
            : throw Fail.Malformed($"{what}.{name} is missing or not a string.");

    /// <summary>
    /// JsonDocument defers transcoding strings, so invalid UTF-8 (or a lone surrogate escape) inside a
    /// string surfaces only here, as InvalidOperationException.
    /// </summary>
    public static string ReadString(JsonElement value, string name, string what)
    {
        try
        {
            return value.GetString()!;
        }
        catch (InvalidOperationException exception)
        {
            throw Fail.Malformed($"{what}.{name} is not a valid UTF-8 string.", exception);
        }
    }

    /// <summary>Absent and JSON null both mean "not given"; any other non-string is malformed.</summary>
    public static string? OptionalString(JsonElement obj, string name, string what) => Find(obj, name) switch
    {
        null or { ValueKind: JsonValueKind.Null } => null,
        { ValueKind: JsonValueKind.String } value => ReadString(value, name, what),
        _ => throw Fail.Malformed($"{what}.{name} must be a string."),
    };

    public static bool? OptionalBool(JsonElement obj, string name, string what) => Find(obj, name) switch
    {
        null => null,
        { ValueKind: JsonValueKind.True } => true,
        { ValueKind: JsonValueKind.False } => false,
        _ => throw Fail.Malformed($"{what}.{name} must be a boolean."),
    };

    public static JsonElement RequiredObject(JsonElement obj, string name, string what) =>
        Find(obj, name) is { ValueKind: JsonValueKind.Object } value
            ? value
            : throw Fail.Malformed($"{what}.{name} is missing or not an object.");
}
