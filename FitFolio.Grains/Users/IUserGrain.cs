using FitFolio.Grains.Common;
using FitFolio.Grains.RateLimiting;
using FitFolio.Grains.Sessions;
using FitFolio.Silo.Calls;

namespace FitFolio.Grains.Users;

/// <summary>
/// One person (key: user id). Holds their sessions and lockout counters in memory, written
/// through to PostgreSQL with the user row's version as the ETag. Session checks are answered
/// from memory; everything that changes state is one transaction with its audit events.
/// Session secrets never reach the grain: callers pass the SHA-256 of the cookie's secret.
/// </summary>
[Alias("fitfolio.user")]
public partial interface IUserGrain : IGrainWithStringKey
{
    [SafeToRetry]
    Task<UserProfile> GetProfile();

    /// <summary>Issues a sign-in link and code by mail (unless email sign-in is off for this account).</summary>
    Task IssueMagicLink(string purpose, RequestOrigin origin);

    /// <summary>Redeems a link found by its token hash, and starts a session.</summary>
    Task<SignInResult> SignInWithLink(Guid linkId, string newSessionHash, RequestOrigin origin);

    /// <summary>Redeems the link whose code <see cref="SignIn.IEmailCodeGrain"/> matched, clears the address's code lockout, and starts a session.</summary>
    Task<SignInResult> SignInWithCode(Guid linkId, string newSessionHash, RequestOrigin origin);

    /// <summary>
    /// Whether <paramref name="sessionHash"/> is a live session; when it is, the request is also counted
    /// against the account's <paramref name="accountLimit"/> (the global per-account limit), whose decision
    /// the answer carries. One activation per account holds the count, so the limit is exact across silos.
    /// Safe to retry as the rate-limit counters are: a check that ran on a silo that then died counted in that silo's memory only.
    /// </summary>
    [SafeToRetry]
    Task<SessionCheck> CheckSession(string sessionHash, RateLimitRule accountLimit);

    /// <summary>Replaces a session's secret (age or privilege change). False when the old session is not live.</summary>
    Task<bool> RotateSession(string sessionHash, string newSessionHash, string reason, RequestOrigin origin);

    Task Logout(string sessionHash, RequestOrigin origin);

    /// <summary>
    /// Ends the session a browser held when it signed in again (ASVS 5.0 §7.2.4: a sign-in never
    /// keeps the token the browser came with). Nothing happens when that session is not live.
    /// </summary>
    Task EndReplacedSession(string sessionHash, RequestOrigin origin);

    [SafeToRetry]
    Task<IReadOnlyList<SessionView>> ListSessions(string currentSessionHash);

    /// <summary>Ends one of the user's other sessions. False when there is no such live session, or it is the current one.</summary>
    Task<bool> RevokeSession(Guid sessionId, string currentSessionHash, RequestOrigin origin);

    Task<int> RevokeOtherSessions(string currentSessionHash, RequestOrigin origin);
}
