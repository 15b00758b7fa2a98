namespace FitFolio.Grains.Users;

[GenerateSerializer, Immutable, Alias("fitfolio.users.sign-in-result")]
public sealed record SignInResult(
    [property: Id(0)] SignInOutcome Outcome,
    [property: Id(1)] UserProfile? User = null,
    [property: Id(2)] Guid? SessionId = null,
    [property: Id(3)] TimeSpan RetryAfter = default)
{
    public static SignInResult Invalid { get; } = new(SignInOutcome.Invalid);

    public static SignInResult LockedFor(TimeSpan retryAfter) => new(SignInOutcome.Locked, RetryAfter: retryAfter);
}
