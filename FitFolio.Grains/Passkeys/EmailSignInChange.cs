using FitFolio.Grains.Users;

namespace FitFolio.Grains.Passkeys;

/// <summary>
/// The answer to turning email sign-in on or off: the outcome, the profile as it now is, and the
/// recovery codes issued when it was turned off (null otherwise).
/// </summary>
[GenerateSerializer, Immutable, Alias("fitfolio.passkeys.email-sign-in-change")]
public sealed record EmailSignInChange(
    [property: Id(0)] PasskeyChangeOutcome Outcome,
    [property: Id(1)] UserProfile User,
    [property: Id(2)] IReadOnlyList<string>? RecoveryCodes = null);
