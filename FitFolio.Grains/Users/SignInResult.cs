namespace FitFolio.Grains.Users;

public sealed record SignInResult(SignInOutcome Outcome, UserProfile? User = null, Guid? SessionId = null, TimeSpan RetryAfter = default)
{
    public static SignInResult Invalid { get; } = new(SignInOutcome.Invalid);

    public static SignInResult LockedFor(TimeSpan retryAfter) => new(SignInOutcome.Locked, RetryAfter: retryAfter);
}
