using System.Security.Cryptography;
using FitFolio.Api.Auth;
using FitFolio.Api.Http;
using FitFolio.Grains.Accounts;
using FitFolio.Grains.Audit;
using FitFolio.Grains.Passkeys;
using FitFolio.Grains.Users;

namespace FitFolio.Api.Apis;

/// <summary>
/// Passkeys (WebAuthn L3): registering one while signed in, signing in with one (after an email, or
/// usernameless), managing the list, and the switch that turns email sign-in off.
/// </summary>
public static class WebAuthnApi
{
    private const string StartPolicy = "webauthn-start-ip";
    private const string FinishPolicy = "webauthn-finish-ip";
    private const string UnknownCeremony = "unknown_ceremony";

    public static RouteGroupBuilder MapWebAuthnApi(this RouteGroupBuilder api)
    {
        var webauthn = api.MapGroup("/auth/webauthn").WithTags("Passkeys").RefuseApiKeys();

        webauthn.MapPost("/register/start", RegisterStartAsync)
            .WithoutIdempotencyKeys(IdempotencyKeyReasons.Credential)
            .WithName("StartPasskeyRegistration")
            .WithSummary("Start passkey registration")
            .WithDescription(
                "Creation options for a new passkey on the signed-in account (ES256/RS256, discoverable, user verification required). Needs a recent sign-in.")
            .RequireSession()
            .RequireRecentSignIn()
            .RateLimitPerIp(StartPolicy, rules => rules.WebAuthnStartPerIp)
            .Produces<PasskeyRegistrationStartResponse>()
            .ProducesProblemBody(StatusCodes.Status403Forbidden, StatusCodes.Status429TooManyRequests);

        webauthn.MapPost("/register/finish", RegisterFinishAsync)
            .WithoutIdempotencyKeys(IdempotencyKeyReasons.Credential)
            .WithName("FinishPasskeyRegistration")
            .WithSummary("Finish passkey registration")
            .WithDescription("Stores the new passkey, rotates the session cookie and tells the owner by mail. One try per start; needs a recent sign-in.")
            .RequireSession()
            .RequireRecentSignIn()
            .RateLimitPerIp(FinishPolicy, rules => rules.WebAuthnFinishPerIp)
            .Produces<PasskeyView>(StatusCodes.Status201Created)
            .ProducesProblemBody(StatusCodes.Status400BadRequest, StatusCodes.Status403Forbidden, StatusCodes.Status429TooManyRequests);

        webauthn.MapPost("/authenticate/start", AuthenticateStartAsync)
            .WithoutIdempotencyKeys(IdempotencyKeyReasons.Credential)
            .WithName("StartPasskeySignIn")
            .WithSummary("Start passkey sign-in")
            .WithDescription("Request options and a ceremony id. The answer has the same shape whether or not the email has an account.")
            .RateLimitPerIp(StartPolicy, rules => rules.WebAuthnStartPerIp)
            .Produces<PasskeyAuthenticationStartResponse>()
            .ProducesProblemBody(StatusCodes.Status400BadRequest, StatusCodes.Status429TooManyRequests);

        webauthn.MapPost("/authenticate/finish", AuthenticateFinishAsync)
            .WithoutIdempotencyKeys(IdempotencyKeyReasons.Credential)
            .WithName("FinishPasskeySignIn")
            .WithSummary("Finish passkey sign-in")
            .WithDescription("Verifies the assertion and starts a new session.")
            .RateLimitPerIp(FinishPolicy, rules => rules.WebAuthnFinishPerIp)
            .Produces<SignedInResponse>()
            .ProducesProblemBody(StatusCodes.Status400BadRequest, StatusCodes.Status403Forbidden, StatusCodes.Status429TooManyRequests);

        var credentials = webauthn.MapGroup("/credentials").RequireSession();

        credentials.MapGet("/", async (HttpContext context, IGrainFactory grains) =>
                TypedResults.Ok(new ItemsResponse<PasskeyView>(await UserGrain(context, grains).ListPasskeys())))
            .WithName("ListPasskeys")
            .WithSummary("List passkeys")
            .WithDescription("Your passkeys, oldest first.");

        credentials.MapPatch("/{id}", RenameAsync)
            .WithoutIdempotencyKeys(IdempotencyKeyReasons.SetsState)
            .WithName("RenamePasskey")
            .WithSummary("Rename a passkey")
            .WithDescription("Renames one of your passkeys (1 to 100 characters).")
            .Produces<PasskeyView>()
            .ProducesProblemBody(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound);

        credentials.MapDelete("/{id}", DeleteAsync)
            .WithoutIdempotencyKeys(IdempotencyKeyReasons.SetsState)
            .RequireRecentSignIn()
            .WithName("DeletePasskey")
            .WithSummary("Delete a passkey")
            .WithDescription("Deletes one of your passkeys; the last one only while email sign-in is on. Needs a recent sign-in.")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblemBody(StatusCodes.Status400BadRequest, StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);

        api.MapPut("/auth/email-sign-in", SetEmailSignInAsync)
            .WithoutIdempotencyKeys(IdempotencyKeyReasons.SetsState)
            .WithTags("Passkeys")
            .WithName("SetEmailSignIn")
            .WithSummary("Turn email sign-in on or off")
            .WithDescription(
                "Turns sign-in by emailed link and code on or off; off needs at least two passkeys and a recent sign-in, and answers new recovery codes.")
            .RequireSession()
            .Produces<EmailSignInResponse>()
            .ProducesProblemBody(StatusCodes.Status400BadRequest, StatusCodes.Status403Forbidden, StatusCodes.Status409Conflict);

        return webauthn;
    }

