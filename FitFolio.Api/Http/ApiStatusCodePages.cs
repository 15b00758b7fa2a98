using Microsoft.AspNetCore.Diagnostics;

namespace FitFolio.Api.Http;

/// <summary>Gives the bodiless 4xx answers the framework produces (415, 405, 404 …) the API's JSON error body.</summary>
public static class ApiStatusCodePages
{
    public static Task WriteAsync(StatusCodeContext context)
    {
        var http = context.HttpContext;
        if (!http.Request.Path.StartsWithSegments("/api", StringComparison.Ordinal))
        {
            return Task.CompletedTask;
        }

        var (code, message) = http.Response.StatusCode switch
        {
            StatusCodes.Status404NotFound => ("not_found", "There is no such API route."),
            StatusCodes.Status405MethodNotAllowed => ("method_not_allowed", "This route does not accept that method."),
            StatusCodes.Status415UnsupportedMediaType => ("unsupported_media_type", "Send JSON with Content-Type: application/json."),
            StatusCodes.Status413PayloadTooLarge => ("payload_too_large", "The request body is too large."),
            var status when status >= 500 => ("internal_error", "Something went wrong on our side."),
            _ => ("invalid_request", "The request is malformed."),
        };
        return Errors.WriteAsync(http, http.Response.StatusCode, code, message);
    }
}
