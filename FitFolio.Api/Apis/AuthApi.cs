using FitFolio.Api.Auth;
using FitFolio.Api.Http;
using FitFolio.Grains.Accounts;
using FitFolio.Grains.Audit;
using FitFolio.Grains.Common;
using FitFolio.Grains.SignIn;
using FitFolio.Grains.Users;

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
            .WithoutIdempotencyKeys(IdempotencyKeyReasons.Anonymous)
            .WithName("StartMagicLink")
            .WithSummary("Email a sign-in link")
            .WithDescription("Emails a sign-in link and code. Always 202 with the same body, whether or not the address has an account.")
            .WithMetadata(new CsrfExemptAttribute())
            .RateLimitPerIp("magic-start-ip", rules => rules.MagicLinkStartPerIp)
            .Produces<MagicLinkStartResponse>(StatusCodes.Status202Accepted)
            .ProducesProblemBody(StatusCodes.Status400BadRequest, StatusCodes.Status429TooManyRequests, StatusCodes.Status503ServiceUnavailable);

        auth.MapPost("/magic-link/verify", VerifyAsync)
            .WithoutIdempotencyKeys(IdempotencyKeyReasons.Credential)
            .WithName("VerifyMagicLink")
            .WithSummary("Sign in with a link or code")
            .WithDescription("Signs in with a link's token, or with an address and its 8-digit code. Starts a new session.")
            .RateLimitPerIp("verify-ip", rules => rules.VerifyPerIp)
            .Produces<SignedInResponse>()
            .ProducesProblemBody(StatusCodes.Status400BadRequest, StatusCodes.Status403Forbidden, StatusCodes.Status429TooManyRequests);

        auth.MapPost("/email/resend", ResendVerificationAsync)
            .WithoutIdempotencyKeys(IdempotencyKeyReasons.SendsMail)
            .WithName("ResendVerificationEmail")
            .WithSummary("Resend the verification email")
            .WithDescription("Sends a new verification link to the signed-in user's unverified address.")
            .RequireSession()
            .Produces<MagicLinkStartResponse>(StatusCodes.Status202Accepted)
            .ProducesProblemBody(StatusCodes.Status409Conflict, StatusCodes.Status429TooManyRequests);

        // The profile itself, not TypedResults.Ok: the framework writes a returned value with the serializer metadata it
        // resolved at start-up, where Ok's ExecuteAsync resolves a logger and the JSON options from RequestServices on every
        // request, which makes a DI scope for it (bench/README.md, "The session check's CPU, second pass").
        auth.MapGet("/me", (HttpContext context) => context.Session().User)
            .WithName("GetMe")
            .WithSummary("Get the signed-in user")
            .WithDescription("The signed-in user.")
            .RequireSession();

        auth.MapPost("/logout", LogoutAsync)
            .WithoutIdempotencyKeys(IdempotencyKeyReasons.Credential)
            .WithName("Logout")
            .WithSummary("Sign out")
            .WithDescription("Ends this session on the server and removes its cookie.")
            .Produces(StatusCodes.Status204NoContent);

        return auth;
    }

    private static async Task<IResult> StartAsync(MagicLinkStartRequest request, HttpContext context, RateLimits limits, SignInMailQueue queue)
    {
        if (!EmailAddress.TryParse(request.Email, out var email))
        {
            return Errors.BadRequest(context, "invalid_email", "Enter a valid email address.");
        }

        if (await limits.AcquireMailQuotaAsync(context, email.Value) is { } refusal)
        {
            return refusal;
        }

        // Nothing about the account is looked at before the answer: finding or creating it and
        // mailing the link (or auditing why not) happen after the 202, so the answer takes as long
        // for a new address as for a live, locked or passkey-only account.
        if (!await queue.TryEnqueueAsync(new SignInMailRequest(email, RequestOrigins.Of(context)), context.RequestAborted))
        {
            return Errors.Unavailable(context);
        }

        return TypedResults.Json(new MagicLinkStartResponse("sent"), statusCode: StatusCodes.Status202Accepted);
    }

    private static async Task<IResult> VerifyAsync(
        MagicLinkVerifyRequest request,
        HttpContext context,
        MagicLinkStore links,
        IGrainFactory grains,
        AuditLog audit,
        SessionCookie cookies,
        CookieSettings cookieSettings,
        TimeProvider clock)
    {
        var origin = RequestOrigins.OfSignIn(context, cookieSettings);
        SignInResult result;
        if (request.Token is not null)
        {
            var found = Secrets.IsWellFormedToken(request.Token)
                ? await links.FindByTokenAsync(Secrets.Digest(request.Token), clock.GetUtcNow(), context.RequestAborted)
                : null;
            if (found is not { Live: true } link)
            {
                var type = found is null ? AuditEventType.MagicLinkVerifiedFailure : AuditEventType.MagicLinkExpired;
                await audit.WriteAsync(new AuditEvent(
                    type, found?.UserId, origin, new Dictionary<string, object?> { ["reason"] = found is null ? "unknown_token" : "used_or_expired" }));
                return Errors.BadRequest(context, InvalidCode, InvalidMessage);
            }

            var (cookie, hash) = cookies.Issue(link.UserId);
            result = await grains.GetGrain<IUserGrain>(link.UserId.ToString("N")).SignInWithLink(link.LinkId, hash, origin);
            return await SignedInAsync(context, grains, result, cookie, cookieSettings);
        }

        if (!EmailAddress.TryParse(request.Email, out var email))
        {
            return Errors.BadRequest(context, InvalidCode, InvalidMessage);
        }

        // One grain per address, whether or not an account has it, takes the same steps for every
        // address: only a matching code (which only the mailbox's owner has) goes on to an account.
        var code = request.Code is { Length: 8 } digits && digits.All(char.IsAsciiDigit) ? digits : "";
        var check = await grains.GetGrain<IEmailCodeGrain>(email.Value).Check(code, origin);
        switch (check.Outcome)
        {
            case EmailCodeOutcome.Locked:
                return Errors.TooManyRequests(context, check.RetryAfter, "Too many wrong codes. Try again later, or use the link in the email.");
            case EmailCodeOutcome.Matched:
                var (codeCookie, codeHash) = cookies.Issue(check.UserId!.Value);
                result = await grains.GetGrain<IUserGrain>(check.UserId.Value.ToString("N")).SignInWithCode(check.LinkId!.Value, codeHash, origin);
                return await SignedInAsync(context, grains, result, codeCookie, cookieSettings);
            default:
                return Errors.BadRequest(context, InvalidCode, InvalidMessage);
        }
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

    private static async Task<IResult> ResendVerificationAsync(HttpContext context, IGrainFactory grains, RateLimits limits)
    {
        var session = context.Session();
        if (session.User.EmailVerified)
        {
            return Errors.Result(context, StatusCodes.Status409Conflict, "already_verified", "Your email address is already verified.");
        }

        if (await limits.AcquireMailQuotaAsync(context, session.User.Email) is { } refusal)
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
