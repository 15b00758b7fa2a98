namespace FitFolio.Api.Http;

/// <summary>Whose key an <c>Idempotency-Key</c> is (<paramref name="Name"/>, the stored answer's owner) and the account it acts for.</summary>
public readonly record struct IdempotencyCaller(string Name, Guid UserId);
