using FitFolio.Grains.SignIn;

namespace FitFolio.Grains.Recovery;

/// <summary>
/// The answer of <see cref="IRecoveryCodeGrain.Check"/>: a matching unused code (its account and row), a
/// wrong one, or a locked path. The outcomes are the email-code path's: the two are checked alike.
/// </summary>
[GenerateSerializer, Immutable, Alias("fitfolio.recovery.check")]
public sealed record RecoveryCodeCheck(
    [property: Id(0)] EmailCodeOutcome Outcome,
    [property: Id(1)] Guid? UserId = null,
    [property: Id(2)] Guid? CodeId = null,
    [property: Id(3)] TimeSpan RetryAfter = default)
{
    public static RecoveryCodeCheck Wrong { get; } = new(EmailCodeOutcome.Wrong);

    public static RecoveryCodeCheck LockedFor(TimeSpan retryAfter) => new(EmailCodeOutcome.Locked, RetryAfter: retryAfter);
}
