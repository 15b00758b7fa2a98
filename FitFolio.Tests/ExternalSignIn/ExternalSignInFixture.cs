using FitFolio.Tests.Infrastructure;

namespace FitFolio.Tests.ExternalSignIn;

/// <summary>
/// A FitFolio host whose generic OpenID Connect provider and Google are both <see cref="TestIdentityProvider"/> (Google configured, as in
/// production, by its discovery document: only the address differs), and whose Discord is <see cref="TestDiscord"/>.
/// </summary>
public class ExternalSignInFixture(PostgresServer server) : ApiFixture(server), IAsyncLifetime
{
    public const string CallbackBase = ApiClient.DefaultOrigin + "/api/v1/auth/external/";

    public TestIdentityProvider Provider { get; private set; } = null!;

    public TestDiscord Discord { get; private set; } = null!;

    protected override IDictionary<string, string?> Settings => ExternalSignInSettings.For(Provider, Discord);

    public new async ValueTask InitializeAsync()
    {
        Provider = await TestIdentityProvider.StartAsync(TestContext.Current.CancellationToken);
        Provider.Clients["fitfolio"] = ("FitFolio", "oidc-client-secret", CallbackBase + "oidc/callback");
        Provider.Clients["fitfolio-google"] = ("FitFolio", "google-client-secret", CallbackBase + "google/callback");
        Discord = await TestDiscord.StartAsync(TestContext.Current.CancellationToken);
        await base.InitializeAsync();
    }

    public new async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Provider.DisposeAsync();
        await Discord.DisposeAsync();
    }

    /// <summary>Registers <paramref name="person"/> at both providers (who then signs in on their pages) and puts the faults back.</summary>
    public TestPerson Reset(TestPerson person)
    {
        Provider.Register(person);
        Provider.ForgedNonce = null;
        Provider.TokenEndpointFault = null;
        Discord.Register(person);
        Discord.ReusableCodes = false;
        return person;
    }
}
