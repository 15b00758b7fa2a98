using FitFolio.Api.Auth;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace FitFolio.Api.OpenApi;

/// <summary>
/// The two ways into the API, declared once in the document's components: the session cookie a browser
/// holds after signing in (with the CSRF header its state-changing requests echo), and an API key sent as
/// <c>Authorization: Bearer ffk_…</c>. Cookie names come from <see cref="CookieSettings"/>, so the document
/// names the cookies this deployment really sets (<c>__Host-</c> prefixed over https).
/// </summary>
internal sealed class ApiSecuritySchemes(CookieSettings cookies) : IOpenApiDocumentTransformer
{
    public const string Session = "session";
    public const string Csrf = "csrf";
    public const string ApiKey = "apiKey";

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>(StringComparer.Ordinal);
        document.Components.SecuritySchemes[Session] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Cookie,
            Name = cookies.SessionName,
            Description = "The session cookie the app's sign-in sets (HttpOnly, SameSite=Lax). A browser on this origin sends it by itself.",
        };
        document.Components.SecuritySchemes[Csrf] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Header,
            Name = CsrfMiddleware.HeaderName,
            Description = $"State-changing requests made with the session cookie echo the `{cookies.CsrfName}` cookie (set on any response) "
                + "in this header and come from the app's own origin. Requests made with an API key skip this check.",
        };
        document.Components.SecuritySchemes[ApiKey] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = "ffk_…",
            Description = "An API key from Account → API keys, sent as `Authorization: Bearer ffk_…`. It acts for its owner with the scopes "
                + "it was created with (read, write), on the training and account-reading operations only.",
        };
        return Task.CompletedTask;
    }
}
