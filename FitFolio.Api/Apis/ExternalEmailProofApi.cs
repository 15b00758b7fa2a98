using FitFolio.Api.Auth;
using FitFolio.Api.ExternalSignIn;
using FitFolio.Api.Http;
using FitFolio.Grains.Accounts;

namespace FitFolio.Api.Apis;

/// <summary>
/// A provider sign-in without an address the provider vouched for: the person names an address and opens the link mailed to it in the
/// same browser (<see cref="ExternalEmailProof"/>).
/// </summary>
public static class ExternalEmailProofApi
{
    private const string ExpiredMessage = "This sign-in has expired or was already finished. Sign in with the provider again.";

    public static RouteGroupBuilder MapExternalEmailProofApi(this RouteGroupBuilder api)
    {
        var email = api.MapGroup("/auth/external/email").WithTags("Sign-in").RefuseApiKeys();

        email.MapPost("/send", SendAsync)
            .WithoutIdempotencyKeys(IdempotencyKeyReasons.SendsMail)
            .WithName("SendProviderEmailLink")
            .WithSummary("Prove an address for a provider sign-in")
            .WithDescription(
                "For the provider identity waiting in this browser (its provider vouched for no address): mails a link to the address. "
                + "Always 202 with the same body whether or not the address has an account; an account with an owner is mailed the "
                + "owner's confirmation instead (after the answer, so its timing is the same too). 400 invalid_or_expired when nothing "
                + "waits in this browser.")
            .RateLimitPerIp("magic-start-ip", rules => rules.MagicLinkStartPerIp)
            .Produces<MagicLinkStartResponse>(StatusCodes.Status202Accepted)
            .ProducesProblemBody(StatusCodes.Status400BadRequest, StatusCodes.Status429TooManyRequests, StatusCodes.Status503ServiceUnavailable);

        email.MapPost("/confirm", ConfirmAsync)
            .WithoutIdempotencyKeys(IdempotencyKeyReasons.Credential)
            .WithName("ConfirmProviderEmail")
            .WithSummary("Finish a provider sign-in by link")
            .WithDescription(
                "Follows the mailed link, in the browser that asked for it: creates the account (or takes one nobody proved yet), links the "
                + "provider identity and starts a session. Single use; expires like a sign-in link. 409 account_exists when the address "
                + "got an owner meanwhile.")
            .RateLimitPerIp("verify-ip", rules => rules.VerifyPerIp)
            .Produces<SignedInResponse>()
            .ProducesProblemBody(StatusCodes.Status400BadRequest, StatusCodes.Status409Conflict, StatusCodes.Status429TooManyRequests);

        return email;
    }

    private static async Task<IResult> SendAsync(ExternalEmailProofRequest request, HttpContext context, ExternalEmailProof proof, RateLimits limits)
    {
        if (!EmailAddress.TryParse(request.Email, out var email))
        {
            return Errors.BadRequest(context, "invalid_email", "Enter a valid email address.");
        }

        if (await limits.AcquireMailQuotaAsync(context, email.Value) is { } refusal)
        {
            return refusal;
        }

        // Whether anything waits depends on this browser only, never on the address; what the address decides is done after the
        // answer. The answers, and their timing, cannot tell accounts apart.
        return await proof.SendAsync(context, email, RequestOrigins.Of(context)) switch
        {
            ExternalEmailProof.Sending.Queued => TypedResults.Json(new MagicLinkStartResponse("sent"), statusCode: StatusCodes.Status202Accepted),
            ExternalEmailProof.Sending.Unavailable => Errors.Unavailable(context),
            _ => Errors.BadRequest(context, "invalid_or_expired", ExpiredMessage),
        };
    }

    private static async Task<IResult> ConfirmAsync(
        ExternalLinkConfirmRequest request, HttpContext context, ExternalEmailProof proof, CookieSettings cookieSettings)
    {
        var (outcome, user) = await proof.ConfirmAsync(context, request.Token, RequestOrigins.OfSignIn(context, cookieSettings));
        return outcome switch
        {
            ExternalEmailProof.Outcome.SignedIn => TypedResults.Ok(new SignedInResponse(user!)),
            ExternalEmailProof.Outcome.AccountExists => Errors.Result(
                context,
                StatusCodes.Status409Conflict,
                "account_exists",
                "This address belongs to an account now. Sign in to it and link the provider from your account page."),
            ExternalEmailProof.Outcome.Refused => Errors.BadRequest(context, "refused", "This sign-in was refused."),
            _ => Errors.BadRequest(context, "invalid_or_expired", "This link has expired, was already used, or was opened in another browser."),
        };
    }
}
