namespace FitFolio.Grains.Common;

/// <summary>Where a request came from, carried into grain calls so every audit event names it.</summary>
public sealed record RequestOrigin(string? Ip, string? UserAgent, string? RequestId)
{
    public static RequestOrigin System { get; } = new(null, "fitfolio", null);
}
