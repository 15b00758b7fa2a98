using System.Buffers;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using FitFolio.Silo.Diagnostics;
using FitFolio.Silo.Invocation;
using FitFolio.Silo.Membership;

namespace FitFolio.Silo.Messaging;

/// <summary>
/// Sends a call to the silo that is home to its grain, over HTTP/2 without TLS on the private
/// network (one multiplexed connection per peer), presenting the cluster secret.
/// </summary>
internal sealed class ForwardingClient : IDisposable
{
    public const string Path = "silo/v1/calls";

    private static readonly MediaTypeHeaderValue Json = new("application/json");
    private readonly HttpClient _client;
    private readonly ClusterSecret _secret;
    private readonly JsonSerializerOptions _json;

    public ForwardingClient(ClusterSecret secret, JsonSerializerOptions json)
    {
        _secret = secret;
        _json = json;
        _client = new HttpClient(new SocketsHttpHandler
        {
            EnableMultipleHttp2Connections = true,
            ConnectTimeout = TimeSpan.FromSeconds(2),
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
            UseCookies = false,
            UseProxy = false,
            // The trace context is written below from the grain call's own activity, not by the handler.
            ActivityHeadersPropagator = null,
        })
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };
    }

    public async Task<TResult> SendAsync<TResult>(SiloAddress target, GrainId grainId, GrainMethod<TResult> method, object?[] arguments, CancellationToken cancellationToken)
    {
        var content = new CallContent(Encode(grainId, method, arguments)) { Headers = { ContentType = Json } };
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(target.Endpoint, Path))
        {
            // h2c with prior knowledge: one multiplexed connection per peer, no TLS handshake on the private network.
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = content,
        };
        request.Headers.Add(ClusterSecret.HeaderName, _secret.Current);
        if (Activity.Current is { IdFormat: ActivityIdFormat.W3C } activity)
        {
            // W3C Trace Context: the home silo continues this trace (Activity.Id is the traceparent value).
            request.Headers.TryAddWithoutValidation(SiloTelemetry.TraceParentHeader, activity.Id);
            if (!string.IsNullOrEmpty(activity.TraceStateString))
            {
                request.Headers.TryAddWithoutValidation(SiloTelemetry.TraceStateHeader, activity.TraceStateString);
            }
        }

        HttpResponseMessage response;
        try
        {
            response = await _client.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
        }
        catch (HttpRequestException exception) when (exception.HttpRequestError is HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError || !content.Sent)
        {
            throw new SiloUnavailableException($"Silo {target} did not take the call (connection refused or lost before the call was sent).", exception);
        }
        catch (HttpRequestException exception)
        {
            // The request may have reached the grain: reporting, not retrying, keeps calls at most once.
            throw new GrainCallException($"Silo {target} failed during a call to {grainId}; the call may or may not have run.", exception);
        }

        using (response)
        {
            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            if (response.StatusCode == HttpStatusCode.OK)
            {
                return JsonSerializer.Deserialize<WireResult<TResult>>(body, _json)!.Result;
            }

            var error = TryReadError(body);
            throw error?.Code switch
            {
                WireError.SiloStopping => new SiloUnavailableException($"Silo {target} is stopping."),
                WireError.GrainException => RemoteExceptions.Recreate(error.Type, error.Message),
                WireError.CallTimeout => new GrainCallTimeoutException(error.Message),
                _ => new GrainCallException($"Silo {target} refused a call to {grainId}.{method.Id}: {(int)response.StatusCode} {error?.Message}", error?.Type),
            };
        }
    }

    public void Dispose() => _client.Dispose();

    private byte[] Encode(GrainId grainId, GrainMethod method, object?[] arguments)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("grain", grainId.Type);
            writer.WriteString("key", grainId.Key);
            writer.WriteString("method", method.Id);
            writer.WriteStartArray("args");
            for (var i = 0; i < arguments.Length; i++)
            {
                JsonSerializer.Serialize(writer, arguments[i], method.ParameterTypes[i], _json);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private WireError? TryReadError(byte[] body)
    {
        try
        {
            return JsonSerializer.Deserialize<WireErrorEnvelope>(body, _json)?.Error;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
