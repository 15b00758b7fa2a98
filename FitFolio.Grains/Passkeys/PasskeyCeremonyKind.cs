namespace FitFolio.Grains.Passkeys;

public enum PasskeyCeremonyKind
{
    /// <summary>navigator.credentials.create: a new passkey for a known user.</summary>
    Registration,

    /// <summary>navigator.credentials.get: sign-in with an existing passkey.</summary>
    Authentication,
}
