using FitFolio.Tests.Infrastructure;

namespace FitFolio.Tests.ExternalSignIn;

/// <summary>A host's settings with Google and the generic provider at <see cref="TestIdentityProvider"/>, and Discord at <see cref="TestDiscord"/>.</summary>
public static class ExternalSignInSettings
{
    public static Dictionary<string, string?> For(TestIdentityProvider provider, TestDiscord? discord = null)
    {
        var settings = For(provider);
        if (discord is not null)
        {
            settings["ExternalSignIn:Discord:Authority"] = discord.Address.ToString();
            settings["ExternalSignIn:Discord:ClientId"] = TestDiscord.ClientId;
            settings["ExternalSignIn:Discord:ClientSecret"] = TestDiscord.ClientSecret;
        }

        return settings;
    }

    /// <summary>The admin by configuration the tests sign in as to read a user's detail.</summary>
    public const string AdminEmail = "provider-admin@fitfolio.example";

    private static Dictionary<string, string?> For(TestIdentityProvider provider) => new(ApiFixture.GenerousLimits)
    {
        ["RateLimits:WebAuthnStartPerIp:Limit"] = "10000",
        ["RateLimits:WebAuthnFinishPerIp:Limit"] = "10000",
        ["Auth:AdminEmails:0"] = AdminEmail,
        ["RateLimits:ExternalStartPerIp:Limit"] = "10000",
        ["RateLimits:ExternalCallbackPerIp:Limit"] = "10000",
        // A loaded test machine's first discovery and key fetch can take seconds; a provider that is down is refused at once anyway.
        ["ExternalSignIn:BackchannelTimeout"] = "00:01:00",
        ["ExternalSignIn:Oidc:Authority"] = provider.Address.ToString(),
        ["ExternalSignIn:Oidc:ClientId"] = "fitfolio",
        ["ExternalSignIn:Oidc:ClientSecret"] = "oidc-client-secret",
        ["ExternalSignIn:Oidc:DisplayName"] = "Test Provider",
        ["ExternalSignIn:Google:Authority"] = provider.Address.ToString(),
        ["ExternalSignIn:Google:ClientId"] = "fitfolio-google",
        ["ExternalSignIn:Google:ClientSecret"] = "google-client-secret",
    };
}
