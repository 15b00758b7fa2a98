namespace FitFolio.Grains.Idempotency;

/// <summary>
/// A keyed write found its <c>Idempotency-Key</c> claimed when it reached its transaction: another run holds it, or
/// finished between the front door's look and now. Thrown rather than returned so the user grain's and the API keys'
/// methods keep their answers; the front door's filter turns it into 409 <c>idempotency_key_in_flight</c>.
/// </summary>
/// <remarks>Serializable so it reaches a front door on another silo as itself, not as a codec failure.</remarks>
[GenerateSerializer, Alias("fitfolio.idempotency.in-flight-exception")]
public sealed class IdempotencyKeyInFlightException : Exception
{
    public IdempotencyKeyInFlightException()
        : base("A request with this Idempotency-Key is still being answered.")
    {
    }

    public IdempotencyKeyInFlightException(string message)
        : base(message)
    {
    }

    public IdempotencyKeyInFlightException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
