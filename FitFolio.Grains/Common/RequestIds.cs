using System.Buffers;
using System.Buffers.Binary;

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

    /// <summary>
    /// A new server-made id: a version-7 UUID (RFC 9562 §5.7) as 32 hex digits, so ids sort by time. Its 74 random
    /// bits come from <see cref="Random.Shared"/>, not the OS: an id names a request, it guards nothing (a client may
    /// choose its own), and <see cref="Guid.CreateVersion7()"/> reads /dev/urandom on Linux, a system call costing
    /// 1.6 us of CPU on every request that brought no id (bench/README.md, "The session check's CPU, second pass").
    /// </summary>
    public static string New()
    {
        Span<byte> bytes = stackalloc byte[16];
        Random.Shared.NextBytes(bytes[6..]);
        // unix_ts_ms in the first 48 bits (big-endian), then version 7 and the RFC's variant.
        Span<byte> time = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(time, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        time[2..].CopyTo(bytes);
        bytes[6] = (byte)(0x70 | (bytes[6] & 0x0F));
        bytes[8] = (byte)(0x80 | (bytes[8] & 0x3F));
        return new Guid(bytes, bigEndian: true).ToString("N");
    }
}
