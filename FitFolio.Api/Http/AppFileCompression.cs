using Microsoft.AspNetCore.ResponseCompression;

namespace FitFolio.Api.Http;

/// <summary>
/// Brotli (or gzip) for the app's own files from the web root: the sign-in page's JavaScript is ~400 KB as built and
/// ~127 KB compressed, which on a phone's slow connection is most of its first paint (Lighthouse, bench/README.md).
/// Only requests outside <c>/api</c> are compressed (the app's files, its index.html, health): API answers carry secrets
/// (CSRF tokens, one-time secrets) next to what a request echoes, which compression would expose to a BREACH-style
/// guess; the app's files hold neither.
/// </summary>
public static class AppFileCompression
{
    /// <summary>The defaults plus what the app ships that they miss: JavaScript as .NET names it, SVG icons, the manifest.</summary>
    private static readonly string[] MimeTypes = [.. ResponseCompressionDefaults.MimeTypes, "text/javascript", "image/svg+xml", "application/manifest+json"];

    public static IServiceCollection AddAppFileCompression(this IServiceCollection services) =>
        services.AddResponseCompression(options =>
        {
            // The files are public and the same for everyone, so HTTPS changes nothing about what compression could reveal.
            options.EnableForHttps = true;
            options.MimeTypes = MimeTypes;
        });
}
