using FitFolio.Grains.Users;

namespace FitFolio.Grains.Passkeys;

/// <summary>The end of a passkey sign-in: a new session, a refusal with its reason code, or a locked passkey path.</summary>
[GenerateSerializer, Immutable, Alias("fitfolio.passkeys.sign-in-result")]
public sealed record PasskeySignInResult(
    [property: Id(0)] SignInOutcome Outcome,
    [property: Id(1)] UserProfile? User = null,
    [property: Id(2)] Guid? SessionId = null,
    [property: Id(3)] string? FailureCode = null,
    [property: Id(4)] TimeSpan RetryAfter = default)
{
    /// <summary>The credential is not (or no longer) one of this account's passkeys.</summary>
    public const string UnknownCredential = "unknown_credential";

    /// <summary>An admin has locked the account.</summary>
    public const string AccountLocked = "account_locked";

    /// <summary>The session asking to re-authenticate has ended meanwhile.</summary>
    public const string SessionEnded = "session_ended";

    public static PasskeySignInResult Refused(string code) => new(SignInOutcome.Invalid, FailureCode: code);

    public static PasskeySignInResult LockedFor(TimeSpan retryAfter) => new(SignInOutcome.Locked, FailureCode: "passkey_locked", RetryAfter: retryAfter);
}
