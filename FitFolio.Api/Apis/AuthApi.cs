using FitFolio.Api.Auth;
using FitFolio.Api.Http;
using FitFolio.Grains.Accounts;
using FitFolio.Grains.Audit;
using FitFolio.Grains.Common;
using FitFolio.Grains.SignIn;
using FitFolio.Grains.Users;
using FitFolio.Silo;
using Microsoft.Extensions.Options;

namespace FitFolio.Api.Apis;

/// <summary>Email sign-in (magic link and code), the signed-in user, and sign-out.</summary>
public static class AuthApi
{
    private const string InvalidCode = "invalid_or_expired";
    private const string InvalidMessage = "That link or code is not valid. It may have expired or been used already: ask for a new one.";

    public static RouteGroupBuilder MapAuthApi(this RouteGroupBuilder api)
    {
        var auth = api.MapGroup("/auth").WithTags("Sign-in").RefuseApiKeys();

        auth.MapPost("/magic-link/start", StartAsync)
            .WithName("StartMagicLink")
            .WithSummary("Emails a sign-in link and code. Always 202 with the same body, whether or not the address has an account.")
            .WithMetadata(new CsrfExemptAttribute())
            .Produces<MagicLinkStartResponse>(StatusCodes.Status202Accepted)
            .ProducesProblemBody(StatusCodes.Status400BadRequest, StatusCodes.Status429TooManyRequests);

        auth.MapPost("/magic-link/verify", VerifyAsync)
            .WithName("VerifyMagicLink")
            .WithSummary("Signs in with a link's token, or with an address and its 8-digit code. Starts a new session.")
            .Produces<SignedInResponse>()
            .ProducesProblemBody(StatusCodes.Status400BadRequest, StatusCodes.Status403Forbidden, StatusCodes.Status429TooManyRequests);

        auth.MapPost("/email/resend", ResendVerificationAsync)
            .WithName("ResendVerificationEmail")
            .WithSummary("Sends a new verification link to the signed-in user's unverified address.")
            .RequireSession()
            .Produces<MagicLinkStartResponse>(StatusCodes.Status202Accepted)
            .ProducesProblemBody(StatusCodes.Status409Conflict, StatusCodes.Status429TooManyRequests);

        auth.MapGet("/me", (HttpContext context) => TypedResults.Ok(context.Session().User))
            .WithName("GetMe")
            .WithSummary("The signed-in user.")
            .RequireSession();

        auth.MapPost("/logout", LogoutAsync)
            .WithName("Logout")
            .WithSummary("Ends this session on the server and removes its cookie.")
            .Produces(StatusCodes.Status204NoContent);

        return auth;
    }

    private static async Task<IResult> StartAsync(MagicLinkStartRequest request, HttpContext context, UserDirectory directory, IGrainFactory grains, RateLimits limits, IOptions<RateLimitOptions> rules)
    {
        if (!EmailAddress.TryParse(request.Email, out var email))
        {
            return Errors.BadRequest(context, "invalid_email", "Enter a valid email address.");
        }

        if (await limits.AcquireAsync(context, "magic-start-ip", RequestOrigins.ClientIp(context), rules.Value.MagicLinkStartPerIp) is { } ipRefusal)
        {
            return ipRefusal;
        }

        if (await limits.AcquireAsync(context, "magic-start-email", email.Value, rules.Value.MagicLinkStartPerEmail) is { } emailRefusal)
        {
            return emailRefusal;
        }

        var userId = await directory.FindOrCreateAsync(email, context.RequestAborted);
        await grains.GetGrain<IUserGrain>(userId.ToString("N")).IssueMagicLink("sign_in", RequestOrigins.Of(context));
        return TypedResults.Json(new MagicLinkStartResponse("sent"), statusCode: StatusCodes.Status202Accepted);
    }

