using FitFolio.Api.Auth;
using FitFolio.Api.Http;
using FitFolio.Grains.Accounts;
using FitFolio.Grains.Recovery;
using FitFolio.Grains.SignIn;
using FitFolio.Grains.Users;

namespace FitFolio.Api.Apis;

/// <summary>
/// Recovery codes for passkey-only accounts: signing in with one (once), how many are left, and a new set.
/// Turning email sign-in off issues the first set (<c>PUT /auth/email-sign-in</c>).
/// </summary>
public static class RecoveryCodesApi
{
    private const string InvalidCode = "invalid_recovery_code";
    private const string InvalidMessage = "That address and recovery code do not sign in. Check the code, or use another one.";

    public static RouteGroupBuilder MapRecoveryCodesApi(this RouteGroupBuilder api)
    {
        var recovery = api.MapGroup("/auth/recovery-codes").WithTags("Recovery codes").RefuseApiKeys();

        recovery.MapPost("/verify", VerifyAsync)
            .WithoutIdempotencyKeys(IdempotencyKeyReasons.Credential)
            .WithName("SignInWithRecoveryCode")
            .WithSummary("Sign in with a recovery code")
            .WithDescription("Signs in once with an address and one of its recovery codes; ends every other session and mails the owner. "
                + "The same 400 for every wrong, used, unknown or malformed pair; five failures lock the address's recovery path.")
            .RateLimitPerIp("recovery-verify-ip", rules => rules.VerifyPerIp)
            .Produces<RecoveryCodeSignedInResponse>()
            .ProducesProblemBody(StatusCodes.Status400BadRequest, StatusCodes.Status429TooManyRequests);

        recovery.MapGet("/", async (HttpContext context, IGrainFactory grains) =>
            {
                var status = await grains.GetGrain<IUserGrain>(context.Session().GrainKey).GetRecoveryCodeStatus();
                return TypedResults.Ok(new RecoveryCodeStatusResponse(status.Remaining, status.IssuedAt));
            })
            .WithName("GetRecoveryCodeStatus")
            .WithSummary("Get recovery code status")
            .WithDescription("How many of your recovery codes are left, and when the set was issued. The codes themselves are never shown again.")
            .RequireSession();

        recovery.MapPost("/", async (HttpContext context, IGrainFactory grains) =>
            {
                var codes = await grains.GetGrain<IUserGrain>(context.Session().GrainKey).IssueRecoveryCodes(RequestOrigins.Of(context));
                return TypedResults.Json(new RecoveryCodesResponse(codes), statusCode: StatusCodes.Status201Created);
            })
            .WithName("RegenerateRecoveryCodes")
            .WithoutIdempotencyKeys(IdempotencyKeyReasons.Credential)
            .WithSummary("Issue new recovery codes")
            .WithDescription($"Issues {RecoveryCodes.Count} new recovery codes, shown this once; every earlier code stops working. Needs a recent sign-in.")
            .RequireSession()
            .RequireRecentSignIn()
            .Produces<RecoveryCodesResponse>(StatusCodes.Status201Created)
            .ProducesProblemBody(StatusCodes.Status403Forbidden);

        return recovery;
    }

    private static async Task<IResult> VerifyAsync(
        RecoveryCodeVerifyRequest request,
        HttpContext context,
        IGrainFactory grains,
        SessionCookie cookies,
        CookieSettings cookieSettings)
    {
        if (!EmailAddress.TryParse(request.Email, out var email))
        {
            return Errors.BadRequest(context, InvalidCode, InvalidMessage);
        }

        // One grain per address, whether or not an account has it: a malformed code is counted like a
        // wrong one, so only a matching code (which only the owner has) goes on to an account.
        var origin = RequestOrigins.OfSignIn(context, cookieSettings);
        var code = RecoveryCodes.TryNormalize(request.Code, out var normalized) ? normalized : "";
        var check = await grains.GetGrain<IRecoveryCodeGrain>(email.Value).Check(code, origin);
        switch (check.Outcome)
        {
            case EmailCodeOutcome.Locked:
                return Errors.TooManyRequests(context, check.RetryAfter, "Too many wrong recovery codes. Try again later.");
            case EmailCodeOutcome.Matched:
                var (cookie, hash) = cookies.Issue(check.UserId!.Value);
                var signIn = await grains.GetGrain<IUserGrain>(check.UserId.Value.ToString("N")).SignInWithRecoveryCode(check.CodeId!.Value, hash, origin);
                if (signIn.Result.Outcome != SignInOutcome.SignedIn)
                {
                    return Errors.BadRequest(context, InvalidCode, InvalidMessage);
                }

                await ReplacedSession.EndAsync(context, grains);
                cookieSettings.WriteSession(context.Response, cookie);
                return TypedResults.Ok(new RecoveryCodeSignedInResponse(signIn.Result.User!, signIn.Remaining, PasskeyRequested: true));
            default:
                return Errors.BadRequest(context, InvalidCode, InvalidMessage);
        }
    }
}
