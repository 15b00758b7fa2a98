using FitFolio.Api.Auth;
using FitFolio.Api.ExternalSignIn;
using FitFolio.Api.Http;
using FitFolio.Grains.ExternalIdentities;
using FitFolio.Grains.Passkeys;
using FitFolio.Grains.Users;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace FitFolio.Api.Apis;

/// <summary>The account page's sign-in providers: the identities linked to the account, linking another, unlinking one.</summary>
public static partial class ExternalIdentitiesApi
{
    public static RouteGroupBuilder MapExternalIdentitiesApi(this RouteGroupBuilder api)
    {
        var identities = api.MapGroup("/account/external-identities").WithTags("Account");

        identities.MapGet("/", ListAsync)
            .RequireSession()
            .WithName("ListExternalIdentities")
            .WithSummary("List your linked sign-in providers")
            .WithDescription("The provider identities that sign in to this account: the provider, the address it vouched for, and when it was linked.")
            .Produces<ItemsResponse<ExternalIdentityView>>();

        // A POST with the CSRF token, not a link: a page elsewhere cannot start linking its own provider account to this session.
        identities.MapPost("/{provider}/link", StartLinkAsync)
            .WithoutIdempotencyKeys(IdempotencyKeyReasons.Credential)
            .RequireSession()
            .RequireRecentSignIn()
            .RateLimitPerIp("external-start-ip", rules => rules.ExternalStartPerIp)
            .WithName("StartProviderLink")
            .WithSummary("Link a sign-in provider")
            .WithDescription(
                "Starts the provider's flow in link mode and answers where to send the browser. The provider sends it back to the callback, "
                + "which links the identity to this account and returns to /account/providers?linked={provider}, or ?link_error=… "
                + "(linked_elsewhere, session_ended, denied, failed, replayed, refused). Needs a recent sign-in; the owner is mailed.")
            .Produces<ExternalLinkStartResponse>()
            .ProducesProblemBody(
                StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound, StatusCodes.Status429TooManyRequests, StatusCodes.Status503ServiceUnavailable);

        identities.MapDelete("/{provider}/{subject}", UnlinkAsync)
            .WithIdempotencyKeys()
            .RequireSession()
            .RequireRecentSignIn()
            .WithName("UnlinkExternalIdentity")
            .WithSummary("Unlink a sign-in provider")
            .WithDescription(
                "Unlinks the identity; the owner is mailed. 409 last_sign_in_method when it is the last way to sign in (email sign-in off, "
                + "no passkey, no other provider usable). Needs a recent sign-in.")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblemBody(StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);

        return identities;
    }

    private static async Task<IResult> ListAsync(HttpContext context, ExternalIdentityStore store, IOptions<ExternalSignInOptions> options)
    {
        var names = options.Value.Names();
        var linked = await store.ListAsync(context.Session().UserId, context.RequestAborted);
        return TypedResults.Ok(new ItemsResponse<ExternalIdentityView>(
            [.. linked.Select(i => new ExternalIdentityView(i.Provider, names.GetValueOrDefault(i.Provider, i.Provider), i.Subject, i.Email, i.LinkedAt))]));
    }

    private static async Task<IResult> StartLinkAsync(
        string provider, HttpContext context, IOptions<ExternalSignInOptions> options, ILogger<ExternalProvider> logger)
    {
        if (options.Value.Configured().FirstOrDefault(p => p.Id == provider) is not { } configured)
        {
            return Errors.NotFound(context, "No such sign-in provider.");
        }

        var properties = new AuthenticationProperties();
        properties.Items[ExternalSignInCompletion.FlowItem] = Guid.NewGuid().ToString("N");
        // The account the identity is for: the callback links it only while this browser is still signed in to it.
        properties.Items[ExternalSignInCompletion.LinkItem] = context.Session().UserId.ToString("N");
        try
        {
            await context.ChallengeAsync(configured.Scheme, properties);
        }
        catch (Exception exception) when (exception is InvalidOperationException or HttpRequestException or IOException)
        {
            LogUnavailable(logger, provider, exception.GetType().Name);
            context.Response.Headers.RetryAfter = Errors.UnavailableRetryAfterSeconds;
            return Errors.Result(
                context, StatusCodes.Status503ServiceUnavailable, "provider_unavailable", "The provider could not be reached. Try again shortly.");
        }

        // The handler answered with a redirect (and set the flow's cookies); the app navigates there itself, so the answer is JSON.
        var location = context.Response.Headers.Location.ToString();
        context.Response.Headers.Remove("Location");
        return TypedResults.Ok(new ExternalLinkStartResponse(location));
    }

    private static async Task<IResult> UnlinkAsync(string provider, string subject, HttpContext context, IGrainFactory grains)
    {
        var outcome = await grains.GetGrain<IUserGrain>(context.Session().GrainKey).UnlinkProvider(provider, subject, RequestOrigins.Of(context));
        return outcome switch
        {
            PasskeyChangeOutcome.Done => TypedResults.NoContent(),
            PasskeyChangeOutcome.NotFound => Errors.NotFound(context, "No such provider is linked to your account."),
            _ => Errors.Result(
                context,
                StatusCodes.Status409Conflict,
                "last_sign_in_method",
                "This provider is your only way to sign in. Add a passkey or turn email sign-in back on first."),
        };
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Warning, Message = "Linking {Provider} could not start: its configuration could not be read ({Failure})")]
    private static partial void LogUnavailable(ILogger logger, string provider, string failure);
}
