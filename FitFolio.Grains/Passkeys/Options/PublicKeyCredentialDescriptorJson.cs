using System.Text.Json.Serialization;

namespace FitFolio.Grains.Passkeys;

/// <summary>A credential in excludeCredentials / allowCredentials; <see cref="Id"/> is base64url.</summary>
[GenerateSerializer, Alias("fitfolio.passkeys.credential-descriptor")]
public sealed record PublicKeyCredentialDescriptorJson(
    [property: Id(0), JsonPropertyName("type")] string Type,
    [property: Id(1), JsonPropertyName("id")] string Id,
    [property: Id(2), JsonPropertyName("transports"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<string>? Transports);
