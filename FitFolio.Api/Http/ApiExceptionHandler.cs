using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Npgsql;
using StackExchange.Redis;

namespace FitFolio.Api.Http;

/// <summary>
/// The last line: any exception becomes a JSON error. Bad input is a 4xx naming the problem;
/// an unavailable dependency is a 503 the client may retry; anything else is a 500 that says
/// nothing about internals (the log has the detail, tied by the request id).
/// </summary>
public sealed partial class ApiExceptionHandler(ILogger<ApiExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        // A body of the wrong type (reps "abc", weight as an object) fails while binding, before any endpoint
        // code runs; the serializer's path names the field at fault, so the app can point at it.
        var field = exception is BadHttpRequestException { InnerException: JsonException json } ? FieldOf(json) : null;
        var (status, code, message) = exception switch
        {
            BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } => (413, "payload_too_large", "The request body is too large."),
            BadHttpRequestException { InnerException: JsonException } when field is not null => (400, "invalid_json", $"{field} has the wrong type or format."),
            BadHttpRequestException { InnerException: JsonException } => (400, "invalid_json", "The request body is not valid JSON of the expected shape."),
            BadHttpRequestException bad => (bad.StatusCode, "invalid_request", "The request is malformed."),
            JsonException => (400, "invalid_json", "The request body is not valid JSON of the expected shape."),
            // A JSON body in a charset .NET does not know ("application/json; charset=nonsense") fails while binding, found by the route fuzz.
            InvalidOperationException or ArgumentException when HasUnknownCharset(context.Request.ContentType) =>
                (415, "unsupported_media_type", "Send JSON with Content-Type: application/json (UTF-8)."),
            // PostgreSQL's data exceptions (class 22) are about a value sent, never about the database being away: a NUL in a
            // search, found by the route fuzz. Validation should catch them first; this keeps one that slips through a 400.
            _ when IsDataException(exception) => (400, "invalid_value", "A value in the request cannot be stored or searched for (such as a NUL)."),
            _ when IsUnavailable(exception) => (503, Errors.UnavailableCode, Errors.UnavailableMessage),
            OperationCanceledException when context.RequestAborted.IsCancellationRequested => (499, "client_closed", "The client closed the request."),
            _ => (500, "internal_error", "Something went wrong on our side."),
        };

        if (status >= 500)
        {
            LogUnhandled(exception, context.Request.Method, context.Request.Path);
        }

        if (context.Response.HasStarted)
        {
            return false;
        }

        context.Response.Clear();
        context.Response.Headers[RequestIdMiddleware.HeaderName] = context.TraceIdentifier;
        if (status == 503)
        {
            context.Response.Headers.RetryAfter = Errors.UnavailableRetryAfterSeconds;
        }

        await Errors.WriteAsync(context, status, code, message, field);
        return true;
    }

    private const string LookupFailed = "Lookup failed for ";

    /// <summary>
    /// Retryable: PostgreSQL out of reach (also when Orleans' grain storage wraps its error), a silo gone mid-call, a
    /// call refused while membership changes, no answer in time, a stale activation's write refused (Orleans drops
    /// the activation, so the retry reads the newer state), or Redis down when a call needs a new activation
    /// (RUNBOOK.md, "Redis is down").
    /// </summary>
    private static bool IsUnavailable(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is NpgsqlException or TimeoutException or SiloUnavailableException or OrleansMessageRejectionException
                or Orleans.Storage.InconsistentStateException or RedisException)
            {
                return true;
            }

            // A grain-directory lookup that failed (Redis down, RUNBOOK.md) reaches the caller as a bare OrleansException,
            // "Lookup failed for <grain> : <Redis' error as text>", with no inner exception (measured on Orleans 10.4.2).
            if (current.GetType() == typeof(OrleansException) && current.Message.StartsWith(LookupFailed, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsDataException(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is PostgresException { SqlState: ['2', '2', _, _, _] })
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether the body declares a charset .NET has no encoding for.</summary>
    private static bool HasUnknownCharset(string? contentType)
    {
        if (!Microsoft.Net.Http.Headers.MediaTypeHeaderValue.TryParse(contentType, out var mediaType) || mediaType.Charset.Value is not { } charset)
        {
            return false;
        }

        try
        {
            System.Text.Encoding.GetEncoding(charset.Trim('"'));
            return false;
        }
        catch (ArgumentException)
        {
            return true;
        }
    }

    /// <summary><c>$.sets[2].reps</c> becomes <c>sets[2].reps</c>; the root or no path names no field.</summary>
    private static string? FieldOf(JsonException json) =>
        json.Path is { Length: > 2 } path && path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : null;

    [LoggerMessage(EventId = 1, Level = LogLevel.Error, Message = "Request {Method} {Path} failed")]
    private partial void LogUnhandled(Exception exception, string method, string path);
}
