using Fido2NetLib.Objects;

namespace FitFolio.Grains.Passkeys;

/// <summary>
/// One row of <c>passkeys</c> as the user grain holds it (WebAuthn L3 §4 "credential record").
/// Mutable only for what a sign-in or the owner may change: counter, backup state, last use and name.
/// </summary>
internal sealed class PasskeyRecord
{
    public required Guid Id { get; init; }

    public required byte[] CredentialId { get; init; }

    public required byte[] PublicKeyCose { get; init; }

    public required COSE.Algorithm Algorithm { get; init; }

    public required uint SignCount { get; set; }

    public required string[] Transports { get; init; }

    public required bool BackupEligible { get; init; }

    public required bool BackedUp { get; set; }

    public required Guid Aaguid { get; init; }

    public required string AttestationFormat { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset? LastUsedAt { get; set; }

    public required string Name { get; set; }

    public static PasskeyRecord From(RegisteredPasskey registered, string name, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(),
        CredentialId = registered.CredentialId,
        PublicKeyCose = registered.PublicKeyCose,
        Algorithm = registered.Algorithm,
        SignCount = registered.SignCount,
        Transports = [.. registered.Transports],
        BackupEligible = registered.BackupEligible,
        BackedUp = registered.BackedUp,
        Aaguid = registered.Aaguid,
        AttestationFormat = registered.AttestationFormat,
        CreatedAt = now,
        Name = name,
    };

    public bool HasCredentialId(ReadOnlySpan<byte> credentialId) => credentialId.SequenceEqual(CredentialId);

    public PasskeyCredentialDescriptor ToDescriptor() => new(CredentialId, Transports);

    public StoredPasskey ToStored(byte[] userHandle) => new(CredentialId, PublicKeyCose, SignCount, BackupEligible, userHandle);

    public PasskeyView ToView() => new(Id, Name, CreatedAt, LastUsedAt, Transports, BackedUp);
}
