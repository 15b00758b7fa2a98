namespace FitFolio.Grains.Idempotency;

/// <summary>
/// The first answer to a keyed write: the request's hash, the HTTP status and JSON body (null for 204) it got, and the
/// headers of the front door's allow-list it carried (ETag, Location; null when it had none).
/// </summary>
public sealed record StoredAnswer(string RequestHash, int Status, string? Body, IReadOnlyDictionary<string, string>? Headers = null);
