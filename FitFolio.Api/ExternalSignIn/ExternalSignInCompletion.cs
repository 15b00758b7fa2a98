using System.Globalization;
using System.Security.Claims;
using FitFolio.Api.Auth;
using FitFolio.Grains.Accounts;
using FitFolio.Grains.Audit;
using FitFolio.Grains.Common;
using FitFolio.Grains.ExternalIdentities;
using FitFolio.Grains.Users;
using Microsoft.AspNetCore.Authentication;

namespace FitFolio.Api.ExternalSignIn;

/// <summary>
/// The end of a provider's flow, once its handler proved the answer (state, correlation cookie, PKCE, nonce, ID token): the flow is claimed
/// once across the cluster, the identity is found by (provider, subject) or, under the linking rules, made, and the user grain starts the
/// session as every sign-in does. The browser always leaves with a redirect: into the app, or to the sign-in page with an error code.
/// </summary>
public sealed partial class ExternalSignInCompletion(
    ExternalIdentityStore identities,
    ExternalEmailProof emailProof,
    UserDirectory directory,
    IGrainFactory grains,
    SessionCookie sessionCookies,
    CookieSettings cookieSettings,
    TimeProvider clock,
    ILogger<ExternalSignInCompletion> logger)
{
    /// <summary>The property naming a flow: a random id carried inside the protected state, claimed once when the flow ends.</summary>
    public const string FlowItem = "fitfolio.flow";

    /// <summary>
    /// The property of a flow started from the account page to link a provider: the id of the signed-in account the identity is for.
    /// </summary>
    public const string LinkItem = "fitfolio.link";

    /// <summary>Where the app shows why a provider sign-in did not work (<c>?external_error=</c> one of the codes below).</summary>
    public const string ErrorPage = "/signin";

    /// <summary>Where a link-mode flow ends: <c>?linked={provider}</c>, or <c>?link_error=</c> one of the codes below.</summary>
    public const string AccountPage = "/account/providers";

    public async Task CompleteAsync(TicketReceivedContext context, ExternalProvider provider)
    {
        context.HandleResponse();
        var http = context.HttpContext;
        var linking = IsLinking(context.Properties);
        var error = await SignInAsync(http, provider, context.Principal!, context.Properties!, context.Options.RemoteAuthenticationTimeout);
        if (error?.StartsWith(ExternalEmailProof.AddressPage, StringComparison.Ordinal) == true)
        {
            // Not a failure: the identity waits for an address (audited as it was recorded).
            http.Response.Redirect(error);
            return;
        }

        if (error is null)
        {
            http.Response.Redirect(linking ? $"{AccountPage}?linked={provider.Id}" : "/");
            return;
        }

        await SecurityAudit.WriteAsync(http, AuditEventType.ExternalSignInFailure, null, new Dictionary<string, object?>
        {
            ["provider"] = provider.Id,
            ["reason"] = error,
        });
        http.Response.Redirect(ErrorLocation(linking, error));
    }

    /// <summary>Whatever went wrong in the protocol: a forged or replayed state, a nonce that does not match, the provider down or answering garbage.</summary>
    public async Task FailAsync(RemoteFailureContext context, ExternalProvider provider)
    {
        context.HandleResponse();
        // Both handlers put the provider's error code in the failure's data (OpenIdConnectProtocolException, AuthenticationFailureException).
        var denied = context.Failure?.Data["error"] as string == "access_denied";
        var reason = denied ? "denied" : "failed";
        LogFailure(logger, provider.Id, context.Failure?.GetType().Name ?? "none", context.Failure?.Message ?? "");
        await SecurityAudit.WriteAsync(context.HttpContext, AuditEventType.ExternalSignInFailure, null, new Dictionary<string, object?>
        {
            ["provider"] = provider.Id,
            ["reason"] = reason,
        });
        context.Response.Redirect(ErrorLocation(IsLinking(context.Properties), reason));
    }

    private static bool IsLinking(AuthenticationProperties? properties) => properties?.Items.ContainsKey(LinkItem) == true;

    private static string ErrorLocation(bool linking, string error) => linking ? $"{AccountPage}?link_error={error}" : $"{ErrorPage}?external_error={error}";

    /// <summary>Null when signed in; the address page when the provider vouched for no address; otherwise the error code the sign-in page explains.</summary>
    private async Task<string?> SignInAsync(
        HttpContext http, ExternalProvider provider, ClaimsPrincipal principal, AuthenticationProperties properties, TimeSpan lifetime)
    {
        var now = clock.GetUtcNow();
        if (!properties.Items.TryGetValue(FlowItem, out var flow) || !Guid.TryParse(flow, out var flowId)
            || !await identities.ClaimFlowAsync(flowId, now, lifetime, http.RequestAborted))
        {
            return "replayed";
        }

        if (principal.FindFirstValue("sub") is not { Length: > 0 } subject)
        {
            return "failed";
        }

        var verified = string.Equals(principal.FindFirstValue("email_verified"), "true", StringComparison.OrdinalIgnoreCase);
        var email = verified && EmailAddress.TryParse(principal.FindFirstValue("email"), out var address) ? address : (EmailAddress?)null;
        var authTime = long.TryParse(principal.FindFirstValue("auth_time"), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : (DateTimeOffset?)null;
        var identity = new ExternalIdentityClaim(provider.Id, subject, email?.Value, authTime);
        var origin = RequestOrigins.OfSignIn(http, cookieSettings);
        if (properties.Items.TryGetValue(LinkItem, out var linkFor))
        {
            return await LinkAsync(http, identity, linkFor, origin);
        }

        SignInResult result;
        Guid userId;
        if (await identities.FindUserAsync(provider.Id, subject, http.RequestAborted) is { } linked)
        {
            userId = linked;
            var (cookie, hash) = sessionCookies.Issue(userId);
            result = await grains.GetGrain<IUserGrain>(userId.ToString("N")).SignInWithProvider(identity, hash, origin);
            return await FinishAsync(http, result, cookie);
        }

        if (email is not { } vouched)
        {
            // Nothing is created on an address the provider did not vouch for: the person proves one by a mailed link first.
            return await emailProof.BeginAsync(http, identity, origin);
        }

        var account = await identities.FindAccountAsync(vouched, http.RequestAborted);
        if (account is { Verified: true } owned)
        {
            // Never linked on the provider's word alone: the address's owner may not be the provider account's. The owner says so by
            // being signed in to the account in this browser, or by following the link mailed to the address.
            var owner = grains.GetGrain<IUserGrain>(owned.Id.ToString("N"));
            if (http.Features.Get<CurrentSession>() is { } current && current.UserId == owned.Id)
            {
                return await owner.LinkProvider(identity, origin) ? null : "refused";
            }

            return await owner.RequestProviderLink(identity, origin) ? "link_mailed" : "account_exists";
        }

        userId = account?.Id ?? await directory.FindOrCreateAsync(vouched, http.RequestAborted);
        var (newCookie, newHash) = sessionCookies.Issue(userId);
        result = await grains.GetGrain<IUserGrain>(userId.ToString("N")).SignUpWithProvider(identity, newHash, origin);
        return await FinishAsync(http, result, newCookie);
    }

    /// <summary>
    /// A flow started from the account page: the identity joins the account that started it, whatever address the provider shows (the
    /// owner proved themselves by a recent sign-in to start it), as long as this browser is still signed in to that account.
    /// </summary>
    private async Task<string?> LinkAsync(HttpContext http, ExternalIdentityClaim identity, string? linkFor, RequestOrigin origin)
    {
        if (http.Features.Get<CurrentSession>() is not { } current || current.UserId.ToString("N") != linkFor)
        {
            return "session_ended";
        }

        var owner = await identities.FindUserAsync(identity.Provider, identity.Subject, http.RequestAborted);
        if (owner == current.UserId)
        {
            return null;
        }

        if (owner is not null)
        {
            return "linked_elsewhere";
        }

        return await grains.GetGrain<IUserGrain>(current.GrainKey).LinkProvider(identity, origin) ? null : "refused";
    }

    private async Task<string?> FinishAsync(HttpContext http, SignInResult result, string cookie)
    {
        if (result.Outcome != SignInOutcome.SignedIn)
        {
            return "refused";
        }

        await ReplacedSession.EndAsync(http, grains);
        cookieSettings.WriteSession(http.Response, cookie);
        return null;
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Sign-in with {Provider} failed in the protocol: {Failure}: {Reason}")]
    private static partial void LogFailure(ILogger logger, string provider, string failure, string reason);
}
