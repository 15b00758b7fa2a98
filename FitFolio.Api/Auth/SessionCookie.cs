using System.Buffers.Text;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using FitFolio.Grains.Common;
using Microsoft.Extensions.Options;

namespace FitFolio.Api.Auth;

/// <summary>
/// The session cookie's value: <c>userId.secret.tag</c>. The user id routes the request to the
/// grain holding the session with no database read; the 256-bit secret is the session (only its
/// SHA-256 is stored); the tag, an HMAC keyed from <see cref="SessionCookieOptions.Key"/>, lets the
/// front door throw away forged or truncated cookies before any grain is activated for them.
/// </summary>
public sealed class SessionCookie
{
    private const int TagBytes = 16;

    // The value's layout: 32 hex digits of user id, '.', the 43-character base64url secret (256 bits), '.', the
    // 22-character base64url tag (TagBytes). Fixed lengths let a malformed value be refused before any parsing.
    private const int UserIdLength = 32;
    private const int SecretLength = 43;
    private const int TagLength = 22;
    private const int SecretStart = UserIdLength + 1;
    private const int BodyLength = SecretStart + SecretLength;
    private const int ValueLength = BodyLength + 1 + TagLength;

    // One keyed HMAC per accepted key and thread, the current key first, reset after each tag: the one-shot
    // HMACSHA256.HashData sets the key up again on every call (1.4 us of CPU on OpenSSL 3 against 0.6 us reused),
    // and every signed-in request reads a tag.
    private readonly ThreadLocal<IncrementalHash[]> _tagHashes;

    public SessionCookie(IOptions<SessionCookieOptions> options)
    {
        byte[][] keys = [DeriveKey(options.Value.Key), .. options.Value.PreviousKeys.Select(DeriveKey)];
        _tagHashes = new(() => [.. keys.Select(key => IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, key))]);
    }

    /// <summary>A new session for <paramref name="userId"/>: the cookie value and the secret's hash for the grain.</summary>
    public (string Value, string SecretHash) Issue(Guid userId)
    {
        var secret = Secrets.NewToken();
        return (ValueOf(userId, secret), Hash(secret));
    }

    /// <summary>
    /// The cookie value for a session whose secret is already stored (as its hash): what the data generator's
    /// sessions (FitFolio.Seed) are presented with by the bench and the scale tests.
    /// </summary>
    public string ValueOf(Guid userId, string secret)
    {
        var body = userId.ToString("N") + "." + secret;
        Span<char> tag = stackalloc char[TagLength];
        WriteTag(_tagHashes.Value![0], Encoding.ASCII.GetBytes(body), tag);
        return string.Concat(body, ".", tag);
    }

    /// <summary>
    /// Reads a cookie value on every signed-in request, so it works in stack buffers: the only thing it
    /// allocates is the secret's hash the grain is asked about.
    /// </summary>
    public bool TryRead(string? value, out Guid userId, out string secretHash)
    {
        userId = default;
        secretHash = "";
        if (value is not { Length: ValueLength } || value[UserIdLength] != '.' || value[BodyLength] != '.')
        {
            return false;
        }

        Span<byte> body = stackalloc byte[BodyLength];
        Encoding.ASCII.GetBytes(value.AsSpan(0, BodyLength), body);
        // Compared as text, as issued: a tag spelled another way (other trailing bits) is not the tag.
        var tag = MemoryMarshal.AsBytes(value.AsSpan(BodyLength + 1));
        Span<char> expected = stackalloc char[TagLength];
        var valid = false;
        foreach (var hmac in _tagHashes.Value!)
        {
            WriteTag(hmac, body, expected);
            valid |= CryptographicOperations.FixedTimeEquals(MemoryMarshal.AsBytes(expected), tag);
        }

        // The secret must be what Secrets.NewToken makes: 43 base64url characters of 32 bytes.
        var secret = value.AsSpan(SecretStart, SecretLength);
        if (!valid || !Guid.TryParseExact(value.AsSpan(0, UserIdLength), "N", out userId) || !Base64Url.IsValid(secret, out var length) || length != 32)
        {
            return false;
        }

        // The same digest as Hash(secret): SHA-256 of the secret's ASCII (its UTF-8) bytes.
        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(body[SecretStart..], digest);
        secretHash = Base64Url.EncodeToString(digest);
        return true;
    }

    private static string Hash(string secret) => Base64Url.EncodeToString(Secrets.Digest(secret));

    // The one way a tag is made, for issuing and for reading: the first TagBytes of the body's HMAC, in base64url.
    private static void WriteTag(IncrementalHash hmac, ReadOnlySpan<byte> body, Span<char> tag)
    {
        Span<byte> digest = stackalloc byte[HMACSHA256.HashSizeInBytes];
        hmac.AppendData(body);
        hmac.GetHashAndReset(digest);
        Base64Url.EncodeToChars(digest[..TagBytes], tag);
    }

    // Unchanged since the key was Cluster:Secret (same input, same info), so that value set as
    // SessionCookie:Key accepts every cookie issued before.
    private static byte[] DeriveKey(string key) =>
        HKDF.DeriveKey(HashAlgorithmName.SHA256, Encoding.UTF8.GetBytes(key), 32, info: "fitfolio session cookie v1"u8.ToArray());
}
