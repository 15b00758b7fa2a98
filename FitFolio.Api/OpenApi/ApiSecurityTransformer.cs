using FitFolio.Api.Auth;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace FitFolio.Api.OpenApi;

/// <summary>
/// Gives every operation the security requirements its filters enforce, read from the endpoint's
/// <see cref="AcceptedCredentials"/> metadata and the CSRF rule itself (<see cref="CsrfMiddleware.Guards"/>),
/// and says the same in words at the end of its description. An operation anyone may call gets one empty
/// requirement (<c>security: [{}]</c>): no credentials, stated rather than left out.
/// </summary>
internal sealed class ApiSecurityTransformer : IOpenApiOperationTransformer
{
    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var accepted = context.Description.ActionDescriptor.EndpointMetadata.OfType<AcceptedCredentials>().ToList();
        var signedIn = accepted.Exists(a => a.SignedIn);
        var apiKey = signedIn && accepted.TrueForAll(a => a.ApiKey);
        var scope = accepted.Aggregate(ApiScope.None, (all, a) => all | a.Scope);
        var csrf = context.CsrfGuarded();

        var cookie = new OpenApiSecurityRequirement();
        if (signedIn)
        {
            cookie[new OpenApiSecuritySchemeReference(ApiSecuritySchemes.Session, context.Document)] = [];
        }

        if (csrf)
        {
            cookie[new OpenApiSecuritySchemeReference(ApiSecuritySchemes.Csrf, context.Document)] = [];
        }

        // The API key first where one is accepted: viewers draw their examples from the first requirement, and
        // a person reading the reference is calling from a script, where the key is the way in.
        operation.Security = apiKey
            ? [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(ApiSecuritySchemes.ApiKey, context.Document)] = [] }, cookie]
            : [cookie];

        operation.Description = $"{operation.Description}\n\n{Credentials(signedIn, apiKey, scope, csrf, accepted.Count > 0)}".Trim();
        return Task.CompletedTask;
    }

    private static string Credentials(bool signedIn, bool apiKey, ApiScope scope, bool csrf, bool refusesKeys)
    {
        var who = (signedIn, apiKey) switch
        {
            (true, true) => $"**Credentials:** the session cookie, or an API key (`Authorization: Bearer ffk_…`) with the `{Scopes(scope)}` scope.",
            (true, false) => "**Credentials:** the session cookie of a signed-in browser; an API key is refused (403 `api_key_not_allowed`).",
            (false, _) when refusesKeys => "**Credentials:** none; a request that carries an API key is refused (403 `api_key_not_allowed`).",
            _ => "**Credentials:** none.",
        };
        return csrf
            ? who + " Made with the cookies, it also sends `X-CSRF-Token` (the CSRF cookie's value) from the app's own origin."
            : who;
    }

    private static string Scopes(ApiScope scope) => scope == ApiScope.None ? "read" : string.Join("` and `", scope.ToString().ToLowerInvariant().Split(", "));
}
