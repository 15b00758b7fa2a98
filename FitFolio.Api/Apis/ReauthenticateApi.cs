using FitFolio.Api.Auth;
using FitFolio.Api.Http;
using FitFolio.Grains.Passkeys;
using FitFolio.Grains.Users;

namespace FitFolio.Api.Apis;

/// <summary>
/// A fresh passkey assertion inside a session, for the sensitive changes that need a recent
/// sign-in. The ceremony is bound to the session's own account, so only its passkeys can answer;
/// people without a passkey sign in again by email instead.
/// </summary>
public static class ReauthenticateApi
{
    private const string StartPolicy = "reauth-start-user";
    private const string FinishPolicy = "reauth-finish-user";

    public static RouteGroupBuilder MapReauthenticateApi(this RouteGroupBuilder api)
    {
        var reauth = api.MapGroup("/auth/reauthenticate").WithTags("Passkeys").RequireSession();

        reauth.MapPost("/start", StartAsync)
            .WithoutIdempotencyKeys(IdempotencyKeyReasons.Credential)
            .WithName("StartReauthentication")
            .WithSummary("Start re-authentication")
            .WithDescription("Request options for a passkey assertion that renews this session's recent sign-in. 409 without a passkey.")
            .RateLimitPerAccount(StartPolicy, rules => rules.WebAuthnStartPerIp)
            .Produces<PasskeyAuthenticationStartResponse>()
            .ProducesProblemBody(StatusCodes.Status409Conflict, StatusCodes.Status429TooManyRequests);

        reauth.MapPost("/finish", FinishAsync)
            .WithoutIdempotencyKeys(IdempotencyKeyReasons.Credential)
            .WithName("FinishReauthentication")
            .WithSummary("Finish re-authentication")
            .WithDescription(
                "Verifies the assertion and rotates the session cookie; sensitive changes are allowed for the next 10 minutes, admin routes while the session lasts.")
            .RateLimitPerAccount(FinishPolicy, rules => rules.WebAuthnFinishPerIp)
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblemBody(StatusCodes.Status400BadRequest, StatusCodes.Status401Unauthorized, StatusCodes.Status429TooManyRequests);

        return reauth;
    }

    private static async Task<IResult> StartAsync(HttpContext context, IGrainFactory grains)
    {
        var session = context.Session();
        var handle = await grains.GetGrain<IUserGrain>(session.GrainKey).GetWebAuthnUserHandle();
        if (handle is null)
        {
            return Errors.Result(context, StatusCodes.Status409Conflict, "no_passkey", "You have no passkey yet: sign in again by email to confirm it is you.");
        }

        var ceremonyId = PasskeyRequests.NewCeremonyId();
        var options = await grains.GetGrain<IPasskeyCeremonyGrain>(ceremonyId).Begin(handle);
        return TypedResults.Ok(new PasskeyAuthenticationStartResponse(ceremonyId, options));
    }

    private static async Task<IResult> FinishAsync(
        PasskeyAuthenticationFinishRequest request,
        HttpContext context,
        IGrainFactory grains,
        SessionCookie cookies,
        CookieSettings cookieSettings,
        TimeProvider clock)
    {
        var session = context.Session();
        var ceremony = PasskeyRequests.IsWellFormedCeremonyId(request.CeremonyId)
            ? await grains.GetGrain<IPasskeyCeremonyGrain>(request.CeremonyId!).Take()
            : null;
        if (ceremony is null || clock.GetUtcNow() >= ceremony.ExpiresAt)
        {
            return Errors.BadRequest(context, "unknown_ceremony", "This confirmation has expired or was already tried. Start again.");
        }

        // A usernameless ceremony (from the sign-in page) cannot stand in for this account's own.
        if (ceremony.UserHandle is null)
        {
            return Errors.BadRequest(context, "unknown_ceremony", "This confirmation has expired or was already tried. Start again.");
        }

        if (PasskeyRequests.CredentialJson(request.Credential) is not { } credential)
        {
            return PasskeyRequests.MissingCredential(context);
        }

        // A confirmed session gets a new secret (ASVS 5.0 §7.2.4): the old cookie stops working here.
        var (cookie, newHash) = cookies.Issue(session.UserId);
        var result = await grains.GetGrain<IUserGrain>(session.GrainKey)
            .ReauthenticateWithPasskey(ceremony, credential, session.SecretHash, newHash, RequestOrigins.Of(context));
        switch (result.Outcome)
        {
            case SignInOutcome.SignedIn:
                cookieSettings.WriteSession(context.Response, cookie);
                return TypedResults.NoContent();
            case SignInOutcome.Locked:
                context.Response.Headers.RetryAfter = Errors.RetryAfterSeconds(result.RetryAfter);
                return Errors.Result(
                    context,
                    StatusCodes.Status429TooManyRequests,
                    result.FailureCode!,
                    "Too many failed passkey attempts. Try again later, or sign in again by email.");
            default:
                return result.FailureCode == PasskeySignInResult.SessionEnded
                    ? Errors.Unauthenticated(context)
                    : Errors.BadRequest(context, result.FailureCode!, "That passkey could not confirm it is you. Try again, or sign in again by email.");
        }
    }
}
