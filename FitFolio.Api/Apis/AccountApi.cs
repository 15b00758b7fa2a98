using FitFolio.Grains.Common.Paging;
using FitFolio.Api.Auth;
using FitFolio.Api.Http;
using FitFolio.Grains.Accounts;
using FitFolio.Grains.Admin;
using FitFolio.Grains.ApiKeys;
using FitFolio.Grains.Audit;
using FitFolio.Grains.Common;
using FitFolio.Grains.ExternalIdentities;
using FitFolio.Grains.Training;
using FitFolio.Grains.Users;

namespace FitFolio.Api.Apis;

/// <summary>The account itself: who am I (also for API keys), change the address, export everything, delete everything.</summary>
public static class AccountApi
{
    private const int MaxExportedEvents = 10_000;

    public static RouteGroupBuilder MapAccountApi(this RouteGroupBuilder api)
    {
        var account = api.MapGroup("/account").WithTags("Account");

        account.MapGet("/", async (HttpContext context, IGrainFactory grains) =>
                TypedResults.Ok(await grains.GetGrain<IUserGrain>(context.CurrentUser().GrainKey).GetProfile()))
            .RequireUser(ApiScope.Read)
            .WithName("GetAccount")
            .WithSummary("Get your account")
            .WithDescription("The account this session or API key acts for.")
            .Produces<UserProfile>();

        account.MapPost("/email-change", RequestEmailChangeAsync)
            .WithoutIdempotencyKeys(IdempotencyKeyReasons.SendsMail)
            .RequireSession()
            .RequireRecentSignIn()
            .WithName("RequestEmailChange")
            .WithSummary("Request an email change")
            .WithDescription("Mails a confirmation link to the new address; the account keeps its address until the link is followed. Needs a recent sign-in.")
            .Produces(StatusCodes.Status202Accepted)
            .ProducesProblemBody(StatusCodes.Status400BadRequest, StatusCodes.Status403Forbidden, StatusCodes.Status409Conflict);

        account.MapPost("/email-change/confirm", ConfirmEmailChangeAsync)
            .WithIdempotencyKeys()
            .WithMetadata(new SignedOutIdempotencyCaller(EmailChangeLinkHolderAsync))
            .RefuseApiKeys()
            .WithName("ConfirmEmailChange")
            .WithSummary("Confirm an email change")
            .WithDescription(
                "Follows the link mailed to the new address: the address changes, the old one is told, links mailed to it stop working, and with endOtherSessions every other session ends.")
            .Produces<UserProfile>()
            .ProducesProblemBody(StatusCodes.Status400BadRequest, StatusCodes.Status409Conflict);

        // A POST, so the CSRF check applies: a cross-site link or image cannot make the browser download someone's data.
        account.MapPost("/export", ExportAsync)
            .WithoutIdempotencyKeys(IdempotencyKeyReasons.ChangesNothing)
            .RequireSession()
            .WithName("ExportAccount")
            .WithSummary("Export your data")
            .WithDescription("Everything FitFolio holds about you, as one JSON file (POST with the CSRF token).")
            .Produces<AccountExport>()
            .ProducesProblemBody(StatusCodes.Status403Forbidden);

        account.MapDelete("/", DeleteAsync)
            .WithoutIdempotencyKeys(IdempotencyKeyReasons.Credential)
            .RequireSession()
            .RequireRecentSignIn()
            .WithName("DeleteAccount")
            .WithSummary("Delete your account")
            .WithDescription("Deletes the account and all its data and ends every session and API key everywhere. Needs a recent sign-in.")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblemBody(StatusCodes.Status403Forbidden);

        return account;
    }

    private static async Task<IResult> RequestEmailChangeAsync(EmailChangeRequest request, HttpContext context, IGrainFactory grains)
    {
        if (!EmailAddress.TryParse(request.NewEmail, out var address))
        {
            return Errors.BadRequest(context, "invalid_email", "Enter a valid email address.");
        }

        var outcome = await grains.GetGrain<IUserGrain>(context.Session().GrainKey).RequestEmailChange(address, RequestOrigins.Of(context));
        return outcome == EmailChangeOutcome.SameAddress
            ? Errors.Result(context, StatusCodes.Status409Conflict, "same_email", "That is already your address.")
            : Results.Accepted();
    }

    /// <summary>
    /// The link is often followed in a browser signed in to nothing (the phone's mail app): then it is the link that proves
    /// the caller, and a keyed confirmation is keyed by it (<c>email-change:&lt;id&gt;</c>), so a retry whose first answer was
    /// lost gets that answer, not "already used", and only the link's holder can have it replayed. The handler looks the
    /// link up again: one indexed read, on a rare route, so that it reads the same whether or not a key came.
    /// </summary>
    private static async ValueTask<IdempotencyCaller?> EmailChangeLinkHolderAsync(EndpointFilterInvocationContext context)
    {
        var services = context.HttpContext.RequestServices;
        return context.Arguments.OfType<EmailChangeConfirmRequest>().FirstOrDefault() is { } request
            && await FindLinkAsync(request, services.GetRequiredService<EmailChangeStore>(), services.GetRequiredService<TimeProvider>(),
                context.HttpContext.RequestAborted) is { } link
            ? new IdempotencyCaller($"email-change:{link.ChangeId:N}", link.UserId)
            : null;
    }

