using System.Text.Json.Serialization;

namespace FitFolio.Grains.Passkeys;

/// <summary>The user entity; <see cref="Id"/> is the base64url user handle.</summary>
public sealed record PublicKeyCredentialUserEntityJson(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("displayName")] string DisplayName);
