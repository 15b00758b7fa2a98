using System.Text.Json.Serialization;

namespace FitFolio.Grains.Passkeys;

/// <summary>
/// Authenticator selection (§5.4.4). FitFolio always asks for a discoverable credential: residentKey
/// "required" plus the Level 1 requireResidentKey flag for older browsers.
/// </summary>
public sealed record AuthenticatorSelectionCriteriaJson(
    [property: JsonPropertyName("residentKey")] string ResidentKey,
    [property: JsonPropertyName("requireResidentKey")] bool RequireResidentKey,
    [property: JsonPropertyName("userVerification")] string UserVerification);
