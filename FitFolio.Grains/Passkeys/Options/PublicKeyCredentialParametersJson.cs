using System.Text.Json.Serialization;

namespace FitFolio.Grains.Passkeys;

public sealed record PublicKeyCredentialParametersJson(
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("alg")] int Alg);
