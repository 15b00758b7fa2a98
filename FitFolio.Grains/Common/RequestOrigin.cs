namespace FitFolio.Grains.Common;

/// <summary>Where a request came from, carried into grain calls so every audit event names it.</summary>
public sealed record RequestOrigin(string? Ip, string? UserAgent, string? RequestId)
{
    /// <summary>SHA-256 of the browser's device cookie, on requests that can sign in; the new-device alert keys on it.</summary>
    public byte[]? DeviceHash { get; init; }

    public static RequestOrigin System { get; } = new(null, "fitfolio", null);
}
