namespace FitFolio.Grains.Passkeys.Internal;

/// <summary>The flags byte of authenticator data (§6.1). Bits 1 and 5 are reserved and ignored.</summary>
[Flags]
internal enum AuthenticatorFlags : byte
{
    None = 0,
    UserPresent = 0x01,
    UserVerified = 0x04,
    BackupEligible = 0x08,
    BackedUp = 0x10,
    AttestedCredentialData = 0x40,
    ExtensionData = 0x80,
}
