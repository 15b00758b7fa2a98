namespace FitFolio.Api.Http;

/// <summary>Endpoint metadata: this route honours <c>Idempotency-Key</c> (<see cref="IdempotencyKeyFilter"/>).</summary>
public sealed record IdempotencyKeySupport
{
    public static IdempotencyKeySupport Instance { get; } = new();
}
