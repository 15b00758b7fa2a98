namespace FitFolio.Api.Apis;

public sealed record RevokedResponse(int Revoked);
