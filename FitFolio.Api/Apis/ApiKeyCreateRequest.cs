namespace FitFolio.Api.Apis;

/// <summary>Body of <c>POST /account/api-keys</c>: scopes from <c>read</c>, <c>write</c>; no expiry when <c>expiresInDays</c> is null.</summary>
public sealed record ApiKeyCreateRequest(string? Name, IReadOnlyList<string>? Scopes, int? ExpiresInDays);
