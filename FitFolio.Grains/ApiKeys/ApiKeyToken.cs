using System.Buffers.Text;
using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using FitFolio.Grains.Common;

namespace FitFolio.Grains.ApiKeys;

/// <summary>
/// A personal access token: <c>ffk_</c>, a 12-character public id (72 random bits, the visible
/// prefix that names the key), <c>_</c>, and a 43-character secret (256 random bits). The fixed
/// shape lets a wrong prefix or length be refused before anything is looked up, and lets secret
/// scanners recognise a leaked token.
/// </summary>
public sealed record ApiKeyToken(string PublicId, string Secret)
{
    public const string Scheme = "ffk_";
    public const int PublicIdLength = 12;
    public const int SecretLength = 43;
    public const int Length = 4 + PublicIdLength + 1 + SecretLength;

    /// <summary>What the owner sees in lists: enough to recognise a key, useless to use it.</summary>
    public string Prefix => Scheme + PublicId;

    public byte[] SecretHash => Secrets.Digest(Secret);

    public static ApiKeyToken Create() =>
        new(Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(9)), Secrets.NewToken());

    public static bool TryParse(string? value, [NotNullWhen(true)] out ApiKeyToken? token)
    {
        token = null;
        if (value is not { Length: Length } || !value.StartsWith(Scheme, StringComparison.Ordinal) || value[Scheme.Length + PublicIdLength] != '_')
        {
            return false;
        }

        var publicId = value.Substring(Scheme.Length, PublicIdLength);
        var secret = value[(Scheme.Length + PublicIdLength + 1)..];
        if (!IsBase64Url(publicId, 9) || !IsBase64Url(secret, 32))
        {
            return false;
        }

        token = new ApiKeyToken(publicId, secret);
        return true;
    }

    public static bool IsWellFormedPublicId(string value) => value.Length == PublicIdLength && IsBase64Url(value, 9);

    public override string ToString() => Prefix + "_" + Secret;

    private static bool IsBase64Url(string value, int bytes) =>
        Base64Url.IsValid(value, out var length) && length == bytes && !value.Contains('=', StringComparison.Ordinal);
}
