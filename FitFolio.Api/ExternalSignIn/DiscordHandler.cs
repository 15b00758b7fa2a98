using System.Security.Claims;
using System.Text.Encodings.Web;
using System.Text.Json;
using FitFolio.Grains.Common;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OAuth;
using Microsoft.Extensions.Options;

namespace FitFolio.Api.ExternalSignIn;

/// <summary>
/// ASP.NET Core's OAuth 2 handler for Discord, which has no ID token: who the person is comes from <c>/users/@me</c> with the access token
/// (the token is used for that one call and dropped). Two changes to the stock handler: the redirect URI is the public origin's (both in
/// the authorization request and in the code exchange, which must repeat it), whatever host name this replica was reached by; and the
/// user is read here so a provider answering garbage fails the flow like any protocol error.
/// </summary>
internal sealed class DiscordHandler(IOptionsMonitor<OAuthOptions> options, ILoggerFactory logger, UrlEncoder encoder, IOptions<AppOptions> app)
    : OAuthHandler<OAuthOptions>(options, logger, encoder)
{
    private string PublicCallback => new Uri(app.Value.PublicOrigin!, Options.CallbackPath).ToString();

    protected override string BuildChallengeUrl(AuthenticationProperties properties, string redirectUri) => base.BuildChallengeUrl(properties, PublicCallback);

    protected override Task<OAuthTokenResponse> ExchangeCodeAsync(OAuthCodeExchangeContext context) =>
        base.ExchangeCodeAsync(new OAuthCodeExchangeContext(context.Properties, context.Code, PublicCallback));

    protected override async Task<AuthenticationTicket> CreateTicketAsync(
        ClaimsIdentity identity, AuthenticationProperties properties, OAuthTokenResponse tokens)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, Options.UserInformationEndpoint);
        request.Headers.Authorization = new("Bearer", tokens.AccessToken);
        using var response = await Backchannel.SendAsync(request, Context.RequestAborted);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"Discord's user endpoint answered {(int)response.StatusCode}.");
        }

        using var user = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Context.RequestAborted));
        var context = new OAuthCreatingTicketContext(
            new ClaimsPrincipal(identity), properties, Context, Scheme, Options, Backchannel, tokens, user.RootElement);
        context.RunClaimActions();
        await Events.CreatingTicket(context);
        return new AuthenticationTicket(context.Principal!, context.Properties, Scheme.Name);
    }
}
