using FitFolio.Api.Http;

namespace FitFolio.Api.Auth;

/// <summary>
/// Lets a request through when it acts for a person (<see cref="CurrentUser"/>) holding
/// <paramref name="scope"/>: 401 when nobody is signed in, 403 when an API key lacks the scope.
/// </summary>
public sealed class UserEndpointFilter(ApiScope scope) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var user = context.HttpContext.Features.Get<CurrentUser>();
        if (user is null)
        {
            return Errors.Unauthenticated(context.HttpContext);
        }

        return (user.Scopes & scope) == scope
            ? await next(context)
            : SecurityAudit.Forbidden(context.HttpContext, "insufficient_scope", $"This API key lacks the '{scope.ToString().ToLowerInvariant()}' scope.");
    }
}
