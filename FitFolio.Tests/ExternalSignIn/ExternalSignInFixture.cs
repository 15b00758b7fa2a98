using FitFolio.Tests.Infrastructure;

namespace FitFolio.Tests.ExternalSignIn;

/// <summary>
/// A FitFolio host whose generic OpenID Connect provider and Google are both <see cref="TestIdentityProvider"/> (Google configured, as in
/// production, by its discovery document: only the address differs), and whose Discord is <see cref="TestDiscord"/>.
/// </summary>
public sealed class ExternalSignInFixture(PostgresServer server) : ApiFixture(server), IAsyncLifetime
{
    public const string CallbackBase = ApiClient.DefaultOrigin + "/api/v1/auth/external/";

    public TestIdentityProvider Provider { get; private set; } = null!;

    public TestDiscord Discord { get; private set; } = null!;

    protected override IDictionary<string, string?> Settings => ExternalSignInSettings.For(Provider, Discord);

    public new async ValueTask InitializeAsync()
    {
        Provider = await TestIdentityProvider.StartAsync(TestContext.Current.CancellationToken);
        Provider.Clients["fitfolio"] = ("oidc-client-secret", CallbackBase + "oidc/callback");
        Provider.Clients["fitfolio-google"] = ("google-client-secret", CallbackBase + "google/callback");
        Discord = await TestDiscord.StartAsync(TestContext.Current.CancellationToken);
        await base.InitializeAsync();
    }

    public new async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Provider.DisposeAsync();
        await Discord.DisposeAsync();
    }

    /// <summary>Puts the provider back to answering normally for <paramref name="person"/>.</summary>
    public void Reset(TestPerson person)
    {
        Provider.NextPerson = person;
        Provider.DenyConsent = false;
        Provider.ForgedNonce = null;
        Provider.TokenEndpointFault = null;
        Discord.NextPerson = person;
        Discord.DenyConsent = false;
        Discord.ReusableCodes = false;
    }
}
