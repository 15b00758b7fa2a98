using FitFolio.Grains.Users;

namespace FitFolio.Grains.Passkeys;

/// <summary>The answer to turning email sign-in on or off: the outcome and the profile as it now is.</summary>
[GenerateSerializer, Immutable, Alias("fitfolio.passkeys.email-sign-in-change")]
public sealed record EmailSignInChange(
    [property: Id(0)] PasskeyChangeOutcome Outcome,
    [property: Id(1)] UserProfile User);
