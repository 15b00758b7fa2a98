using System.Text.Json.Serialization;

namespace FitFolio.Grains.Passkeys;

/// <summary>
/// Authenticator selection (§5.4.4). FitFolio always asks for a discoverable credential: residentKey
/// "required" plus the Level 1 requireResidentKey flag for older browsers.
/// </summary>
[GenerateSerializer, Immutable, Alias("fitfolio.passkeys.authenticator-selection")]
public sealed record AuthenticatorSelectionCriteriaJson(
    [property: Id(0), JsonPropertyName("residentKey")] string ResidentKey,
    [property: Id(1), JsonPropertyName("requireResidentKey")] bool RequireResidentKey,
    [property: Id(2), JsonPropertyName("userVerification")] string UserVerification);
