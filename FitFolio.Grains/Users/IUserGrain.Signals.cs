using FitFolio.Grains.Passkeys;
using FitFolio.Silo.Calls;

namespace FitFolio.Grains.Users;

/// <summary>The account's passkey ids for the WebAuthn Signal API.</summary>
public partial interface IUserGrain
{
    [SafeToRetry]
    Task<PasskeySignalIds> GetPasskeySignalIds();
}
