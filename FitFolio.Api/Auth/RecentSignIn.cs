using FitFolio.Grains.Users;
using Microsoft.Extensions.Options;

namespace FitFolio.Api.Auth;

/// <summary>
/// Sensitive changes (adding or deleting a passkey, creating an API key, turning email sign-in off, changing
/// the email address, deleting the account) need a sign-in or passkey re-check within
/// <see cref="AuthOptions.RecentSignInWindow"/> (ASVS 5.0 §7.5.3): a session cookie stolen hours
/// later cannot lock the owner out or take the account.
/// </summary>
public static class RecentSignIn
{
    public const string ErrorCode = "reauthentication_required";

    /// <summary>Null when the session signed in recently enough; otherwise the 403 to return.</summary>
    public static IResult? Refusal(HttpContext context)
    {
        var session = context.Session();
        var options = context.RequestServices.GetRequiredService<IOptions<AuthOptions>>().Value;
        var now = context.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
        return now - session.AuthenticatedAt <= options.RecentSignInWindow
            ? null
            : SecurityAudit.Forbidden(context, ErrorCode, "Confirm it is you: use your passkey, or sign in again by email, then retry.");
    }

    /// <summary>Requires a session whose sign-in is recent; place after RequireSession().</summary>
    public static TBuilder RequireRecentSignIn<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (context, next) => Refusal(context.HttpContext) ?? await next(context));
}