    private static async Task<IResult> RegisterStartAsync(HttpContext context, IGrainFactory grains)
    {
        var options = await UserGrain(context, grains).StartPasskeyRegistration(RequestOrigins.Of(context));
        return TypedResults.Ok(new PasskeyRegistrationStartResponse(options));
    }

    private static async Task<IResult> RegisterFinishAsync(
        PasskeyRegistrationFinishRequest request,
        HttpContext context,
        IGrainFactory grains,
        SessionCookie cookies,
        CookieSettings cookieSettings)
    {
        if (PasskeyRequests.CredentialJson(request.Credential) is not { } credential)
        {
            return PasskeyRequests.MissingCredential(context);
        }

        var name = PasskeyNames.Default(context.Request.Headers.UserAgent.ToString());
        if (request.Name is not null && !PasskeyNames.TryNormalize(request.Name, out name))
        {
            return InvalidName(context);
        }

        var session = context.Session();
        var (cookie, newHash) = cookies.Issue(session.UserId);
        var result = await grains.GetGrain<IUserGrain>(session.GrainKey)
            .FinishPasskeyRegistration(credential, name, session.SecretHash, newHash, RequestOrigins.Of(context));
        if (!result.Succeeded)
        {
            return result.FailureCode == PasskeyRegistrationResult.SessionEnded
                ? Errors.Unauthenticated(context)
                : Errors.BadRequest(context, result.FailureCode!, RegistrationMessage(result.FailureCode!));
        }

        cookieSettings.WriteSession(context.Response, cookie);
        return TypedResults.Json(result.Passkey, statusCode: StatusCodes.Status201Created);
    }

    private static async Task<IResult> AuthenticateStartAsync(
        PasskeyAuthenticationStartRequest? request,
        HttpContext context,
        IGrainFactory grains,
        PasskeyDirectory directory,
        AuditLog audit)
    {
        EmailAddress? email = null;
        if (request?.Email is not null)
        {
            if (!EmailAddress.TryParse(request.Email, out var parsed))
            {
                return Errors.BadRequest(context, "invalid_email", "Enter a valid email address, or leave it out to choose a passkey.");
            }

            email = parsed;
        }

        // With an email the ceremony is bound to that account: a passkey of anyone else is refused
        // (§7.2 step 6). An address without an account or without passkeys gets a random handle that
        // no credential carries, and the options look exactly alike: allowCredentials is always empty
        // (every FitFolio passkey is discoverable), so nothing tells the cases apart.
        byte[]? userHandle = null;
        if (email is { } address)
        {
            userHandle = await directory.FindUserHandleAsync(address, context.RequestAborted) ?? RandomNumberGenerator.GetBytes(32);
        }

        var ceremonyId = PasskeyRequests.NewCeremonyId();
        var options = await grains.GetGrain<IPasskeyCeremonyGrain>(ceremonyId).Begin(userHandle);
        await audit.WriteAsync(new AuditEvent(AuditEventType.WebAuthnAuthStart, null, RequestOrigins.Of(context), new Dictionary<string, object?>
        {
            ["mode"] = email is null ? "usernameless" : "email",
            ["ceremony_id"] = ceremonyId,
        }));
        return TypedResults.Ok(new PasskeyAuthenticationStartResponse(ceremonyId, options));
    }

