using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FitFolio.Tests.Telemetry;

/// <summary>
/// The receiving end of OTLP/HTTP with protobuf encoding (https://opentelemetry.io/docs/specs/otlp/#otlphttp):
/// accepts <c>POST /v1/traces</c>, <c>/v1/metrics</c> and <c>/v1/logs</c> and keeps each body it decodes.
/// </summary>
public sealed class OtlpReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<OtlpSpan> _spans = new();
    private readonly ConcurrentQueue<OtlpMetric> _metrics = new();
    private readonly ConcurrentQueue<string> _refused = new();

    private OtlpReceiver(WebApplication app) => _app = app;

    public Uri Address { get; private set; } = null!;

    public IReadOnlyList<OtlpSpan> Spans => [.. _spans];

    public IReadOnlyList<OtlpMetric> Metrics => [.. _metrics];

    /// <summary>Requests that were not well-formed OTLP/HTTP protobuf.</summary>
    public IReadOnlyList<string> Refused => [.. _refused];

    public int LogRequests { get; private set; }

    public static async Task<OtlpReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var receiver = new OtlpReceiver(builder.Build());
        receiver._app.MapPost(
            "/v1/traces",
            context => receiver.AcceptAsync(context, body => { foreach (var span in OtlpProtobuf.ReadSpans(body)) { receiver._spans.Enqueue(span); } }));
        receiver._app.MapPost("/v1/metrics", context => receiver.AcceptAsync(
            context, body => { foreach (var metric in OtlpProtobuf.ReadMetrics(body)) { receiver._metrics.Enqueue(metric); } }));
        receiver._app.MapPost("/v1/logs", context => receiver.AcceptAsync(context, _ => receiver.LogRequests++));
        await receiver._app.StartAsync(TestContext.Current.CancellationToken);
        receiver.Address = new Uri(receiver._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        return receiver;
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    private async Task AcceptAsync(HttpContext context, Action<byte[]> decode)
    {
        using var memory = new MemoryStream();
        await context.Request.Body.CopyToAsync(memory);
        if (context.Request.ContentType != "application/x-protobuf")
        {
            _refused.Enqueue($"{context.Request.Path}: content type {context.Request.ContentType}");
            context.Response.StatusCode = StatusCodes.Status415UnsupportedMediaType;
            return;
        }

        try
        {
            decode(memory.ToArray());
        }
        catch (InvalidDataException exception)
        {
            _refused.Enqueue($"{context.Request.Path}: {exception.Message}");
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        // An empty Export*ServiceResponse: everything was accepted.
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "application/x-protobuf";
    }
}
