namespace FitFolio.Grains.Passkeys;

/// <summary>
/// What a grain keeps in memory between handing out options and receiving the browser's response.
/// Ephemeral by design (ARCHITECTURE.md §2): losing it costs the user one retry. Use it once:
/// the grain must drop it after the first verification attempt, successful or not, so a challenge
/// can never be replayed.
/// </summary>
public sealed record PendingPasskeyCeremony
{
    private PendingPasskeyCeremony(
        PasskeyCeremonyKind kind,
        ReadOnlyMemory<byte> challenge,
        ReadOnlyMemory<byte>? userHandle,
        IReadOnlyList<ReadOnlyMemory<byte>> allowedCredentialIds,
        DateTimeOffset expiresAt)
    {
        Kind = kind;
        Challenge = challenge;
        UserHandle = userHandle;
        AllowedCredentialIds = allowedCredentialIds;
        ExpiresAt = expiresAt;
    }

    public PasskeyCeremonyKind Kind { get; }

    /// <summary>The challenge bytes that were sent base64url-encoded in the options.</summary>
    public ReadOnlyMemory<byte> Challenge { get; }

    /// <summary>
    /// The user the ceremony is for. Always set for registration; for authentication, set when the
    /// user was identified first and null for a usernameless (discoverable credential) sign-in.
    /// </summary>
    public ReadOnlyMemory<byte>? UserHandle { get; }

    /// <summary>The credential IDs sent in allowCredentials; empty means any of the user's credentials.</summary>
    public IReadOnlyList<ReadOnlyMemory<byte>> AllowedCredentialIds { get; }

    public DateTimeOffset ExpiresAt { get; }

    public static PendingPasskeyCeremony ForRegistration(ReadOnlySpan<byte> challenge, ReadOnlySpan<byte> userHandle, DateTimeOffset expiresAt)
    {
        CheckChallenge(challenge);
        CheckUserHandle(userHandle);
        return new PendingPasskeyCeremony(PasskeyCeremonyKind.Registration, challenge.ToArray(), userHandle.ToArray(), [], expiresAt);
    }

    public static PendingPasskeyCeremony ForAuthentication(
        ReadOnlySpan<byte> challenge, ReadOnlyMemory<byte>? userHandle, IEnumerable<ReadOnlyMemory<byte>> allowedCredentialIds, DateTimeOffset expiresAt)
    {
        ArgumentNullException.ThrowIfNull(allowedCredentialIds);
        CheckChallenge(challenge);
        if (userHandle is { } handle)
        {
            CheckUserHandle(handle.Span);
        }

        var allowed = allowedCredentialIds.Select(id => (ReadOnlyMemory<byte>)id.ToArray()).ToArray();
        // Explicit: an implicit byte[]? → ReadOnlyMemory<byte>? conversion turns null into an empty, non-null handle.
        var ownHandle = userHandle is { } given ? new ReadOnlyMemory<byte>(given.ToArray()) : default(ReadOnlyMemory<byte>?);
        return new PendingPasskeyCeremony(PasskeyCeremonyKind.Authentication, challenge.ToArray(), ownHandle, allowed, expiresAt);
    }

    // §13.4.3: challenges need at least 16 random bytes to resist guessing.
    private static void CheckChallenge(ReadOnlySpan<byte> challenge)
    {
        if (challenge.Length < 16 || challenge.Length > 64)
        {
            throw new ArgumentException("A challenge must be 16 to 64 bytes.", nameof(challenge));
        }
    }

    // §5.4.3: a user handle is an opaque byte sequence of 1 to 64 bytes.
    private static void CheckUserHandle(ReadOnlySpan<byte> userHandle)
    {
        if (userHandle.Length is < 1 or > 64)
        {
            throw new ArgumentException("A user handle must be 1 to 64 bytes.", nameof(userHandle));
        }
    }
}
