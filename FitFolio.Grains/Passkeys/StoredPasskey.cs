namespace FitFolio.Grains.Passkeys;

/// <summary>
/// What the server kept from registration and needs to verify a sign-in (§7.2 "credential record").
/// <paramref name="UserHandle"/> is the owner; <paramref name="SignCount"/> is the last counter seen.
/// </summary>
public sealed record StoredPasskey(
    ReadOnlyMemory<byte> CredentialId,
    ReadOnlyMemory<byte> PublicKeyCose,
    uint SignCount,
    bool BackupEligible,
    ReadOnlyMemory<byte> UserHandle);
