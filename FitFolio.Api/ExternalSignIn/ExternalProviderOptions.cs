namespace FitFolio.Api.ExternalSignIn;

/// <summary>One provider's registration. The provider is on only when both <see cref="ClientId"/> and <see cref="ClientSecret"/> are set.</summary>
public sealed class ExternalProviderOptions
{
    /// <summary>The client id the provider issued. Default: none (the provider is off).</summary>
    public string? ClientId { get; set; }

    /// <summary>The client secret; a secret, so mount it as a file (<c>/run/secrets/ExternalSignIn__Google__ClientSecret</c>). Default: none.</summary>
    public string? ClientSecret { get; set; }

    /// <summary>
    /// Where the provider lives: the OpenID Connect issuer (its discovery document is <c>{Authority}/.well-known/openid-configuration</c>),
    /// or for Discord the site its OAuth 2 endpoints hang off. Defaults: Google <c>https://accounts.google.com</c>, Discord
    /// <c>https://discord.com/</c>; the generic provider has none.
    /// </summary>
    public Uri? Authority { get; set; }

    /// <summary>The button's label ("Continue with …"). Defaults: "Google", "Discord", and "OpenID Connect" for the generic provider.</summary>
    public string? DisplayName { get; set; }

    public bool IsConfigured => !string.IsNullOrWhiteSpace(ClientId) && !string.IsNullOrWhiteSpace(ClientSecret) && Authority is not null;
}
