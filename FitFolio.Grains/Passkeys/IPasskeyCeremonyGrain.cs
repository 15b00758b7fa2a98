namespace FitFolio.Grains.Passkeys;

/// <summary>
/// One sign-in ceremony that started before anyone was identified (key: the ceremony id, 128 random
/// bits, base64url). It holds the challenge between <c>authenticate/start</c> and <c>/finish</c>, in
/// memory only (ARCHITECTURE.md §2), and gives it out once (§13.4.3: a challenge is single-use).
/// </summary>
[Alias("fitfolio.passkey-ceremony")]
public interface IPasskeyCeremonyGrain : IGrainWithStringKey
{
    /// <summary>
    /// Issues the request options. <paramref name="userHandle"/> binds the ceremony to one account
    /// (sign-in after an email was given); null allows any discoverable credential (usernameless).
    /// </summary>
    Task<PublicKeyCredentialRequestOptionsJson> Begin(byte[]? userHandle);

    /// <summary>The pending ceremony, once; null when there is none (unknown, already taken or never begun).</summary>
    Task<PendingCeremonyState?> Take();
}
