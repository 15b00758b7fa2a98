namespace FitFolio.Api.OpenApi;

/// <summary>
/// Endpoint metadata: the operation answers with the resource's ETag, and, when <see cref="TakesIfMatch"/>, takes
/// If-Match (412 when stale). <see cref="EntityTagHeaders"/> documents both.
/// </summary>
public sealed record VersionedOperation(bool TakesIfMatch);
