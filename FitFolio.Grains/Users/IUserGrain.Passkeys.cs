using FitFolio.Grains.Common;
using FitFolio.Grains.Passkeys;

namespace FitFolio.Grains.Users;

/// <summary>Passkeys: registration, sign-in, the owner's list, and the email sign-in switch.</summary>
public partial interface IUserGrain
{
    /// <summary>Creation options for a new passkey; the challenge stays in this grain's memory, for one finish attempt.</summary>
    Task<PublicKeyCredentialCreationOptionsJson> StartPasskeyRegistration(RequestOrigin origin);

    /// <summary>
    /// Verifies the browser's credential against the pending registration (dropped whatever happens),
    /// stores the passkey and rotates the session <paramref name="sessionHash"/> to <paramref name="newSessionHash"/>.
    /// </summary>
    Task<PasskeyRegistrationResult> FinishPasskeyRegistration(
        string credentialJson, string name, string sessionHash, string newSessionHash, RequestOrigin origin);

    /// <summary>Verifies an assertion by one of this user's passkeys and starts a new session.</summary>
    Task<PasskeySignInResult> SignInWithPasskey(PendingCeremonyState ceremony, string credentialJson, string newSessionHash, RequestOrigin origin);

    /// <summary>
    /// Verifies an assertion by one of this user's passkeys inside the session <paramref name="sessionHash"/>,
    /// marks that session freshly authenticated by a passkey (the recent sign-in sensitive changes need, the
    /// proof admin routes need) and rotates its secret to <paramref name="newSessionHash"/>.
    /// </summary>
    Task<PasskeySignInResult> ReauthenticateWithPasskey(
        PendingCeremonyState ceremony, string credentialJson, string sessionHash, string newSessionHash, RequestOrigin origin);

    /// <summary>The WebAuthn user handle a re-authentication ceremony is bound to; null without passkeys.</summary>
    Task<byte[]?> GetWebAuthnUserHandle();

    Task<IReadOnlyList<PasskeyView>> ListPasskeys();

    /// <summary>The renamed passkey, or null when the user has no passkey with that id.</summary>
    Task<PasskeyView?> RenamePasskey(Guid passkeyId, string name, RequestOrigin origin);

    Task<PasskeyChangeOutcome> DeletePasskey(Guid passkeyId, RequestOrigin origin);

    Task<EmailSignInChange> SetEmailSignIn(bool enabled, RequestOrigin origin);
}
