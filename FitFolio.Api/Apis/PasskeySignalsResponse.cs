namespace FitFolio.Api.Apis;

/// <summary>Answer of <c>GET /auth/webauthn/signals</c>; ids are base64url, as WebAuthn's JSON forms carry them.</summary>
public sealed record PasskeySignalsResponse(string RpId, string? UserId, IReadOnlyList<string> CredentialIds, string Name, string DisplayName);
