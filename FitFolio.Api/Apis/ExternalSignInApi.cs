using FitFolio.Api.Auth;
using FitFolio.Api.ExternalSignIn;
using FitFolio.Api.Http;
using FitFolio.Grains.Audit;
using FitFolio.Grains.Common;
using FitFolio.Grains.ExternalIdentities;
using FitFolio.Grains.Users;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace FitFolio.Api.Apis;

/// <summary>Sign-in with an external provider: which are on, and starting a flow (the callback is answered by the provider's handler).</summary>
public static partial class ExternalSignInApi
{
    public static RouteGroupBuilder MapExternalSignInApi(this RouteGroupBuilder api)
    {
        var auth = api.MapGroup("/auth").WithTags("Sign-in").RefuseApiKeys();

        auth.MapGet("/providers", (IOptions<ExternalSignInOptions> options) =>
                TypedResults.Ok(new ItemsResponse<ExternalProviderView>([.. options.Value.Configured().Select(View)])))
            .WithName("ListSignInProviders")
            .WithSummary("List the sign-in providers")
            .WithDescription("The external providers configured on this server (Google, an OpenID Connect provider); empty when none is.");

        auth.MapGet("/external/{provider}/start", StartAsync)
            .WithName("StartProviderSignIn")
            .WithSummary("Sign in with a provider")
            .WithDescription(
                "Redirects the browser to the provider (authorization code with PKCE, state and nonce). The provider sends it back to "
                + "/api/v1/auth/external/{provider}/callback, which starts a session and redirects into the app, to /signin/provider-email when "
                + "the provider vouched for no address, or to /signin?external_error=… (denied, failed, replayed, account_exists, link_mailed, "
                + "refused, unavailable).")
            .RateLimitPerIp("external-start-ip", rules => rules.ExternalStartPerIp)
            .Produces(StatusCodes.Status302Found)
            .ProducesProblemBody(StatusCodes.Status404NotFound, StatusCodes.Status429TooManyRequests);

        auth.MapPost("/external/link/confirm", ConfirmLinkAsync)
            .WithName("ConfirmProviderLink")
            .WithSummary("Confirm linking a provider")
            .WithDescription(
                "Follows the link mailed to an account's owner when a provider identity claimed the account's address: links that identity "
                + "and starts a new session. Single use; expires like a sign-in link.")
            .RateLimitPerIp("verify-ip", rules => rules.VerifyPerIp)
            .WithoutIdempotencyKeys(IdempotencyKeyReasons.Credential)
            .Produces<SignedInResponse>()
            .ProducesProblemBody(StatusCodes.Status400BadRequest, StatusCodes.Status429TooManyRequests);

        return auth;
    }

    private static async Task<IResult> ConfirmLinkAsync(
        ExternalLinkConfirmRequest request,
        HttpContext context,
        ExternalLinkStore links,
        IGrainFactory grains,
        AuditLog audit,
        SessionCookie cookies,
        CookieSettings cookieSettings,
        TimeProvider clock)
    {
        var origin = RequestOrigins.OfSignIn(context, cookieSettings);
        var found = Secrets.IsWellFormedToken(request.Token)
            ? await links.FindByTokenAsync(Secrets.Digest(request.Token!), clock.GetUtcNow(), context.RequestAborted)
            : null;
        if (found is { Live: true } link)
        {
            var (cookie, hash) = cookies.Issue(link.UserId);
            try
            {
                var result = await grains.GetGrain<IUserGrain>(link.UserId.ToString("N")).ConfirmProviderLink(link.Id, hash, origin);
                if (result.Outcome == SignInOutcome.SignedIn)
                {
                    await ReplacedSession.EndAsync(context, grains);
                    cookieSettings.WriteSession(context.Response, cookie);
                    return TypedResults.Ok(new SignedInResponse(result.User!));
                }
            }
            catch (UnknownUserException)
            {
                // The account was deleted after the link was mailed: it leads nowhere.
            }
        }
        else
        {
            await audit.WriteAsync(new AuditEvent(
                AuditEventType.ExternalSignInFailure,
                found?.UserId,
                origin,
                new Dictionary<string, object?> { ["reason"] = found is null ? "unknown_link" : "used_or_expired" }));
        }

        return Errors.BadRequest(context, "invalid_or_expired", "This link has expired or was already used. Sign in with the provider again for a new one.");
    }

    private static ExternalProviderView View(ExternalProvider provider) => new(provider.Id, provider.DisplayName, $"/api/v1/auth/external/{provider.Id}/start");

    private static async Task<IResult> StartAsync(
        string provider, HttpContext context, IOptions<ExternalSignInOptions> options, ILogger<ExternalProvider> logger)
    {
        if (options.Value.Configured().FirstOrDefault(p => p.Id == provider) is not { } configured)
        {
            return Errors.NotFound(context, "No such sign-in provider.");
        }

        var properties = new AuthenticationProperties { RedirectUri = "/" };
        properties.Items[ExternalSignInCompletion.FlowItem] = Guid.NewGuid().ToString("N");
        try
        {
            await context.ChallengeAsync(configured.Scheme, properties);
            return Results.Empty;
        }
        catch (Exception exception) when (exception is InvalidOperationException or HttpRequestException or IOException)
        {
            // The provider's discovery document could not be fetched or read: the provider is down or answering garbage.
            LogUnavailable(logger, provider, exception.GetType().Name);
            return Results.Redirect($"{ExternalSignInCompletion.ErrorPage}?external_error=unavailable");
        }
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Warning, Message = "Sign-in with {Provider} could not start: its configuration could not be read ({Failure})")]
    private static partial void LogUnavailable(ILogger logger, string provider, string failure);
}
