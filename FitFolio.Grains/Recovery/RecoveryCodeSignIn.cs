using FitFolio.Grains.Users;

namespace FitFolio.Grains.Recovery;

/// <summary>A sign-in with a recovery code: as any sign-in, plus how many codes the account has left.</summary>
[GenerateSerializer, Immutable, Alias("fitfolio.recovery.sign-in")]
public sealed record RecoveryCodeSignIn(
    [property: Id(0)] SignInResult Result,
    [property: Id(1)] int Remaining);
