using FitFolio.Grains.Common;

namespace FitFolio.Grains.ApiKeys;

/// <summary>
/// One API key (key: its public id). The single source of whether the key works: checks run from
/// memory, and revocation happens inside this grain, so once it returns no silo accepts the key.
/// </summary>
[Alias("fitfolio.api-key")]
public interface IApiKeyGrain : IGrainWithStringKey
{
    /// <summary>Checks a presented secret (as its SHA-256) in fixed time; notes the use for "last used" and the sampled use audit.</summary>
    Task<ApiKeyCheck> Authenticate(byte[] secretHash, RequestOrigin origin);

    /// <summary>Revokes the key if <paramref name="ownerId"/> owns it and it is live; false otherwise.</summary>
    Task<bool> Revoke(Guid ownerId, string reason, RequestOrigin origin);

    /// <summary>
    /// Revokes the key if <paramref name="ownerId"/> owns it and it is live, for an admin acting on the account
    /// (audited with <paramref name="adminId"/>); false otherwise. A method of its own, not a parameter of
    /// <see cref="Revoke"/>, so a silo of the previous release still answers <see cref="Revoke"/> during a rolling deploy.
    /// </summary>
    Task<bool> RevokeByAdmin(Guid ownerId, Guid adminId, RequestOrigin origin);

    /// <summary>Drops what this grain holds (the account is gone); the next call reads the database again.</summary>
    Task Forget();
}
