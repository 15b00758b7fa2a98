namespace FitFolio.Grains.Sessions;

/// <summary>How many sessions a sign-out of others ended: the API's answer, and the answer stored with its Idempotency-Key.</summary>
public sealed record RevokedResponse(int Revoked);
