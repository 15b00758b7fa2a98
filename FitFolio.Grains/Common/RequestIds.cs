using System.Buffers;

namespace FitFolio.Grains.Common;

/// <summary>
/// The one format a request id may have, wherever it comes from: 8 to 64 of <c>A–Z a–z 0–9 . _ -</c>.
/// Enough for a UUID in any spelling, a W3C trace id, a ULID or a proxy's own id; nothing that could
/// break a log line, a CSV cell or an HTML attribute (no spaces, quotes, colons, angle brackets or
/// control characters). Our own ids are 32 hex digits. A client sends one to follow its request
/// through the logs, so it is kept only when it fits; the audit log checks again before storing one.
/// </summary>
public static class RequestIds
{
    public const int MinLength = 8;
    public const int MaxLength = 64;

    private static readonly SearchValues<char> Allowed = SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-");

    public static bool IsWellFormed(string? value) =>
        value is { Length: >= MinLength and <= MaxLength } && !value.AsSpan().ContainsAnyExcept(Allowed);

    /// <summary>A new server-made id: a version-7 UUID as 32 hex digits, so ids sort by time.</summary>
    public static string New() => Guid.CreateVersion7().ToString("N");
}
