namespace FitFolio.Api.Http;

/// <summary>
/// Serves the app's index.html for any GET that matched no endpoint and is not an API or health
/// path, so deep links such as /account/sessions load the app. Done after routing rather than as
/// a fallback route: a fallback route would also catch unknown /api requests (answering 405 or
/// HTML), where the API must answer its own JSON 404.
/// </summary>
public sealed class SpaFallbackMiddleware(RequestDelegate next, IWebHostEnvironment environment)
{
    public Task InvokeAsync(HttpContext context)
    {
        var path = context.Request.Path;
        if (context.GetEndpoint() is not null
            || !(HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method))
            || path.StartsWithSegments("/api", StringComparison.Ordinal)
            || path.StartsWithSegments("/healthz", StringComparison.Ordinal)
            || environment.WebRootFileProvider.GetFileInfo("index.html") is not { Exists: true } index)
        {
            return next(context);
        }

        context.Response.ContentType = "text/html; charset=utf-8";
        // The shell must never be cached: it names the current build's hashed assets.
        context.Response.Headers.CacheControl = "no-cache";
        return HttpMethods.IsHead(context.Request.Method) ? Task.CompletedTask : context.Response.SendFileAsync(index);
    }
}
