using FitFolio.Grains.Users;

namespace FitFolio.Api.Apis;

/// <summary>Body of <c>POST /auth/magic-link/start</c>.</summary>
public sealed record MagicLinkStartRequest(string? Email);

/// <summary>Body of <c>POST /auth/magic-link/verify</c>: the link's token, or the address and its 8-digit code.</summary>
public sealed record MagicLinkVerifyRequest(string? Token, string? Email, string? Code);

public sealed record MagicLinkStartResponse(string Status);

public sealed record SignedInResponse(UserProfile User);

public sealed record RevokedResponse(int Revoked);

public sealed record ItemsResponse<T>(IReadOnlyList<T> Items);
