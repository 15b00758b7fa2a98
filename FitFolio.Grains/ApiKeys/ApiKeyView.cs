namespace FitFolio.Grains.ApiKeys;

/// <summary>An API key as its owner sees it: never the secret, which is shown once at creation.</summary>
public sealed record ApiKeyView(
    Guid Id,
    string Name,
    string Prefix,
    IReadOnlyList<string> Scopes,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ExpiresAt,
    DateTimeOffset? LastUsedAt);
