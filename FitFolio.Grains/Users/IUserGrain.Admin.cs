using FitFolio.Grains.Common;
using FitFolio.Grains.Sessions;

namespace FitFolio.Grains.Users;

/// <summary>What an admin may do to one account. Each call is audited with the admin as actor.</summary>
public partial interface IUserGrain
{
    Task<IReadOnlyList<SessionView>> ListSessionsForAdmin();

    /// <summary>When the admin lock ends; null when there is none (or it has passed).</summary>
    Task<DateTimeOffset?> GetAdminLock();

    /// <summary>
    /// Ends every session of the user. When this returns, the owning grain has forgotten them, so every silo refuses them.
    /// <paramref name="apiKeysRevoked"/>: how many of the user's API keys the admin's request revoked before this call, for
    /// the answer a keyed request stores with the sessions' end (Admin.AdminRevokedResponse).
    /// </summary>
    Task<int> RevokeAllSessions(Guid adminId, int apiKeysRevoked, RequestOrigin origin);

    /// <summary>Blocks every sign-in path until <paramref name="until"/> and ends every session.</summary>
    Task Lock(DateTimeOffset until, Guid adminId, RequestOrigin origin);

    Task Unlock(Guid adminId, RequestOrigin origin);
}
