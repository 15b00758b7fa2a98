using FitFolio.Grains.Passkeys;
using FitFolio.Grains.Sessions;

namespace FitFolio.Grains.Users;

/// <summary>The user grain's in-memory state: the users row, its live sessions, and the row version it was read at.</summary>
internal sealed class UserRecord
{
    public required Guid Id { get; init; }

    public required string Email { get; set; }

    public DateTimeOffset? EmailVerifiedAt { get; set; }

    public bool EmailSignInEnabled { get; set; } = true;

    public bool IsAdmin { get; set; }

    public required DateTimeOffset CreatedAt { get; init; }

    public Lockout PasskeyLockout { get; } = new();

    public DateTimeOffset? AdminLockedUntil { get; set; }

    public long Version { get; set; }

    /// <summary>Set when the account's row is deleted; the activation refuses everything until it is collected.</summary>
    public bool Deleted { get; set; }

    /// <summary>Live sessions by the SHA-256 (base64url) of their secret.</summary>
    public Dictionary<string, Session> Sessions { get; } = new(StringComparer.Ordinal);

    /// <summary>The WebAuthn user handle (32 random bytes), null until the first passkey is registered.</summary>
    public byte[]? WebAuthnUserHandle { get; set; }

    /// <summary>The user's passkeys, oldest first.</summary>
    public List<PasskeyRecord> Passkeys { get; } = [];

    public int PasskeyCount => Passkeys.Count;

    public UserProfile ToProfile() => new(Id, Email, EmailVerifiedAt is not null, IsAdmin, EmailSignInEnabled, PasskeyCount, CreatedAt);
}
