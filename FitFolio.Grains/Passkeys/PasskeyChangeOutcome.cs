namespace FitFolio.Grains.Passkeys;

/// <summary>How a change to the account's sign-in methods (a passkey, or email sign-in) ended.</summary>
[GenerateSerializer, Alias("fitfolio.passkeys.change-outcome")]
public enum PasskeyChangeOutcome
{
    Done,

    /// <summary>No passkey with that id on this account.</summary>
    NotFound,

    /// <summary>The change would leave the account with no way to sign in.</summary>
    LastSignInMethod,

    /// <summary>Email sign-in can be turned off only with at least two passkeys, so losing one device does not lock the person out.</summary>
    NeedsTwoPasskeys,
}