    private static async Task<(Guid ChangeId, Guid UserId, bool Live)?> FindLinkAsync(
        EmailChangeConfirmRequest request, EmailChangeStore changes, TimeProvider clock, CancellationToken cancellationToken) =>
        Secrets.IsWellFormedToken(request.Token) ? await changes.FindByTokenAsync(Secrets.Digest(request.Token!), clock.GetUtcNow(), cancellationToken) : null;

    private static async Task<IResult> ConfirmEmailChangeAsync(
        EmailChangeConfirmRequest request, HttpContext context, EmailChangeStore changes, IGrainFactory grains, AuditLog audit, TimeProvider clock)
    {
        var found = await FindLinkAsync(request, changes, clock, context.RequestAborted);
        var outcome = EmailChangeOutcome.InvalidLink;
        Guid? userId = null;
        if (found is { Live: true } change)
        {
            userId = change.UserId;
            try
            {
                var grain = grains.GetGrain<IUserGrain>(change.UserId.ToString("N"));
                // The confirming browser keeps its session only when it is one of this account's own.
                var keep = context.Features.Get<CurrentSession>() is { } current && current.UserId == change.UserId ? current.SecretHash : null;
                outcome = await grain.ConfirmEmailChange(change.ChangeId, request.EndOtherSessions == true, keep, RequestOrigins.Of(context));
                if (outcome == EmailChangeOutcome.Done)
                {
                    return TypedResults.Ok(await grain.GetProfile());
                }
            }
            catch (UnknownUserException)
            {
                // The account was deleted after asking: the link leads nowhere.
            }
        }

        if (outcome == EmailChangeOutcome.AddressTaken)
        {
            return Errors.Result(
                context, StatusCodes.Status409Conflict, "email_taken", "Another account uses that address now. Ask for the change again with a different one.");
        }

        await audit.WriteAsync(new AuditEvent(
            AuditEventType.EmailChangeFailed,
            userId,
            RequestOrigins.Of(context),
            new Dictionary<string, object?> { ["reason"] = found is null ? "unknown_link" : "used_or_expired" }));
        return Errors.BadRequest(context, "invalid_or_expired", "This link has expired or was already used. Ask for the change again.");
    }

    private static async Task<IResult> ExportAsync(
        HttpContext context,
        IGrainFactory grains,
        ApiKeyStore keys,
        ExternalIdentityStore externalIdentities,
        AdminQueries queries,
        TrainingExport training,
        AuditLog audit,
        TimeProvider clock)
    {
        var session = context.Session();
        var snapshot = await grains.GetGrain<IUserGrain>(session.GrainKey).Snapshot();
        var events = new List<AuditEventRow>();
        KeysetCursor? cursor = null;
        do
        {
            var page = await queries.AuditEventsAsync(new AuditFilter(session.UserId, null, null, null, null), cursor, 500, context.RequestAborted);
            events.AddRange(page.Items);
            cursor = page.NextCursor is { } next && KeysetCursor.TryDecode(next, out var parsed) ? parsed : null;
        }
        while (cursor is not null && events.Count < MaxExportedEvents);

        var export = new AccountExport(
            "fitfolio-export/1",
            clock.GetUtcNow(),
            snapshot.Profile,
            snapshot.Sessions,
            snapshot.Passkeys,
            await externalIdentities.ListAsync(session.UserId, context.RequestAborted),
            await keys.ListAsync(session.UserId, context.RequestAborted),
            events,
            await training.ExportAsync(session.UserId, context.RequestAborted));
        await audit.WriteAsync(new AuditEvent(AuditEventType.DataExported, session.UserId, RequestOrigins.Of(context)));
        context.Response.Headers.ContentDisposition = $"attachment; filename=\"fitfolio-export-{export.ExportedAt:yyyy-MM-dd}.json\"";
        context.Response.Headers.CacheControl = "no-store";
        return TypedResults.Ok(export);
    }

    private static async Task<IResult> DeleteAsync(HttpContext context, IGrainFactory grains, CookieSettings cookies)
    {
        try
        {
            await grains.GetGrain<IUserGrain>(context.Session().GrainKey).DeleteAccount(RequestOrigins.Of(context));
        }
        catch (UnknownUserException)
        {
            // A second delete racing the first (two tabs, a retry) found the account already gone: what was asked for holds.
        }

        cookies.ClearSession(context.Response);
        return Results.NoContent();
    }
}
