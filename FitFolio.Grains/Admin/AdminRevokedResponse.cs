namespace FitFolio.Grains.Admin;

/// <summary>
/// What an admin's "sign out everywhere" ended: sessions, and API keys when asked to (0 otherwise). The user grain
/// stores it as the answer to a keyed run, in the transaction that ends the sessions, so it lives with the grains.
/// </summary>
public sealed record AdminRevokedResponse(int Revoked, int ApiKeysRevoked);
