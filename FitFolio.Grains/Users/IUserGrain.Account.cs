using FitFolio.Grains.Accounts;
using FitFolio.Grains.Common;

namespace FitFolio.Grains.Users;

/// <summary>The account itself: its address, its data, its end.</summary>
public partial interface IUserGrain
{
    /// <summary>Mails a confirmation link to <paramref name="newEmail"/>; the address changes only when it is followed.</summary>
    Task<EmailChangeOutcome> RequestEmailChange(EmailAddress newEmail, RequestOrigin origin);

    /// <summary>
    /// Applies the pending change <paramref name="changeId"/>, tells the old address and voids every
    /// sign-in link and code still pending for it. With <paramref name="endOtherSessions"/>, every
    /// session but <paramref name="keepSessionHash"/> (the confirming browser's, when it is this account's) ends too.
    /// </summary>
    Task<EmailChangeOutcome> ConfirmEmailChange(Guid changeId, bool endOtherSessions, string? keepSessionHash, RequestOrigin origin);

    /// <summary>
    /// Deletes the account and everything it owns, ends every session and API key, and tells the
    /// address. When this returns, no silo accepts anything of the account.
    /// </summary>
    Task DeleteAccount(RequestOrigin origin);

    /// <summary>Whether the account may act through its API keys now (not locked by an admin, not deleted).</summary>
    Task<bool> MayUseApiKeys();

    /// <summary>What this grain holds about the person, for the data export.</summary>
    Task<AccountSnapshot> Snapshot();
}
