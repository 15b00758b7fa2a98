namespace FitFolio.Api.Apis;

/// <summary>Body of <c>POST /auth/magic-link/start</c>.</summary>
public sealed record MagicLinkStartRequest(string? Email);
