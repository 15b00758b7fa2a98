using System.Text.Json.Serialization;

namespace FitFolio.Grains.Passkeys;

public sealed record PublicKeyCredentialRpEntityJson(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("name")] string Name);
