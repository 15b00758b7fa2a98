namespace FitFolio.Grains.Sessions;

/// <summary>A session as its owner sees it in the sessions list.</summary>
public sealed record SessionView(Guid Id, DateTimeOffset CreatedAt, DateTimeOffset LastSeenAt, string? Ip, string Device, bool Current);
