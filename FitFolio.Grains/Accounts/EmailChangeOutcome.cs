namespace FitFolio.Grains.Accounts;

[GenerateSerializer, Alias("fitfolio.accounts.email-change-outcome")]
public enum EmailChangeOutcome
{
    /// <summary>Requested (link mailed) or confirmed (address changed).</summary>
    Done,

    /// <summary>The new address is the one the account already has.</summary>
    SameAddress,

    /// <summary>The link was used, superseded, expired or never existed.</summary>
    InvalidLink,

    /// <summary>Another account took the address since the change was requested.</summary>
    AddressTaken,
}
