namespace FitFolio.Api.Apis;

/// <summary>Body of <c>POST /auth/webauthn/authenticate/start</c>; without an email the sign-in is usernameless.</summary>
public sealed record PasskeyAuthenticationStartRequest(string? Email);
