namespace FitFolio.Grains.ApiKeys;

/// <summary>
/// The answer to "may this bearer token act?": the owner and scopes, or why not. The owner is
/// named on a refusal only when the secret matched (a revoked or expired key), never for a guess.
/// </summary>
[GenerateSerializer, Alias("fitfolio.api-keys.check")]
public sealed record ApiKeyCheck(
    [property: Id(0)] Guid? UserId,
    [property: Id(1)] Guid? KeyId,
    [property: Id(2)] IReadOnlyList<string> Scopes,
    [property: Id(3)] string? Refusal = null)
{
    public const string Unknown = "unknown";
    public const string Revoked = "revoked";
    public const string Expired = "expired";

    public bool Valid => Refusal is null;

    public static ApiKeyCheck Refused(string reason, Guid? userId = null, Guid? keyId = null) => new(userId, keyId, [], reason);
}
