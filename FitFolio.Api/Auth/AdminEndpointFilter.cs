namespace FitFolio.Api.Auth;

/// <summary>Admin routes: 401 without a session, 403 (audited) for a session that is not an admin's.</summary>
public sealed class AdminEndpointFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var session = context.HttpContext.Features.Get<CurrentSession>();
        if (session is null)
        {
            return SessionEndpointFilter.NoSession(context.HttpContext);
        }

        return session.User.IsAdmin
            ? await next(context)
            : SecurityAudit.Forbidden(context.HttpContext, "forbidden", "This needs an administrator.");
    }
}
