namespace FitFolio.Grains.Sessions;

/// <summary>A live session as the user grain holds it. Mutable, and only ever touched inside the grain's turns.</summary>
internal sealed class Session
{
    public required Guid Id { get; init; }

    public required string SecretHash { get; set; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required DateTimeOffset RotatedAt { get; set; }

    public required DateTimeOffset ExpiresAt { get; init; }

    public required DateTimeOffset LastSeenAt { get; set; }

    public DateTimeOffset LastSeenStored { get; set; }

    /// <summary>When the person last proved who they are in this session (sign-in or a fresh passkey assertion).</summary>
    public required DateTimeOffset AuthenticatedAt { get; set; }

    /// <summary>How that proof was made: a <see cref="SessionProof"/> value, stored beside the time so a grain move keeps it.</summary>
    public required string AuthenticatedWith { get; set; }

    public string? Ip { get; init; }

    public string? UserAgent { get; init; }

    public SessionView ToView(bool current) => new(Id, CreatedAt, LastSeenAt, Ip, DeviceNames.Describe(UserAgent), current);
}
