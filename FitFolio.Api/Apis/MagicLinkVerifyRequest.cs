namespace FitFolio.Api.Apis;

/// <summary>Body of <c>POST /auth/magic-link/verify</c>: the link's token, or the address and its 8-digit code.</summary>
public sealed record MagicLinkVerifyRequest(string? Token, string? Email, string? Code);
