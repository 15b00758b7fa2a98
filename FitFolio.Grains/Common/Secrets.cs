using System.Buffers.Text;
using System.Security.Cryptography;

namespace FitFolio.Grains.Common;

/// <summary>Random secrets and their digests. Every secret comes from the OS CSPRNG; only digests are stored.</summary>
public static class Secrets
{
    /// <summary>A 256-bit secret as unpadded base64url (43 characters).</summary>
    public static string NewToken() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    /// <summary>An 8-digit code, uniformly distributed (no modulo bias).</summary>
    public static string NewCode() => RandomNumberGenerator.GetInt32(0, 100_000_000).ToString("D8", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>SHA-256 of a token's text; the token is high-entropy, so no salt or stretching is needed.</summary>
    public static byte[] Digest(string token) => SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(token));

    /// <summary>SHA-256 of salt and code. A code lives ten minutes, so offline guessing after a leak is moot.</summary>
    public static byte[] CodeDigest(byte[] salt, string code)
    {
        var input = new byte[salt.Length + code.Length];
        salt.CopyTo(input, 0);
        System.Text.Encoding.ASCII.GetBytes(code, input.AsSpan(salt.Length));
        return SHA256.HashData(input);
    }

    public static bool FixedTimeEquals(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right) => CryptographicOperations.FixedTimeEquals(left, right);

    /// <summary>Accepts only what <see cref="NewToken"/> produces: 43 base64url characters decoding to 32 bytes.</summary>
    public static bool IsWellFormedToken(string? token) =>
        token is { Length: 43 } && Base64Url.IsValid(token, out var length) && length == 32;
}
