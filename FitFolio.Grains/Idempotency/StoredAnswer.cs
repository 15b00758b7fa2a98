namespace FitFolio.Grains.Idempotency;

/// <summary>The first answer to a keyed write: the request's hash, and the HTTP status and JSON body (null for 204) it got.</summary>
public sealed record StoredAnswer(string RequestHash, int Status, string? Body);
