using FitFolio.Tests.Infrastructure;

namespace FitFolio.Tests.ExternalSignIn;

/// <summary>The start and the callback of a flow may land on different front doors: the key ring and the flow claims are shared in PostgreSQL.</summary>
public sealed class ExternalSignInClusterTests(PostgresServer server)
{
    [Fact]
    public async Task A_flow_started_on_one_front_door_finishes_on_another()
    {
        await using var provider = await TestIdentityProvider.StartAsync(TestContext.Current.CancellationToken);
        provider.Clients["fitfolio"] = ("FitFolio", "oidc-client-secret", ExternalSignInFixture.CallbackBase + "oidc/callback");
        var person = new TestPerson("cluster-subject", "cluster@example.com");
        provider.Register(person);
        await using var database = new TestDatabase(server);
        await database.InitializeAsync();
        await using var cluster = await ApiCluster.StartAsync(database.ConnectionString, 2, ExternalSignInSettings.For(provider));
        using var onFirst = cluster.Hosts[0].Client();

        var callback = await ProviderFlow.ToCallbackAsync(onFirst, person);
        using var onSecond = ApiCluster.CloneOnto(onFirst, cluster.Hosts[1]);
        var answer = await onSecond.GetAsync(callback);

        Assert.Equal("/", answer.Headers["Location"]);
        Assert.Equal(System.Net.HttpStatusCode.OK, (await onSecond.GetAsync("/api/v1/auth/me")).Status);
        Assert.Equal(1L, await database.CountAsync("select count(*) from data_protection_keys"));
    }
}
