using FitFolio.Grains.Users;

namespace FitFolio.Grains.Passkeys;

/// <summary>The answer to turning email sign-in on or off: the outcome and the profile as it now is.</summary>
public sealed record EmailSignInChange(PasskeyChangeOutcome Outcome, UserProfile User);
