namespace FitFolio.Api.Http;

/// <summary>
/// Refuses (400 <c>non_canonical_path</c>) a path that has more than one spelling, before static
/// files, limits, sessions, API keys or CSRF look at it. Routing matches literal segments ignoring
/// case, while every protection asks <c>StartsWithSegments("/api", Ordinal)</c>: without this,
/// <c>POST /API/v1/auth/logout</c> reached the endpoint with no CSRF check. Refusing, rather than
/// rewriting or comparing case-insensitively everywhere, leaves exactly one spelling that reaches
/// anything, so each path test stays a plain prefix test that agrees with routing by construction.
/// Refused: an <c>api</c> first segment in any other case (compared as routing compares), an empty
/// segment (<c>//</c>), a backslash, and an encoded slash or backslash (Kestrel decodes everything
/// but <c>%2F</c>). Dot segments need nothing here: Kestrel removes them, encoded or not, before the
/// path exists (RFC 3986 §5.2.4), so routing and every test see the same resolved path. No link or
/// client of ours sends any of these.
/// </summary>
public sealed class CanonicalPathMiddleware(RequestDelegate next)
{
    private const string Api = "api";

    public Task InvokeAsync(HttpContext context) =>
        IsCanonical(context.Request.Path.Value ?? "")
            ? next(context)
            : Errors.WriteAsync(
                context,
                StatusCodes.Status400BadRequest,
                "non_canonical_path",
                "This address is not spelled the way FitFolio's are; use the path exactly as documented.");

    private static bool IsCanonical(string path)
    {
        if (path.Contains("//", StringComparison.Ordinal)
            || path.Contains('\\', StringComparison.Ordinal)
            || path.Contains("%2F", StringComparison.OrdinalIgnoreCase)
            || path.Contains("%5C", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var first = path.AsSpan(path.StartsWith('/') ? 1 : 0);
        var end = first.IndexOf('/');
        first = end < 0 ? first : first[..end];
        return !first.Equals(Api, StringComparison.OrdinalIgnoreCase) || first.Equals(Api, StringComparison.Ordinal);
    }
}
