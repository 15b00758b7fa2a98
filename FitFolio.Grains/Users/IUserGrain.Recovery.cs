using FitFolio.Grains.Common;
using FitFolio.Grains.Recovery;
using FitFolio.Silo.Calls;

namespace FitFolio.Grains.Users;

/// <summary>Recovery codes: a new set, how many are left, and signing in with one.</summary>
public partial interface IUserGrain
{
    /// <summary>Issues a new set of recovery codes (the old set stops working) and returns them: the only time they are ever shown.</summary>
    Task<IReadOnlyList<string>> IssueRecoveryCodes(RequestOrigin origin);

    [SafeToRetry]
    Task<RecoveryCodeStatus> GetRecoveryCodeStatus();

    /// <summary>
    /// Uses up the code <see cref="IRecoveryCodeGrain"/> matched, clears the address's recovery lockout, ends
    /// every other session, mails the owner and starts a session, all in one transaction.
    /// </summary>
    Task<RecoveryCodeSignIn> SignInWithRecoveryCode(Guid codeId, string newSessionHash, RequestOrigin origin);
}