    private static async Task<IResult> AuthenticateFinishAsync(
        PasskeyAuthenticationFinishRequest request,
        HttpContext context,
        IGrainFactory grains,
        PasskeyDirectory directory,
        AuditLog audit,
        SessionCookie cookies,
        CookieSettings cookieSettings,
        TimeProvider clock)
    {
        var origin = RequestOrigins.OfSignIn(context, cookieSettings);
        // Taken before anything else is looked at: whatever follows, this challenge has had its one try.
        var ceremony = PasskeyRequests.IsWellFormedCeremonyId(request.CeremonyId)
            ? await grains.GetGrain<IPasskeyCeremonyGrain>(request.CeremonyId!).Take()
            : null;
        if (ceremony is null)
        {
            return await RefuseAsync(context, audit, null, UnknownCeremony);
        }

        if (clock.GetUtcNow() >= ceremony.ExpiresAt)
        {
            return await RefuseAsync(context, audit, null, PasskeyFailureReason.ChallengeExpired.ToCode());
        }

        if (PasskeyRequests.CredentialJson(request.Credential) is not { } credential)
        {
            return PasskeyRequests.MissingCredential(context);
        }

        Guid? owner;
        try
        {
            owner = await directory.FindOwnerAsync(AuthenticationResponse.Parse(credential).CredentialId.ToArray(), context.RequestAborted);
        }
        catch (PasskeyVerificationException e)
        {
            return await RefuseAsync(context, audit, null, e.Code);
        }

        if (owner is not { } userId)
        {
            return await RefuseAsync(context, audit, null, PasskeySignInResult.UnknownCredential);
        }

        var (cookie, hash) = cookies.Issue(userId);
        var result = await grains.GetGrain<IUserGrain>(userId.ToString("N")).SignInWithPasskey(ceremony, credential, hash, origin);
        switch (result.Outcome)
        {
            case SignInOutcome.SignedIn:
                await ReplacedSession.EndAsync(context, grains);
                cookieSettings.WriteSession(context.Response, cookie);
                return TypedResults.Ok(new SignedInResponse(result.User!));
            case SignInOutcome.Locked:
                context.Response.Headers.RetryAfter = Errors.RetryAfterSeconds(result.RetryAfter);
                return Errors.Result(
                    context,
                    StatusCodes.Status429TooManyRequests,
                    result.FailureCode!,
                    "Too many failed passkey sign-ins. Try again later, or sign in by email.");
            default:
                return result.FailureCode == PasskeySignInResult.AccountLocked
                    ? Errors.Result(context, StatusCodes.Status403Forbidden, result.FailureCode, "This account is locked. Contact support.")
                    : Errors.BadRequest(context, result.FailureCode!, SignInMessage);
        }
    }

    private static async Task<IResult> RenameAsync(string id, PasskeyRenameRequest request, HttpContext context, IGrainFactory grains)
    {
        if (!Guid.TryParse(id, out var passkeyId))
        {
            return InvalidId(context);
        }

        if (!PasskeyNames.TryNormalize(request.Name, out var name))
        {
            return InvalidName(context);
        }

        var renamed = await UserGrain(context, grains).RenamePasskey(passkeyId, name, RequestOrigins.Of(context));
        return renamed is null ? Errors.NotFound(context, "You have no passkey with that id.") : TypedResults.Ok(renamed);
    }

    private static async Task<IResult> DeleteAsync(string id, HttpContext context, IGrainFactory grains)
    {
        if (!Guid.TryParse(id, out var passkeyId))
        {
            return InvalidId(context);
        }

        return await UserGrain(context, grains).DeletePasskey(passkeyId, RequestOrigins.Of(context)) switch
        {
            PasskeyChangeOutcome.Done => TypedResults.NoContent(),
            PasskeyChangeOutcome.NotFound => Errors.NotFound(context, "You have no passkey with that id."),
            _ => Errors.Result(
                context,
                StatusCodes.Status409Conflict,
                "last_sign_in_method",
                "This is your only way to sign in. Turn email sign-in back on or add another passkey first."),
        };
    }

    private static async Task<IResult> SetEmailSignInAsync(EmailSignInRequest request, HttpContext context, IGrainFactory grains)
    {
        if (request.Enabled is not { } enabled)
        {
            return Errors.BadRequest(context, "invalid_request", "Say whether email sign-in is enabled: {\"enabled\": true|false}.");
        }

        // Turning a way in off is the sensitive direction; turning it back on never locks anyone out.
        if (!enabled && RecentSignIn.Refusal(context) is { } refusal)
        {
            return refusal;
        }

        var change = await UserGrain(context, grains).SetEmailSignIn(enabled, RequestOrigins.Of(context));
        return change.Outcome == PasskeyChangeOutcome.Done
            ? TypedResults.Ok(EmailSignInResponse.From(change.User, change.RecoveryCodes))
            : Errors.Result(
                context,
                StatusCodes.Status409Conflict,
                "needs_two_passkeys",
                "Add a second passkey before turning email sign-in off, so losing one device does not lock you out.");
    }

    private static IUserGrain UserGrain(HttpContext context, IGrainFactory grains) => grains.GetGrain<IUserGrain>(context.Session().GrainKey);

    private static async Task<IResult> RefuseAsync(HttpContext context, AuditLog audit, Guid? userId, string code)
    {
        await audit.WriteAsync(
            new AuditEvent(AuditEventType.WebAuthnAuthFailure, userId, RequestOrigins.Of(context), new Dictionary<string, object?> { ["reason"] = code }));
        return Errors.BadRequest(context, code, code == UnknownCeremony ? "This sign-in has expired or was already tried. Start again." : SignInMessage);
    }

    private static IResult InvalidName(HttpContext context) =>
        Errors.BadRequest(context, "invalid_name", "A passkey name is 1 to 100 characters, without control characters.");

    private static IResult InvalidId(HttpContext context) => Errors.BadRequest(context, "invalid_id", "A passkey id is a UUID.");

    private const string SignInMessage = "That passkey could not sign you in. Try again, or sign in by email.";

    private static string RegistrationMessage(string code) => code switch
    {
        PasskeyRegistrationResult.NoPendingCeremony => "This passkey setup has expired or was already tried. Start again.",
        PasskeyRegistrationResult.AlreadyRegistered => "This passkey is already registered.",
        _ => "The passkey could not be verified. Start again.",
    };
}
