namespace FitFolio.Grains.Common;

/// <summary>Where a request came from, carried into grain calls so every audit event names it.</summary>
/// <remarks>
/// Immutable although <see cref="DeviceHash"/> is an array: it is a fresh digest per request that
/// nothing writes to afterwards, and this record rides on nearly every grain call, so local calls
/// should not copy it.
/// </remarks>
[GenerateSerializer, Immutable, Alias("fitfolio.common.request-origin")]
public sealed record RequestOrigin(
    [property: Id(0)] string? Ip,
    [property: Id(1)] string? UserAgent,
    [property: Id(2)] string? RequestId)
{
    /// <summary>SHA-256 of the browser's device cookie, on requests that can sign in; the new-device alert keys on it.</summary>
    [Id(3)]
    public byte[]? DeviceHash { get; init; }

    public static RequestOrigin System { get; } = new(null, "fitfolio", null);
}
