namespace FitFolio.Grains.Passkeys;

/// <summary>
/// A pending authentication ceremony in a form that crosses grain calls (JSON): the challenge grain
/// hands it to the credential owner's grain, which verifies against it.
/// </summary>
[GenerateSerializer, Alias("fitfolio.passkeys.pending-ceremony")]
public sealed record PendingCeremonyState(
    [property: Id(0)] byte[] Challenge,
    [property: Id(1)] byte[]? UserHandle,
    [property: Id(2)] IReadOnlyList<byte[]> AllowedCredentialIds,
    [property: Id(3)] DateTimeOffset ExpiresAt)
{
    public static PendingCeremonyState From(PendingPasskeyCeremony pending)
    {
        ArgumentNullException.ThrowIfNull(pending);
        if (pending.Kind != PasskeyCeremonyKind.Authentication)
        {
            throw new ArgumentException("Only authentication ceremonies travel between grains.", nameof(pending));
        }

        return new(pending.Challenge.ToArray(), pending.UserHandle?.ToArray(), [.. pending.AllowedCredentialIds.Select(id => id.ToArray())], pending.ExpiresAt);
    }

    public PendingPasskeyCeremony ToPending() => PendingPasskeyCeremony.ForAuthentication(
        Challenge,
        UserHandle is null ? default(ReadOnlyMemory<byte>?) : new ReadOnlyMemory<byte>(UserHandle),
        AllowedCredentialIds.Select(id => new ReadOnlyMemory<byte>(id)),
        ExpiresAt);
}
