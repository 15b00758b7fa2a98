using FitFolio.Grains.Passkeys;

namespace FitFolio.Api.Apis;

/// <summary>Answer of <c>POST /auth/webauthn/register/start</c>: hand <c>options</c> to <c>PublicKeyCredential.parseCreationOptionsFromJSON</c>.</summary>
public sealed record PasskeyRegistrationStartResponse(PublicKeyCredentialCreationOptionsJson Options);
