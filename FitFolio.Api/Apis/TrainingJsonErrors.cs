using System.Text.Json;

namespace FitFolio.Api.Apis;

/// <summary>
/// A training request body of the wrong type (reps "abc", weight as an object) fails while binding,
/// before any endpoint code runs; this names the field at fault from the serializer's path, so the
/// app can point at it. Everything else is left to the API's exception handler.
/// </summary>
public sealed class TrainingJsonErrors(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context);
        }
        catch (BadHttpRequestException e) when (e.InnerException is JsonException json && !context.Response.HasStarted)
        {
            var field = json.Path is { Length: > 2 } path && path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : null;
            context.Response.Clear();
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            await context.Response.WriteAsJsonAsync(new TrainingApiErrorBody(new TrainingApiError(
                "invalid_json", field is null ? "The request body is not valid JSON of the expected shape." : $"{field} has the wrong type or format.",
                context.TraceIdentifier, field)));
        }
    }
}
