using FitFolio.Grains.Passkeys;

namespace FitFolio.Api.Apis;

/// <summary>Answer of <c>POST /auth/webauthn/authenticate/start</c>: send <c>ceremonyId</c> back with the credential.</summary>
public sealed record PasskeyAuthenticationStartResponse(string CeremonyId, PublicKeyCredentialRequestOptionsJson Options);
