using System.Text.Json.Serialization;

namespace FitFolio.Grains.Passkeys;

/// <summary>
/// PublicKeyCredentialRequestOptionsJSON (WebAuthn L3 §5.5.1): serialise with System.Text.Json and
/// hand to <c>PublicKeyCredential.parseRequestOptionsFromJSON</c> in the browser.
/// </summary>
public sealed record PublicKeyCredentialRequestOptionsJson(
    [property: JsonPropertyName("challenge")] string Challenge,
    [property: JsonPropertyName("timeout")] long Timeout,
    [property: JsonPropertyName("rpId")] string RpId,
    [property: JsonPropertyName("allowCredentials")] IReadOnlyList<PublicKeyCredentialDescriptorJson> AllowCredentials,
    [property: JsonPropertyName("userVerification")] string UserVerification,
    [property: JsonPropertyName("hints"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<string>? Hints);
