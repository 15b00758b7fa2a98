using System.Text.Json;

namespace FitFolio.Api.Apis;

/// <summary>Body of <c>POST /auth/webauthn/authenticate/finish</c>.</summary>
public sealed record PasskeyAuthenticationFinishRequest(string? CeremonyId, JsonElement? Credential);
