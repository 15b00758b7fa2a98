using FitFolio.Grains.Common;
using FitFolio.Grains.ExternalIdentities;
using FitFolio.Grains.Passkeys;

namespace FitFolio.Grains.Users;

/// <summary>Signing in with an external provider (Google, Discord, OpenID Connect).</summary>
public partial interface IUserGrain
{
    /// <summary>Starts a session for an identity linked to this account (refused on an admin lock, or passkey-only unless linked after).</summary>
    Task<SignInResult> SignInWithProvider(ExternalIdentityClaim identity, string newSessionHash, RequestOrigin origin);

    /// <summary>Links a new identity whose provider vouches for this account's address, while nobody has proved they own it, and signs in.</summary>
    Task<SignInResult> SignUpWithProvider(ExternalIdentityClaim identity, string newSessionHash, RequestOrigin origin);

    /// <summary>Mails the owner a link to confirm linking an identity that vouches for this account's address; false when refused.</summary>
    Task<bool> RequestProviderLink(ExternalIdentityClaim identity, RequestOrigin origin);

    /// <summary>The owner followed the mailed link: links the identity it names and starts a session.</summary>
    Task<SignInResult> ConfirmProviderLink(Guid confirmationId, string newSessionHash, RequestOrigin origin);

    /// <summary>Links an identity to the account of its signed-in owner; false on a lock or when the identity is linked already.</summary>
    Task<bool> LinkProvider(ExternalIdentityClaim identity, RequestOrigin origin);

    /// <summary>Unlinks an identity for the signed-in owner; <see cref="PasskeyChangeOutcome.LastSignInMethod"/> when it is the last way in.</summary>
    Task<PasskeyChangeOutcome> UnlinkProvider(string provider, string subject, RequestOrigin origin);
}
