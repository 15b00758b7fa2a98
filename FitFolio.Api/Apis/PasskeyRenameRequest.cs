namespace FitFolio.Api.Apis;

/// <summary>Body of <c>PATCH /auth/webauthn/credentials/{id}</c>.</summary>
public sealed record PasskeyRenameRequest(string? Name);
