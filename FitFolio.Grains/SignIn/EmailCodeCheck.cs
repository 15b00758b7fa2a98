namespace FitFolio.Grains.SignIn;

/// <summary>The answer of <see cref="IEmailCodeGrain.Check"/>: a matching live code (its account and link), a wrong one, or a locked code path.</summary>
public sealed record EmailCodeCheck(EmailCodeOutcome Outcome, Guid? UserId = null, Guid? LinkId = null, TimeSpan RetryAfter = default)
{
    public static EmailCodeCheck Wrong { get; } = new(EmailCodeOutcome.Wrong);

    public static EmailCodeCheck LockedFor(TimeSpan retryAfter) => new(EmailCodeOutcome.Locked, RetryAfter: retryAfter);
}
