using System.Buffers;

namespace FitFolio.Api.Http;

/// <summary>
/// The <c>Idempotency-Key</c> header (IETF httpapi idempotency-key draft, Stripe's semantics): 1 to 255 visible ASCII
/// characters. The app sends a UUID v4, one per logical write, the same on every retry; anything else a client finds
/// unique will do. Nothing outside visible ASCII: the key is stored and compared byte for byte, and a space, a control
/// character or a character the client's and the proxy's encodings disagree on would make two spellings of one key.
/// </summary>
public static class IdempotencyKeyFormat
{
    public const string Header = "Idempotency-Key";

    /// <summary>Marks an answer sent from the store rather than by running the request again.</summary>
    public const string ReplayedHeader = "Idempotent-Replayed";

    public const int MaxLength = 255;

    private static readonly SearchValues<char> Visible = SearchValues.Create(Enumerable.Range(0x21, 0x7e - 0x21 + 1).Select(c => (char)c).ToArray());

    public static bool IsWellFormed(string? value) => value is { Length: > 0 and <= MaxLength } && !value.AsSpan().ContainsAnyExcept(Visible);
}
