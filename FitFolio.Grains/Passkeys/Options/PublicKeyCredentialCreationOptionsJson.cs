using System.Text.Json.Serialization;

namespace FitFolio.Grains.Passkeys;

/// <summary>
/// PublicKeyCredentialCreationOptionsJSON (WebAuthn L3 §5.1.4.2): serialise with System.Text.Json and
/// hand to <c>PublicKeyCredential.parseCreationOptionsFromJSON</c> in the browser.
/// </summary>
public sealed record PublicKeyCredentialCreationOptionsJson(
    [property: JsonPropertyName("rp")] PublicKeyCredentialRpEntityJson Rp,
    [property: JsonPropertyName("user")] PublicKeyCredentialUserEntityJson User,
    [property: JsonPropertyName("challenge")] string Challenge,
    [property: JsonPropertyName("pubKeyCredParams")] IReadOnlyList<PublicKeyCredentialParametersJson> PubKeyCredParams,
    [property: JsonPropertyName("timeout")] long Timeout,
    [property: JsonPropertyName("excludeCredentials")] IReadOnlyList<PublicKeyCredentialDescriptorJson> ExcludeCredentials,
    [property: JsonPropertyName("authenticatorSelection")] AuthenticatorSelectionCriteriaJson AuthenticatorSelection,
    [property: JsonPropertyName("hints"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<string>? Hints,
    [property: JsonPropertyName("attestation")] string Attestation);
