namespace FitFolio.Grains.SignIn;

/// <summary>The answer of <see cref="IEmailCodeGrain.Check"/>: a matching live code (its account and link), a wrong one, or a locked code path.</summary>
[GenerateSerializer, Immutable, Alias("fitfolio.sign-in.email-code-check")]
public sealed record EmailCodeCheck(
    [property: Id(0)] EmailCodeOutcome Outcome,
    [property: Id(1)] Guid? UserId = null,
    [property: Id(2)] Guid? LinkId = null,
    [property: Id(3)] TimeSpan RetryAfter = default)
{
    public static EmailCodeCheck Wrong { get; } = new(EmailCodeOutcome.Wrong);

    public static EmailCodeCheck LockedFor(TimeSpan retryAfter) => new(EmailCodeOutcome.Locked, RetryAfter: retryAfter);
}
