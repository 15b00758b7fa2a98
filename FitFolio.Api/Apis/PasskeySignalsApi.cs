using System.Buffers.Text;
using FitFolio.Api.Auth;
using FitFolio.Grains.Common;
using FitFolio.Grains.Users;
using Microsoft.Extensions.Options;

namespace FitFolio.Api.Apis;

/// <summary>
/// What the app passes to the WebAuthn Signal API (<c>signalAllAcceptedCredentials</c>,
/// <c>signalCurrentUserDetails</c>) for the signed-in account. It names only that account's own passkeys.
/// </summary>
public static class PasskeySignalsApi
{
    public static RouteGroupBuilder MapPasskeySignalsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/auth/webauthn/signals", GetAsync)
            .WithTags("Passkeys")
            .WithName("GetPasskeySignals")
            .WithSummary("Get passkey signals")
            .WithDescription("The RP ID, your WebAuthn user handle (null without passkeys), the credential ids FitFolio accepts for you, "
                + "and the name your passkeys carry: what the browser's Signal API needs to keep password managers in step.")
            .RefuseApiKeys()
            .RequireSession()
            .Produces<PasskeySignalsResponse>();
        return api;
    }

    private static async Task<IResult> GetAsync(HttpContext context, IGrainFactory grains, IOptions<AppOptions> app)
    {
        var ids = await grains.GetGrain<IUserGrain>(context.Session().GrainKey).GetPasskeySignalIds();
        return TypedResults.Ok(new PasskeySignalsResponse(
            // The RP ID is the public origin's host, as every ceremony states it.
            app.Value.PublicOrigin!.Host,
            ids.UserHandle is null ? null : Base64Url.EncodeToString(ids.UserHandle),
            [.. ids.CredentialIds.Select(id => Base64Url.EncodeToString(id))],
            ids.Email,
            ids.Email));
    }
}
