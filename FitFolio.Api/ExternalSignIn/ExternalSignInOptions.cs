namespace FitFolio.Api.ExternalSignIn;

/// <summary>Configuration section <c>ExternalSignIn</c>: the providers people may sign in with besides mail and passkeys.</summary>
public sealed class ExternalSignInOptions
{
    public const string Section = "ExternalSignIn";

    /// <summary>Any OpenID Connect provider, by its issuer (<c>ExternalSignIn:Oidc:Authority</c>). Default: off.</summary>
    public ExternalProviderOptions Oidc { get; set; } = new() { DisplayName = "OpenID Connect" };

    /// <summary>Google, an OpenID Connect provider configured by its discovery document. Default: off.</summary>
    public ExternalProviderOptions Google { get; set; } = new() { Authority = new Uri("https://accounts.google.com"), DisplayName = "Google" };

    /// <summary>
    /// Discord, plain OAuth 2 (no ID token): <see cref="ExternalProviderOptions.Authority"/> is the site its endpoints hang off
    /// (<c>oauth2/authorize</c>, <c>api/oauth2/token</c>, <c>api/users/@me</c>). Default: off, at <c>https://discord.com/</c>.
    /// </summary>
    public ExternalProviderOptions Discord { get; set; } = new() { Authority = new Uri("https://discord.com/"), DisplayName = "Discord" };

    /// <summary>
    /// How long a provider may take to answer a back-channel call (discovery, keys, token, user info). Default 10 seconds: a provider
    /// that is down fails the sign-in with a clear message well before the browser gives up.
    /// </summary>
    public TimeSpan BackchannelTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The configured providers, in the order the sign-in page shows them.</summary>
    public IEnumerable<ExternalProvider> Configured()
    {
        foreach (var (id, options, openIdConnect) in new[] { ("google", Google, true), ("discord", Discord, false), ("oidc", Oidc, true) })
        {
            if (options.IsConfigured)
            {
                yield return new ExternalProvider(id, options.DisplayName ?? id, options, openIdConnect);
            }
        }
    }

    /// <summary>Each known provider's label by id, configured or not: a provider turned off still names the identities linked to it.</summary>
    public IReadOnlyDictionary<string, string> Names() => new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["google"] = Google.DisplayName ?? "Google",
        ["discord"] = Discord.DisplayName ?? "Discord",
        ["oidc"] = Oidc.DisplayName ?? "OpenID Connect",
    };
}
