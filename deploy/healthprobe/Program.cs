// Exit 0 when the URL answers 2xx within the timeout, 1 otherwise: the contract of a Docker HEALTHCHECK.
// Usage: dotnet FitFolio.HealthProbe.dll URL [TIMEOUT_SECONDS]
using System.Globalization;

var timeoutSeconds = 3;
if (args.Length is < 1 or > 2
    || !Uri.TryCreate(args[0], UriKind.Absolute, out var url)
    || (args.Length == 2 && (!int.TryParse(args[1], NumberStyles.None, CultureInfo.InvariantCulture, out timeoutSeconds) || timeoutSeconds < 1)))
{
    await Console.Error.WriteLineAsync("usage: FitFolio.HealthProbe URL [TIMEOUT_SECONDS]");
    return 2;
}

// No proxy: the probe talks to the process in its own container, never through an HTTP_PROXY the
// environment may carry for outbound traffic.
using var handler = new SocketsHttpHandler { UseProxy = false, AllowAutoRedirect = false };
using var client = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(timeoutSeconds) };

try
{
    using var response = await client.GetAsync(url, HttpCompletionOption.ResponseHeadersRead);
    if (response.IsSuccessStatusCode)
    {
        return 0;
    }

    // Docker keeps the last few outputs of a health check: say why it failed.
    await Console.Error.WriteLineAsync($"{url} answered {(int)response.StatusCode}");
    return 1;
}
catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
{
    await Console.Error.WriteLineAsync($"{url} did not answer: {ex.Message}");
    return 1;
}
