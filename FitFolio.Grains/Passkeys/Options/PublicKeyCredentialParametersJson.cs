using System.Text.Json.Serialization;

namespace FitFolio.Grains.Passkeys;

[GenerateSerializer, Immutable, Alias("fitfolio.passkeys.credential-parameters")]
public sealed record PublicKeyCredentialParametersJson(
    [property: Id(0), JsonPropertyName("type")] string Type,
    [property: Id(1), JsonPropertyName("alg")] int Alg);
