using System.Buffers.Text;
using System.Security.Cryptography;

namespace FitFolio.Api.Apis;

/// <summary>Ceremony ids are 16 random bytes, base64url without padding: exactly 22 characters.</summary>
internal static class PasskeyCeremonyIds
{
    public static string New() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16));

    public static bool IsWellFormed(string? value) =>
        value is { Length: 22 } && Base64Url.IsValid(value, out var length) && length == 16;
}
