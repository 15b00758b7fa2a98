namespace FitFolio.Api.ExternalSignIn;

/// <summary>A configured provider: <paramref name="Id"/> names its routes, its authentication scheme and its identities' rows.</summary>
public sealed record ExternalProvider(string Id, string DisplayName, ExternalProviderOptions Options)
{
    public string Scheme => "external-" + Id;

    public string CallbackPath => $"/api/v1/auth/external/{Id}/callback";
}
