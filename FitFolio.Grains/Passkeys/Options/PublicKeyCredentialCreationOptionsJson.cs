using System.Text.Json.Serialization;

namespace FitFolio.Grains.Passkeys;

/// <summary>
/// PublicKeyCredentialCreationOptionsJSON (WebAuthn L3 §5.1.4.2): serialise with System.Text.Json and
/// hand to <c>PublicKeyCredential.parseCreationOptionsFromJSON</c> in the browser.
/// </summary>
[GenerateSerializer, Alias("fitfolio.passkeys.creation-options")]
public sealed record PublicKeyCredentialCreationOptionsJson(
    [property: Id(0), JsonPropertyName("rp")] PublicKeyCredentialRpEntityJson Rp,
    [property: Id(1), JsonPropertyName("user")] PublicKeyCredentialUserEntityJson User,
    [property: Id(2), JsonPropertyName("challenge")] string Challenge,
    [property: Id(3), JsonPropertyName("pubKeyCredParams")] IReadOnlyList<PublicKeyCredentialParametersJson> PubKeyCredParams,
    [property: Id(4), JsonPropertyName("timeout")] long Timeout,
    [property: Id(5), JsonPropertyName("excludeCredentials")] IReadOnlyList<PublicKeyCredentialDescriptorJson> ExcludeCredentials,
    [property: Id(6), JsonPropertyName("authenticatorSelection")] AuthenticatorSelectionCriteriaJson AuthenticatorSelection,
    [property: Id(7), JsonPropertyName("hints"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<string>? Hints,
    [property: Id(8), JsonPropertyName("attestation")] string Attestation);
