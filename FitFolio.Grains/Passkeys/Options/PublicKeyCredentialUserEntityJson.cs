using System.Text.Json.Serialization;

namespace FitFolio.Grains.Passkeys;

/// <summary>The user entity; <see cref="Id"/> is the base64url user handle.</summary>
[GenerateSerializer, Immutable, Alias("fitfolio.passkeys.user-entity")]
public sealed record PublicKeyCredentialUserEntityJson(
    [property: Id(0), JsonPropertyName("id")] string Id,
    [property: Id(1), JsonPropertyName("name")] string Name,
    [property: Id(2), JsonPropertyName("displayName")] string DisplayName);
