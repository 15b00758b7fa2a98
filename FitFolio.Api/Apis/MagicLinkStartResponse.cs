namespace FitFolio.Api.Apis;

public sealed record MagicLinkStartResponse(string Status);
