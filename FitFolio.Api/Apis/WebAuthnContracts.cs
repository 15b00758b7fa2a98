using System.Text.Json;
using FitFolio.Grains.Passkeys;

namespace FitFolio.Api.Apis;

/// <summary>Answer of <c>POST /auth/webauthn/register/start</c>: hand <c>options</c> to <c>PublicKeyCredential.parseCreationOptionsFromJSON</c>.</summary>
public sealed record PasskeyRegistrationStartResponse(PublicKeyCredentialCreationOptionsJson Options);

/// <summary>Body of <c>POST /auth/webauthn/register/finish</c>: the credential's <c>toJSON()</c>, and an optional name (at most 100 characters).</summary>
public sealed record PasskeyRegistrationFinishRequest(JsonElement? Credential, string? Name);

/// <summary>Body of <c>POST /auth/webauthn/authenticate/start</c>; without an email the sign-in is usernameless.</summary>
public sealed record PasskeyAuthenticationStartRequest(string? Email);

/// <summary>Answer of <c>POST /auth/webauthn/authenticate/start</c>: send <c>ceremonyId</c> back with the credential.</summary>
public sealed record PasskeyAuthenticationStartResponse(string CeremonyId, PublicKeyCredentialRequestOptionsJson Options);

/// <summary>Body of <c>POST /auth/webauthn/authenticate/finish</c>.</summary>
public sealed record PasskeyAuthenticationFinishRequest(string? CeremonyId, JsonElement? Credential);

/// <summary>Body of <c>PATCH /auth/webauthn/credentials/{id}</c>.</summary>
public sealed record PasskeyRenameRequest(string? Name);

/// <summary>Body of <c>PUT /auth/email-sign-in</c>.</summary>
public sealed record EmailSignInRequest(bool? Enabled);
