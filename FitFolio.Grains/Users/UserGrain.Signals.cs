using FitFolio.Grains.Passkeys;

namespace FitFolio.Grains.Users;

/// <summary>The account's passkey ids for the WebAuthn Signal API, from memory.</summary>
internal sealed partial class UserGrain
{
    public Task<PasskeySignalIds> GetPasskeySignalIds() => Task.FromResult(new PasskeySignalIds(
        _user.Passkeys.Count == 0 ? null : _user.WebAuthnUserHandle,
        [.. _user.Passkeys.Select(p => p.CredentialId)],
        _user.Email));
}
