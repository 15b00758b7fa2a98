using FitFolio.Grains.Sessions;

namespace FitFolio.Api.Auth;

/// <summary>
/// Admin routes: 401 without a session, 403 (audited) for a session that is not an admin's, and 403
/// <see cref="PasskeyRequired"/> (audited) for an admin's session whose most recent proof was not a passkey.
/// </summary>
public sealed class AdminEndpointFilter : IEndpointFilter
{
    /// <summary>The code the app answers by asking the admin to add a passkey, or to confirm with one.</summary>
    public const string PasskeyRequired = "admin_passkey_required";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var session = context.HttpContext.Features.Get<CurrentSession>();
        if (session is null)
        {
            return SessionEndpointFilter.NoSession(context.HttpContext);
        }

        if (!session.User.IsAdmin)
        {
            return SecurityAudit.Forbidden(context.HttpContext, "forbidden", "This needs an administrator.");
        }

        // An admin's cookie can lock anyone out, so it must rest on a phishing-resistant proof made in
        // this session: whoever reads the admin's mailbox, or holds a cookie that mailbox signed in,
        // gets no further than this.
        return session.AuthenticatedWith == SessionProof.Passkey
            ? await next(context)
            : SecurityAudit.Forbidden(
                context.HttpContext,
                PasskeyRequired,
                "Administrators confirm with a passkey: add one to your account if you have none, then confirm it is you with it.");
    }
}
