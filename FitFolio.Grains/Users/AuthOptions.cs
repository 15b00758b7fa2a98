namespace FitFolio.Grains.Users;

/// <summary>Configuration section <c>Auth</c>: lifetimes and limits of sign-in. README explains each default.</summary>
public sealed class AuthOptions
{
    public const string Section = "Auth";

    /// <summary>Life of a sign-in link and its code. Default 10 minutes (OWASP ASVS 5.0 §6.5.5, level 2).</summary>
    public TimeSpan MagicLinkLifetime { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Wrong codes that end a link. Default 5.</summary>
    public int MaxCodeAttempts { get; set; } = 5;

    /// <summary>A session ends this long after sign-in, however active. Default 14 days.</summary>
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromDays(14);

    /// <summary>A session unused this long ends. Default 3 days.</summary>
    public TimeSpan SessionIdleTimeout { get; set; } = TimeSpan.FromDays(3);

    /// <summary>
    /// An admin's session unused this long ends (the shorter of this and <see cref="SessionIdleTimeout"/>).
    /// Default 30 minutes: an admin cookie can lock anyone out, so a forgotten one must not live for days.
    /// </summary>
    public TimeSpan AdminSessionIdleTimeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>A session's secret is replaced after this long. Default 7 days.</summary>
    public TimeSpan SessionRotationInterval { get; set; } = TimeSpan.FromDays(7);

    /// <summary>How stale the stored last-seen time of a session may get before it is written. Default 5 minutes.</summary>
    public TimeSpan LastSeenWriteInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Failures in a row that lock a sign-in path. Default 5.</summary>
    public int LockoutThreshold { get; set; } = 5;

    /// <summary>The first lock's length; each repeat doubles it. Default 15 minutes.</summary>
    public TimeSpan LockoutDuration { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>The longest lock. Default 24 hours.</summary>
    public TimeSpan MaxLockoutDuration { get; set; } = TimeSpan.FromHours(24);

    /// <summary>
    /// A session not rotated for this long ends, whatever its other limits say, and maintenance
    /// deletes it. Default 90 days: a backstop should the absolute lifetime ever be set longer.
    /// </summary>
    public TimeSpan SessionMaxUnrotatedAge { get; set; } = TimeSpan.FromDays(90);

    /// <summary>How long the link confirming a new email address works. Default 1 hour: the new mailbox may be slower to reach than a sign-in.</summary>
    public TimeSpan EmailChangeLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How long after a sign-in sensitive actions need no fresh proof. Default 10 minutes.</summary>
    public TimeSpan RecentSignInWindow { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How long a passkey challenge stays valid (WebAuthn L3 §13.4.3), also sent as the ceremony timeout. Default 5 minutes.</summary>
    public TimeSpan PasskeyCeremonyTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Sign-in mail requests answered but not yet worked on, per silo (see <see cref="SignIn.SignInMailQueue"/>).
    /// Default 1,000: a few seconds of the fastest start rate this machine sustains, about a megabyte at most.
    /// </summary>
    public int SignInQueueCapacity { get; set; } = 1000;

    /// <summary>Emails that are admins as soon as their account exists. Default none.</summary>
    public IList<string> AdminEmails { get; } = [];
}
