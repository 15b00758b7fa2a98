using System.Security.Cryptography.X509Certificates;
using FitFolio.Silo.Tls;
using FitFolio.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;
using Orleans.TestingHost;

namespace FitFolio.Tests.Runtime;

/// <summary>
/// Mutual TLS between silos, pinned to the cluster's CA: two silos on production's configuration,
/// then a third silo that tries to join them from another test host (same Redis, same cluster id,
/// so membership alone would let it in). With a certificate from the cluster CA it joins and calls
/// grains on the others; with none, a self-signed one or one from another CA, it cannot: no handshake
/// with a peer completes, so Orleans' join check fails, its row never turns Active, its start throws
/// and no call of it reaches a grain (the cluster's counter is unchanged).
/// </summary>
public sealed class SiloTlsTests(TestDatabase database, ITestOutputHelper output) : IClassFixture<TestDatabase>
{
    [Fact]
    public async Task A_silo_with_a_certificate_from_the_cluster_CA_joins_and_calls_grains_on_the_others()
    {
        await using var cluster = await RuntimeCluster.StartAsync(database.ConnectionString, 2);
        var holder = cluster.Silos[0];
        var grain = cluster.Grains(holder).GetGrain<ICounterGrain>("tls-member");
        Assert.Equal(holder.SiloAddress, (await grain.WhereAmI()).Silo);
        Assert.Equal(1, await grain.Increment());

        // Another certificate than the cluster's silos hold, signed by the same CA: trust is the CA, not one certificate.
        await using var newcomer = await RuntimeCluster.StartAsync(database.ConnectionString, 1, SiloTlsFiles.Settings("peer"), cluster.ClusterId);
        var joined = newcomer.Silos[0];
        await Eventually.TrueAsync(
            () => cluster.Silos.Append(joined).All(s => SeenBy(cluster, newcomer, s).Count == 3),
            TimeSpan.FromSeconds(60),
            "all three silos to see each other");

        var fromNewcomer = newcomer.Grains(joined).GetGrain<ICounterGrain>("tls-member");
        Assert.Equal(2, await fromNewcomer.Increment());
        Assert.Equal(holder.SiloAddress, (await fromNewcomer.WhereAmI()).Silo);
    }

    [Fact]
    public async Task The_silo_port_keeps_only_connections_that_present_a_certificate_of_the_cluster_CA()
    {
        await using var cluster = await RuntimeCluster.StartAsync(database.ConnectionString, 1);
        var port = cluster.Silos[0].SiloAddress.Endpoint;
        // A refusal ends the probe as soon as it arrives, so its wait can be generous for a loaded machine; the control
        // must stay open for its whole wait, which therefore stays short.
        var refusal = TimeSpan.FromSeconds(30);

        Assert.True(await SiloPortProbe.IsRefusedAsync(port, null, refusal), "a connection without a client certificate was kept");
        foreach (var name in new[] { "impostor", "stranger" })
        {
            using var certificate = CertificateOf(name);
            Assert.True(await SiloPortProbe.IsRefusedAsync(port, certificate, refusal), $"a connection presenting the {name} certificate was kept");
        }

        // The control: the same probe with a certificate of the cluster CA stays connected, waiting for Orleans' first message.
        using var member = CertificateOf("peer");
        Assert.False(
            await SiloPortProbe.IsRefusedAsync(port, member, TimeSpan.FromSeconds(3)), "a connection presenting a certificate of the cluster CA was refused");
    }

    [Theory]
    [InlineData("none")]
    [InlineData("impostor")]
    [InlineData("stranger")]
    public async Task A_silo_without_a_certificate_from_the_cluster_CA_can_neither_join_nor_call_a_grain(string certificate)
    {
        await using var cluster = await RuntimeCluster.StartAsync(database.ConnectionString, 2);
        var holder = cluster.Silos[0];
        var key = "tls-refused-" + certificate;
        Assert.Equal(holder.SiloAddress, (await cluster.Grains(holder).GetGrain<ICounterGrain>(key).WhereAmI()).Silo);
        Assert.Equal(1, await cluster.Grains(holder).GetGrain<ICounterGrain>(key).Increment());

        var clock = System.Diagnostics.Stopwatch.StartNew();
        var refused = await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            // Its own host, not TestingHost's: a silo whose start fails must still be stopped (StandaloneSilo).
            await using var intruder = await StandaloneSilo.StartAsync<GivesUpJoiningSoon>(
                OrleansTestCluster.SiloSettings(cluster.ClusterId, IntruderSettings(certificate)));
            // Reached only if the intruder started: then it must be able to call nothing.
            await intruder.Grains.GetGrain<ICounterGrain>(key).Increment();
        });
        output.WriteLine($"{certificate}: refused after {clock.ElapsedMilliseconds} ms with {refused.GetType().Name}: {refused.Message}");

        var rows = await RedisMembership.RowsAsync(cluster.ClusterId);
        var intruders = rows.Where(r => !cluster.Silos.Any(s => s.SiloAddress.Equals(r.Silo))).ToList();
        Assert.NotEmpty(intruders);
        Assert.All(intruders, r => Assert.NotEqual(SiloStatus.Active, r.Status));
        await cluster.WaitUntilWholeAsync(TimeSpan.Zero);
        Assert.Equal(2, await cluster.Grains(cluster.Silos[1]).GetGrain<ICounterGrain>(key).Increment());
        Assert.Equal(2, await CounterRows.StoredValueAsync(database.DataSource, key));
    }

    /// <summary>Settings of an intruder: its own certificate (or none), trusting both the cluster's CA and itself, so its own start-up check passes.</summary>
    private Dictionary<string, string?> IntruderSettings(string certificate)
    {
        if (certificate == "none")
        {
            return new() { [TestGrainServices.PostgresSetting] = database.ConnectionString, ["Silo:Tls:Enabled"] = "false" };
        }

        var settings = SiloTlsFiles.Settings(certificate);
        settings[TestGrainServices.PostgresSetting] = database.ConnectionString;
        using var own = X509Certificate2.CreateFromPem(File.ReadAllText(settings["Silo:Tls:CertificateFile"]!));
        settings["Silo:Tls:TrustedThumbprints"] = ClusterTrust.ThumbprintOf(own);
        return settings;
    }

    private static X509Certificate2 CertificateOf(string name)
    {
        var settings = SiloTlsFiles.Settings(name);
        return X509Certificate2.CreateFromPemFile(settings["Silo:Tls:CertificateFile"]!, settings["Silo:Tls:KeyFile"]);
    }

    private static IReadOnlyList<SiloAddress> SeenBy(OrleansTestCluster first, OrleansTestCluster second, SiloHandle silo) =>
        (first.Silos.Contains(silo) ? first : second).ActiveSilosSeenBy(silo);

    /// <summary>
    /// The test grains' services, and a join that gives up after 20 s instead of Orleans' 5 minutes:
    /// only how long the refused intruder keeps trying changes.
    /// </summary>
    public sealed class GivesUpJoiningSoon : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder)
        {
            new TestGrainServices().Configure(siloBuilder);
            siloBuilder.Services.Configure<ClusterMembershipOptions>(membership => membership.MaxJoinAttemptTime = TimeSpan.FromSeconds(20));
        }
    }
}
