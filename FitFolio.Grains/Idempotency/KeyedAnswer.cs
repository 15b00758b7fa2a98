namespace FitFolio.Grains.Idempotency;

/// <summary>
/// The answer a keyed write of the user grain stores with its key: the HTTP status the front door sends for the outcome
/// and the value it sends as JSON (null for a 204). Built by the grain because the answer must commit with the change,
/// in its transaction, before the front door sees the outcome.
/// </summary>
internal sealed record KeyedAnswer(int Status, object? Body)
{
    public static KeyedAnswer NoContent { get; } = new(204, null);

    public static KeyedAnswer Ok(object body) => new(200, body);
}
