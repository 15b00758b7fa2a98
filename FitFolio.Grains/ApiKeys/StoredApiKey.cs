namespace FitFolio.Grains.ApiKeys;

/// <summary>An api_keys row as the key's grain holds it.</summary>
internal sealed record StoredApiKey(
    Guid Id,
    Guid UserId,
    byte[] SecretHash,
    IReadOnlyList<string> Scopes,
    DateTimeOffset? ExpiresAt,
    DateTimeOffset? RevokedAt,
    DateTimeOffset? LastUsedAt,
    DateTimeOffset? UseAuditedAt);
