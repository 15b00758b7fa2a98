using System.Text.Json.Serialization;

namespace FitFolio.Grains.Passkeys;

/// <summary>
/// PublicKeyCredentialRequestOptionsJSON (WebAuthn L3 §5.5.1): serialise with System.Text.Json and
/// hand to <c>PublicKeyCredential.parseRequestOptionsFromJSON</c> in the browser.
/// </summary>
[GenerateSerializer, Alias("fitfolio.passkeys.request-options")]
public sealed record PublicKeyCredentialRequestOptionsJson(
    [property: Id(0), JsonPropertyName("challenge")] string Challenge,
    [property: Id(1), JsonPropertyName("timeout")] long Timeout,
    [property: Id(2), JsonPropertyName("rpId")] string RpId,
    [property: Id(3), JsonPropertyName("allowCredentials")] IReadOnlyList<PublicKeyCredentialDescriptorJson> AllowCredentials,
    [property: Id(4), JsonPropertyName("userVerification")] string UserVerification,
    [property: Id(5), JsonPropertyName("hints"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<string>? Hints);
