namespace FitFolio.Api.Apis;

/// <summary>What an admin's "sign out everywhere" ended: sessions, and API keys when asked to (0 otherwise).</summary>
public sealed record AdminRevokedResponse(int Revoked, int ApiKeysRevoked);
