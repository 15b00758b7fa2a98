namespace FitFolio.Grains.Passkeys;

/// <summary>
/// A verified sign-in. The caller stores <see cref="SignCount"/> and <see cref="BackedUp"/> on the
/// passkey (§7.2 steps 22, 25) and signs in the owner named by <see cref="UserHandle"/>.
/// </summary>
public sealed record VerifiedAssertion
{
    public required byte[] CredentialId { get; init; }

    /// <summary>The credential's owner: the stored passkey's user handle, checked against the response and the ceremony.</summary>
    public required byte[] UserHandle { get; init; }

    public required uint SignCount { get; init; }

    public required bool BackupEligible { get; init; }

    public required bool BackedUp { get; init; }

    public required bool UserVerified { get; init; }
}
