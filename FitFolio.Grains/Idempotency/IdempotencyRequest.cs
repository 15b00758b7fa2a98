namespace FitFolio.Grains.Idempotency;

/// <summary>
/// A write sent with an <c>Idempotency-Key</c>: the key, whose key it is (<paramref name="Caller"/>, a person or one of
/// their API keys), the person it acts for, and the SHA-256 of the request (method, path and query, body). The front
/// door puts it in the Orleans request context; the store that commits the write reads it there
/// (<see cref="IdempotencyStore"/>), so no grain method grows a parameter and it reaches the grain on any silo.
/// <paramref name="Headers"/>: the route's replayable headers, stored with the answer (null: it carries none).
/// </summary>
[GenerateSerializer, Immutable, Alias("fitfolio.idempotency.request")]
public sealed record IdempotencyRequest(
    [property: Id(0)] string Caller,
    [property: Id(1)] string Key,
    [property: Id(2)] Guid UserId,
    [property: Id(3)] string RequestHash,
    [property: Id(4)] AnswerHeaderRecipe? Headers = null)
{
    private const string ContextKey = "fitfolio.idempotency";

    /// <summary>The keyed write this call is part of, if any.</summary>
    public static IdempotencyRequest? Current => RequestContext.Get(ContextKey) as IdempotencyRequest;

    /// <summary>Makes this the keyed write of the calls that follow on this flow, until <see cref="Leave"/>.</summary>
    public void Enter() => RequestContext.Set(ContextKey, this);

    public static void Leave() => RequestContext.Remove(ContextKey);

    /// <summary>
    /// Takes the keyed write out of the flow until the result is disposed, for calls that are not the write the key
    /// answers: their own stores would otherwise claim the key and store their answer under it.
    /// </summary>
    public static IDisposable Suspend()
    {
        var current = Current;
        Leave();
        return new Resume(current);
    }

    private sealed class Resume(IdempotencyRequest? request) : IDisposable
    {
        public void Dispose() => request?.Enter();
    }
}
