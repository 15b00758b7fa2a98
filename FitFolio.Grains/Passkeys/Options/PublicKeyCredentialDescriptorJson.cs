using System.Text.Json.Serialization;

namespace FitFolio.Grains.Passkeys;

/// <summary>A credential in excludeCredentials / allowCredentials; <see cref="Id"/> is base64url.</summary>
public sealed record PublicKeyCredentialDescriptorJson(
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("transports"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<string>? Transports);
