using FitFolio.Grains.Users;

namespace FitFolio.Api.Auth;

/// <summary>
/// A sign-in in a browser that already holds a live session ends that session on the server
/// (ASVS 5.0 §7.2.4): the browser leaves with the new cookie only, and a copy of the old one, taken
/// earlier or planted there (session fixation), is worth nothing.
/// </summary>
public static class ReplacedSession
{
    /// <summary>Call once the new session exists, so a failed sign-in never signs anyone out.</summary>
    public static async Task EndAsync(HttpContext context, IGrainFactory grains)
    {
        if (context.Features.Get<CurrentSession>() is { } previous)
        {
            await grains.GetGrain<IUserGrain>(previous.GrainKey).EndReplacedSession(previous.SecretHash, RequestOrigins.Of(context));
        }
    }
}