    private static async Task<IResult> VerifyAsync(
        MagicLinkVerifyRequest request,
        HttpContext context,
        UserDirectory directory,
        MagicLinkStore links,
        IGrainFactory grains,
        RateLimits limits,
        AuditLog audit,
        SessionCookie cookies,
        CookieSettings cookieSettings,
        TimeProvider clock,
        IOptions<RateLimitOptions> rules)
    {
        if (await limits.AcquireAsync(context, "verify-ip", RequestOrigins.ClientIp(context), rules.Value.VerifyPerIp) is { } refusal)
        {
            return refusal;
        }

        var origin = RequestOrigins.OfSignIn(context, cookieSettings);
        SignInResult result;
        Guid userId;
        if (request.Token is not null)
        {
            var found = Secrets.IsWellFormedToken(request.Token) ? await links.FindByTokenAsync(Secrets.Digest(request.Token), clock.GetUtcNow(), context.RequestAborted) : null;
            if (found is not { Live: true } link)
            {
                var type = found is null ? AuditEventType.MagicLinkVerifiedFailure : AuditEventType.MagicLinkExpired;
                await audit.WriteAsync(new AuditEvent(type, found?.UserId, origin, new Dictionary<string, object?> { ["reason"] = found is null ? "unknown_token" : "used_or_expired" }));
                return Errors.BadRequest(context, InvalidCode, InvalidMessage);
            }

            userId = link.UserId;
            var (cookie, hash) = cookies.Issue(userId);
            result = await grains.GetGrain<IUserGrain>(userId.ToString("N")).SignInWithLink(link.LinkId, hash, origin);
            return await SignedInAsync(context, grains, result, cookie, cookieSettings);
        }

        var emailOk = EmailAddress.TryParse(request.Email, out var email);
        var codeOk = request.Code is { Length: 8 } code && code.All(char.IsAsciiDigit);
        if (!emailOk)
        {
            return Errors.BadRequest(context, InvalidCode, InvalidMessage);
        }

        if (await limits.CheckAsync(context, "code-fail-email", email.Value, rules.Value.CodeFailuresPerEmail) is { } locked)
        {
            return locked;
        }

        var found2 = await directory.FindAsync(email, context.RequestAborted);
        if (found2 is not { } id || !codeOk)
        {
            await limits.CountAsync("code-fail-email", email.Value, rules.Value.CodeFailuresPerEmail);
            await audit.WriteAsync(new AuditEvent(AuditEventType.CodeFailure, found2, origin, new Dictionary<string, object?> { ["reason"] = codeOk ? "unknown_email" : "malformed_code" }));
            return Errors.BadRequest(context, InvalidCode, InvalidMessage);
        }

        userId = id;
        var (codeCookie, codeHash) = cookies.Issue(userId);
        result = await grains.GetGrain<IUserGrain>(userId.ToString("N")).SignInWithCode(request.Code!, codeHash, origin);
        if (result.Outcome == SignInOutcome.Invalid)
        {
            await limits.CountAsync("code-fail-email", email.Value, rules.Value.CodeFailuresPerEmail);
        }

        return await SignedInAsync(context, grains, result, codeCookie, cookieSettings);
    }

    private static async Task<IResult> SignedInAsync(HttpContext context, IGrainFactory grains, SignInResult result, string cookie, CookieSettings settings)
    {
        switch (result.Outcome)
        {
            case SignInOutcome.SignedIn:
                await ReplacedSession.EndAsync(context, grains);
                settings.WriteSession(context.Response, cookie);
                return TypedResults.Ok(new SignedInResponse(result.User!));
            case SignInOutcome.Locked:
                return Errors.TooManyRequests(context, result.RetryAfter, "Too many wrong codes. Try again later, or use the link in the email.");
            default:
                return Errors.BadRequest(context, InvalidCode, InvalidMessage);
        }
    }

    private static async Task<IResult> ResendVerificationAsync(HttpContext context, IGrainFactory grains, RateLimits limits, IOptions<RateLimitOptions> rules)
    {
        var session = context.Session();
        if (session.User.EmailVerified)
        {
            return Errors.Result(context, StatusCodes.Status409Conflict, "already_verified", "Your email address is already verified.");
        }

        if (await limits.AcquireAsync(context, "magic-start-email", session.User.Email, rules.Value.MagicLinkStartPerEmail) is { } refusal)
        {
            return refusal;
        }

        await grains.GetGrain<IUserGrain>(session.GrainKey).IssueMagicLink("verify_email", RequestOrigins.Of(context));
        return TypedResults.Json(new MagicLinkStartResponse("sent"), statusCode: StatusCodes.Status202Accepted);
    }

    private static async Task<IResult> LogoutAsync(HttpContext context, IGrainFactory grains, CookieSettings settings)
    {
        if (context.Features.Get<CurrentSession>() is { } session)
        {
            await grains.GetGrain<IUserGrain>(session.GrainKey).Logout(session.SecretHash, RequestOrigins.Of(context));
        }

        settings.ClearSession(context.Response);
        return TypedResults.NoContent();
    }
}
