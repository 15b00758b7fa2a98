namespace FitFolio.Bench.Measurement;

/// <summary>
/// Whether a request failed in transport, with no answer from the server: the connection could not be made or was closed
/// (or reset, on a write under load) before a response came back. What a browser re-sends once, and what an open loop counts
/// as lost rather than as a wrong answer; any response at all, however bad, is not this.
/// </summary>
internal static class Unanswered
{
    public static bool Is(HttpRequestException exception) =>
        exception.HttpRequestError is HttpRequestError.ResponseEnded or HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError
        || (exception.HttpRequestError is HttpRequestError.Unknown && exception.InnerException is IOException);
}
