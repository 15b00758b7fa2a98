namespace FitFolio.Grains.Sessions;

/// <summary>A session as its owner sees it in the sessions list.</summary>
[GenerateSerializer, Immutable, Alias("fitfolio.sessions.view")]
public sealed record SessionView(
    [property: Id(0)] Guid Id,
    [property: Id(1)] DateTimeOffset CreatedAt,
    [property: Id(2)] DateTimeOffset LastSeenAt,
    [property: Id(3)] string? Ip,
    [property: Id(4)] string Device,
    [property: Id(5)] bool Current);
