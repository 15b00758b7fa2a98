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
    /// How long a provider may take to answer a back-channel call (discovery, keys, token, user info). Default 10 seconds: a provider
    /// that is down fails the sign-in with a clear message well before the browser gives up.
    /// </summary>
    public TimeSpan BackchannelTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The configured providers, in the order the sign-in page shows them.</summary>
    public IEnumerable<ExternalProvider> Configured()
    {
        foreach (var (id, options) in new[] { ("google", Google), ("oidc", Oidc) })
        {
            if (options.IsConfigured)
            {
                yield return new ExternalProvider(id, options.DisplayName ?? id, options);
            }
        }
    }
}
