using FitFolio.Api.Auth;
using FitFolio.Api.Http;
using FitFolio.Grains.Sessions;
using FitFolio.Grains.Users;

namespace FitFolio.Api.Apis;

/// <summary>The signed-in person's sessions: see them, end one, end all others.</summary>
public static class SessionsApi
{
    public static RouteGroupBuilder MapSessionsApi(this RouteGroupBuilder api)
    {
        var sessions = api.MapGroup("/auth/sessions").WithTags("Sessions").RequireSession();

        sessions.MapGet("/", async (HttpContext context, IGrainFactory grains) =>
            {
                var session = context.Session();
                var items = await grains.GetGrain<IUserGrain>(session.GrainKey).ListSessions(session.SecretHash);
                return TypedResults.Ok(new ItemsResponse<SessionView>(items));
            })
            .WithName("ListSessions")
            .WithSummary("List sessions")
            .WithDescription("Your live sessions, newest activity first; the one making this request is marked current.");

        sessions.MapDelete("/{id}", async (string id, HttpContext context, IGrainFactory grains) =>
            {
                if (!Guid.TryParse(id, out var sessionId))
                {
                    return Errors.BadRequest(context, "invalid_id", "A session id is a UUID.");
                }

                var session = context.Session();
                if (sessionId == session.SessionId)
                {
                    return Errors.Result(context, StatusCodes.Status409Conflict, "current_session", "This is the session you are using: sign out instead.");
                }

                var revoked = await grains.GetGrain<IUserGrain>(session.GrainKey).RevokeSession(sessionId, session.SecretHash, RequestOrigins.Of(context));
                return revoked ? Results.NoContent() : Errors.NotFound(context, "You have no live session with that id.");
            })
            .WithName("RevokeSession")
            .WithoutIdempotencyKeys(IdempotencyKeyReasons.SetsState)
            .WithSummary("Sign out a session")
            .WithDescription("Ends one of your other sessions.")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblemBody(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);

        sessions.MapPost("/revoke-all-others", async (HttpContext context, IGrainFactory grains) =>
            {
                var session = context.Session();
                var count = await grains.GetGrain<IUserGrain>(session.GrainKey).RevokeOtherSessions(session.SecretHash, RequestOrigins.Of(context));
                return TypedResults.Ok(new RevokedResponse(count));
            })
            .WithName("RevokeOtherSessions")
            .WithoutIdempotencyKeys(IdempotencyKeyReasons.SetsState)
            .WithSummary("Sign out other sessions")
            .WithDescription("Ends every session but this one.");

        return sessions;
    }
}
