namespace FitFolio.Api.Http;

/// <summary>
/// Endpoint metadata: this state-changing route ignores <c>Idempotency-Key</c>, and why (its answer carries a credential
/// or sets a cookie, which a stored answer must never hold; or the route is idempotent by its content). The OpenAPI
/// document says so on the operation.
/// </summary>
public sealed record IdempotencyKeyExclusion(string Reason);
