namespace FitFolio.Grains.Users;

/// <summary>
/// One sign-in path's lockout: failures in a row, the current lock, and how many locks came
/// before (each doubles the next, so a patient attacker gains ever less per day).
/// </summary>
internal sealed class Lockout
{
    public int Failures { get; set; }

    public DateTimeOffset? LockedUntil { get; set; }

    public int Lockouts { get; set; }

    public TimeSpan? RemainingAt(DateTimeOffset now) => LockedUntil is { } until && until > now ? until - now : null;

    /// <returns>The new lock's length when this failure locked the path; null otherwise.</returns>
    public TimeSpan? RecordFailure(DateTimeOffset now, AuthOptions options)
    {
        Failures++;
        if (Failures < options.LockoutThreshold)
        {
            return null;
        }

        var doubling = Math.Min(Lockouts, 16);
        var duration = TimeSpan.FromTicks(Math.Min(options.LockoutDuration.Ticks << doubling, options.MaxLockoutDuration.Ticks));
        Lockouts++;
        Failures = 0;
        LockedUntil = now + duration;
        return duration;
    }

    public void RecordSuccess()
    {
        Failures = 0;
        Lockouts = 0;
        LockedUntil = null;
    }
}
