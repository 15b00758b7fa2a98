using Microsoft.Net.Http.Headers;

namespace FitFolio.Api.Http;

/// <summary>
/// The headers that belong to an answer and are stored with it, to be replayed: where a created resource is
/// (<c>Location</c>) and the version a write produced (<c>ETag</c>). An allow-list rather than "all but a few": a
/// stored answer is replayed to whoever retries with the key, so nothing may be kept that nobody chose to keep
/// (<c>Set-Cookie</c> above all), and headers that describe the transfer rather than the answer are set afresh. The
/// store writes them in the write's transaction from the route's declaration (FitFolio.Grains/Idempotency/AnswerHeaderRecipe.cs).
/// </summary>
public static class IdempotencyKeyHeaders
{
    public static IReadOnlyList<string> Stored { get; } = [HeaderNames.ETag, HeaderNames.Location];
}
