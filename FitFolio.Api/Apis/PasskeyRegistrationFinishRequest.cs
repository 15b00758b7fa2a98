using System.Text.Json;

namespace FitFolio.Api.Apis;

/// <summary>Body of <c>POST /auth/webauthn/register/finish</c>: the credential's <c>toJSON()</c>, and an optional name (at most 100 characters).</summary>
public sealed record PasskeyRegistrationFinishRequest(JsonElement? Credential, string? Name);
