namespace FitFolio.Bench.Measurement;

/// <summary>
/// Whether a request failed in transport, with no answer from the server: the name did not resolve, the connection could not
/// be made, or it was closed or reset (in the TLS handshake or on a write, under load) before a response came back. What a
/// browser re-sends once, and what an open loop counts as lost rather than as a wrong answer; any response at all, however bad,
/// is not this, nor is a certificate the client refuses.
/// </summary>
internal static class Unanswered
{
    public static bool Is(HttpRequestException exception) =>
        exception.HttpRequestError is HttpRequestError.ResponseEnded or HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError
        || (exception.HttpRequestError is (HttpRequestError.Unknown or HttpRequestError.SecureConnectionError) && exception.InnerException is IOException);
}
