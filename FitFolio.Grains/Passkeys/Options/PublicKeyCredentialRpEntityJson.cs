using System.Text.Json.Serialization;

namespace FitFolio.Grains.Passkeys;

[GenerateSerializer, Immutable, Alias("fitfolio.passkeys.rp-entity")]
public sealed record PublicKeyCredentialRpEntityJson(
    [property: Id(0), JsonPropertyName("id")] string Id,
    [property: Id(1), JsonPropertyName("name")] string Name);
