using FitFolio.Grains.Common;
using FitFolio.Grains.ExternalIdentities;

namespace FitFolio.Grains.Users;

/// <summary>Signing in with an external provider (Google, Discord, OpenID Connect).</summary>
public partial interface IUserGrain
{
    /// <summary>Starts a session for an identity linked to this account (refused on an admin lock, or passkey-only unless linked after).</summary>
    Task<SignInResult> SignInWithProvider(ExternalIdentityClaim identity, string newSessionHash, RequestOrigin origin);

    /// <summary>Links a new identity whose provider vouches for this account's address, while nobody has proved they own it, and signs in.</summary>
    Task<SignInResult> SignUpWithProvider(ExternalIdentityClaim identity, string newSessionHash, RequestOrigin origin);
}
