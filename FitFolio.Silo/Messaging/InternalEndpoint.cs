using System.Buffers;
using System.Diagnostics;
using System.Net;
using System.Text.Json;
using FitFolio.Silo.Diagnostics;
using FitFolio.Silo.Invocation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FitFolio.Silo.Messaging;

/// <summary>
/// The silo-to-silo endpoint: its own Kestrel server on its own port (HTTP/2 only), separate from
/// the public API's server, so no public route can ever reach it. Every request must present the
/// cluster secret; a forwarded call always runs here (the sender already chose this silo), so a
/// brief disagreement about membership cannot bounce a call between silos.
/// </summary>
internal sealed class InternalEndpoint : IAsyncDisposable
{
    private const int MaxBodyBytes = 4 * 1024 * 1024;

    private readonly SiloRuntime _runtime;
    private readonly ClusterSecret _secret;
    private readonly SiloLog _log;
    private WebApplication? _app;

    public InternalEndpoint(SiloRuntime runtime, ClusterSecret secret, SiloLog log)
    {
        _runtime = runtime;
        _secret = secret;
        _log = log;
    }

    /// <summary>The port actually bound (differs from the option when it was 0).</summary>
    public int Port { get; private set; }

    public async Task StartAsync(SiloOptions options, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Limits.MaxRequestBodySize = MaxBodyBytes;
            kestrel.AddServerHeader = false;
            kestrel.Listen(IPAddress.Parse(options.ListenAddress), options.Port, listen => listen.Protocols = HttpProtocols.Http2);
        });

        _app = builder.Build();
        _app.MapPost("/" + ForwardingClient.Path, HandleAsync);
        await _app.StartAsync(cancellationToken);

        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Port = new Uri(address).Port;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_app is not null)
        {
            await _app.StopAsync(cancellationToken);
        }
    }

    /// <summary>Closes the server and every connection at once: the crash equivalent.</summary>
    public async Task AbortAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync(new CancellationToken(canceled: true));
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }

    private async Task HandleAsync(HttpContext context)
    {
        if (!_secret.Accepts(context.Request.Headers[ClusterSecret.HeaderName]))
        {
            _log.InternalCallRefused(context.Connection.RemoteIpAddress?.ToString(), "missing or wrong cluster secret");
            await WriteErrorAsync(context, StatusCodes.Status401Unauthorized, new WireError(WireError.Unauthorized, "A valid cluster secret is required."));
            return;
        }

        if (!TryParse(await ReadBodyAsync(context), out var call, out var problem))
        {
            await WriteErrorAsync(context, problem.Code == WireError.Malformed ? StatusCodes.Status400BadRequest : StatusCodes.Status404NotFound, problem);
            return;
        }

        if (_runtime.IsStopping)
        {
            await WriteErrorAsync(context, StatusCodes.Status503ServiceUnavailable, new WireError(WireError.SiloStopping, "This silo is leaving the cluster."));
            return;
        }

        using var activity = _runtime.Telemetry.ReceivedEnabled ? StartReceived(context, call.Method) : null;
        var buffer = new ArrayBufferWriter<byte>(256);
        try
        {
            await using var writer = new Utf8JsonWriter(buffer);
            writer.WriteStartObject();
            writer.WritePropertyName("result");
            await call.Method.WriteResultAsync(_runtime, call.GrainId, call.Arguments, writer);
            writer.WriteEndObject();
        }
        catch (GrainCallTimeoutException exception)
        {
            SiloTelemetry.Failed(activity, exception);
            await WriteErrorAsync(context, StatusCodes.Status504GatewayTimeout, new WireError(WireError.CallTimeout, exception.Message));
            return;
        }
        catch (Exception exception)
        {
            SiloTelemetry.Failed(activity, exception);
            await WriteErrorAsync(context, StatusCodes.Status422UnprocessableEntity, new WireError(WireError.GrainException, exception.Message, RemoteExceptions.Describe(exception)));
            return;
        }

        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "application/json";
        await context.Response.Body.WriteAsync(buffer.WrittenMemory);
    }

    private Activity? StartReceived(HttpContext context, GrainMethod method)
    {
        _runtime.Telemetry.Received(method);
        var headers = context.Request.Headers;
        return SiloTelemetry.StartReceived(method, _runtime.SiloName, headers[SiloTelemetry.TraceParentHeader], headers[SiloTelemetry.TraceStateHeader]);
    }

    private static async Task<byte[]?> ReadBodyAsync(HttpContext context)
    {
        try
        {
            using var memory = new MemoryStream();
            await context.Request.Body.CopyToAsync(memory);
            return memory.ToArray();
        }
        catch (Microsoft.AspNetCore.Http.BadHttpRequestException)
        {
            return null;
        }
    }

    private bool TryParse(byte[]? body, out ForwardedCall call, out WireError problem)
    {
        call = default;
        problem = new WireError(WireError.Malformed, "The call envelope is not valid JSON of the expected shape.");
        if (body is null or { Length: 0 })
        {
            return false;
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("grain", out var grain) || grain.ValueKind != JsonValueKind.String
                || !root.TryGetProperty("key", out var key) || key.ValueKind != JsonValueKind.String
                || !root.TryGetProperty("method", out var methodId) || methodId.ValueKind != JsonValueKind.String
                || !root.TryGetProperty("args", out var args) || args.ValueKind != JsonValueKind.Array)
            {
                return false;
            }

            if (!_runtime.Registry.TryGet(grain.GetString()!, out var grainInterface))
            {
                problem = new WireError(WireError.UnknownGrainType, $"No grain type '{grain.GetString()}' is registered on this silo.");
                return false;
            }

            if (!grainInterface.TryGetMethod(methodId.GetString()!, out var method))
            {
                problem = new WireError(WireError.UnknownMethod, $"Grain type '{grainInterface.Name}' has no method '{methodId.GetString()}'.");
                return false;
            }

            if (args.GetArrayLength() != method.ParameterTypes.Length || string.IsNullOrEmpty(grain.GetString()))
            {
                problem = problem with { Message = $"'{method.Id}' takes {method.ParameterTypes.Length} arguments." };
                return false;
            }

            var arguments = new object?[method.ParameterTypes.Length];
            var index = 0;
            foreach (var argument in args.EnumerateArray())
            {
                arguments[index] = argument.Deserialize(method.ParameterTypes[index], _runtime.JsonOptions);
                index++;
            }

            call = new ForwardedCall(new GrainId(grainInterface.Name, key.GetString()!), method, arguments);
            return true;
        }
        catch (Exception exception) when (exception is JsonException or NotSupportedException or ArgumentException or InvalidOperationException)
        {
            return false;
        }
    }

    private async Task WriteErrorAsync(HttpContext context, int status, WireError error)
    {
        context.Response.StatusCode = status;
        await context.Response.WriteAsJsonAsync(new WireErrorEnvelope(error), _runtime.JsonOptions);
    }

    private readonly record struct ForwardedCall(GrainId GrainId, GrainMethod Method, object?[] Arguments);
}
