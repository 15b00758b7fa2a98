namespace FitFolio.Grains.Users;

[GenerateSerializer, Alias("fitfolio.users.sign-in-outcome")]
public enum SignInOutcome
{
    SignedIn,

    /// <summary>Wrong, used, expired or unknown: deliberately one outcome, so nothing can be told apart.</summary>
    Invalid,

    /// <summary>Too many failures: this path is locked for <see cref="SignInResult.RetryAfter"/>.</summary>
    Locked,
}
