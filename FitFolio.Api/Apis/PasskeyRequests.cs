using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text.Json;
using FitFolio.Api.Http;

namespace FitFolio.Api.Apis;

/// <summary>What every passkey endpoint reads from a request: the ceremony id and the posted credential.</summary>
internal static class PasskeyRequests
{
    /// <summary>16 random bytes, base64url without padding: exactly 22 characters.</summary>
    public static string NewCeremonyId() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16));

    public static bool IsWellFormedCeremonyId(string? value) =>
        value is { Length: 22 } && Base64Url.IsValid(value, out var length) && length == 16;

    /// <summary>The credential object exactly as posted; the passkey parsers bound and check it.</summary>
    public static string? CredentialJson(JsonElement? credential) =>
        credential is { ValueKind: not (JsonValueKind.Null or JsonValueKind.Undefined) } value ? value.GetRawText() : null;

    public static IResult MissingCredential(HttpContext context) =>
        Errors.BadRequest(context, "malformed", "credential is required: the PublicKeyCredential's toJSON().");
}
