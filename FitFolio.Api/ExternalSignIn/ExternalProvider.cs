namespace FitFolio.Api.ExternalSignIn;

/// <summary>
/// A configured provider: <paramref name="Id"/> names its routes, its authentication scheme and its identities' rows;
/// <paramref name="OpenIdConnect"/> is false for a plain OAuth 2 provider (Discord), which has no ID token and says who the person is by an API.
/// </summary>
public sealed record ExternalProvider(string Id, string DisplayName, ExternalProviderOptions Options, bool OpenIdConnect)
{
    public string Scheme => "external-" + Id;

    public string CallbackPath => $"/api/v1/auth/external/{Id}/callback";
}
