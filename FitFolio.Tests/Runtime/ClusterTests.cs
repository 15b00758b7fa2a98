using System.Reflection;
using FitFolio.Grains;
using FitFolio.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Orleans.GrainDirectory;
using Orleans.GrainDirectory.Redis;
using Orleans.Metadata;
using Orleans.Runtime.Placement;
using Orleans.Storage;

namespace FitFolio.Tests.Runtime;

/// <summary>
/// Three silos on production's configuration: where membership and the directory live, one activation per grain, placement, stale duplicates.
/// </summary>
public sealed class ClusterTests(ClusterTests.Silos silos) : IClassFixture<ClusterTests.Silos>
{
    /// <summary>Production's configuration, defaults and all.</summary>
    public sealed class Silos(PostgresServer server) : SharedRuntimeCluster(server);

    [Fact]
    public async Task Silos_keep_membership_and_every_grain_directory_in_Redis_as_production_configures_them()
    {
        var counter = silos.On(1).GetGrain<ICounterGrain>("directory-check");
        var where = await counter.WhereAmI();

        foreach (var silo in silos.Cluster.Silos)
        {
            var services = silos.Cluster.Services(silo);
            // Clustering.Redis keeps its table type internal: its name is what there is to compare.
            Assert.Equal("Orleans.Clustering.Redis.RedisMembershipTable", services.GetRequiredService<IMembershipTable>().GetType().FullName);
            Assert.IsType<RedisGrainDirectory>(services.GetRequiredKeyedService<IGrainDirectory>(GrainDirectoryAttribute.DEFAULT_GRAIN_DIRECTORY));
            // No production grain names a directory of its own, so every one is found through the default: Redis.
            var properties = services.GetRequiredService<GrainPropertiesResolver>();
            foreach (var grainType in ProductionGrainTypes(services))
            {
                Assert.False(
                    properties.GetGrainProperties(grainType).Properties.ContainsKey(WellKnownGrainTypeProperties.GrainDirectory),
                    $"{grainType} names a grain directory other than the default.");
            }
        }

        Assert.Equal(where.Silo, (await RedisDirectory.EntryAsync(silos.Cluster.ClusterId, counter.GetGrainId()))?.SiloAddress);
    }

    [Fact]
    public async Task Calls_made_on_every_silo_at_once_reach_the_same_activation()
    {
        foreach (var key in Enumerable.Range(0, 20).Select(i => $"shared-{i}"))
        {
            // Each silo would activate the counter locally (it prefers the caller's silo): the directory lets one win.
            var seen = await Task.WhenAll(Enumerable.Range(0, 3).Select(i => silos.On(i).GetGrain<ICounterGrain>(key).WhereAmI()));

            Assert.Single(seen.Select(w => w.ActivationId).Distinct());
            Assert.Equal(
                seen[0].Silo, (await RedisDirectory.EntryAsync(silos.Cluster.ClusterId, silos.On(0).GetGrain<ICounterGrain>(key).GetGrainId()))?.SiloAddress);
        }
    }

    [Fact]
    public async Task Grains_spread_over_every_silo()
    {
        // Orleans' default placement weighs each silo's published load, and on a loaded test machine one silo's figures
        // can keep it out of a small batch; so new grains are placed in batches of 60, up to 600, until each silo has one.
        var homes = new HashSet<SiloAddress>();
        for (var batch = 0; batch < 10 && homes.Count < silos.Cluster.Silos.Count; batch++)
        {
            var placed = await Task.WhenAll(
                Enumerable.Range(batch * 60, 60).Select(i => silos.On(0).GetGrain<IPlacedGrain>($"spread-{i}").Silo()));
            homes.UnionWith(placed);
        }

        Assert.Equal(silos.Cluster.Silos.Select(s => s.SiloAddress).Order(), homes.Order());
    }

    [Fact]
    public void A_persons_own_grains_are_placed_on_the_silo_that_asks_and_every_other_grain_by_load()
    {
        // The proxy keeps a browser on one silo (a route cookie); the user, training and preferences grains of the person
        // using it must be activated there, or every session check crosses to another silo.
        string[] personal = ["preferences", "training", "user"];
        var services = silos.Cluster.Services(silos.Cluster.Silos[0]);
        var placement = services.GetRequiredService<PlacementStrategyResolver>();
        var types = ProductionGrainTypes(services).ToList();

        // Each name is a production grain type: a renamed grain would otherwise drop out of this test quietly.
        Assert.Equal(personal, types.Select(t => t.ToString()).Intersect(personal).Order());
        Assert.All(types, t => Assert.IsType(
            personal.Contains(t.ToString()) ? typeof(PreferLocalPlacement) : typeof(ResourceOptimizedPlacement), placement.GetPlacementStrategy(t)));
    }

    [Fact]
    public async Task A_stale_duplicate_activation_cannot_overwrite_newer_state_and_is_dropped_for_a_reload()
    {
        var onA = silos.On(0).GetGrain<ICounterGrain>("duplicate");
        var onB = silos.On(2).GetGrain<ICounterGrain>("duplicate");
        Assert.Equal(1, await onA.Increment());
        var first = await onA.WhereAmI();

        // What a Redis failover without persistence does: the directory forgets the activation, so silo B makes a second one.
        Assert.True(await RedisDirectory.DeleteAsync(silos.Cluster.ClusterId, onA.GetGrainId()));
        var duplicate = await onB.WhereAmI();
        Assert.NotEqual(first.ActivationId, duplicate.ActivationId);
        Assert.Equal(silos.Cluster.Silos[2].SiloAddress, duplicate.Silo);

        Assert.Equal(2, await onA.Increment());
        await Assert.ThrowsAsync<InconsistentStateException>(() => onB.Increment());
        var reloaded = await onB.WhereAmI();
        Assert.NotEqual(duplicate.ActivationId, reloaded.ActivationId);
        Assert.Equal(2, reloaded.Value);
        Assert.Equal(3, await onB.Increment());

        // The first activation is now the stale one: refused too, then A's calls reach the survivor.
        await Assert.ThrowsAsync<InconsistentStateException>(() => onA.Increment());
        Assert.Equal(4, await onA.Increment());
        Assert.Equal((await onA.WhereAmI()).ActivationId, (await onB.WhereAmI()).ActivationId);
        Assert.Equal(4, await CounterRows.StoredValueAsync(silos.Database.DataSource, "duplicate"));
    }

    private static IEnumerable<GrainType> ProductionGrainTypes(IServiceProvider services)
    {
        var grains = typeof(GrainsServiceCollectionExtensions).Assembly.GetTypes().Where(t => typeof(Grain).IsAssignableFrom(t) && !t.IsAbstract).ToList();
        Assert.NotEmpty(grains);
        return grains.Select(t => t.GetCustomAttribute<GrainTypeAttribute>() is { } attribute
            ? attribute.GetGrainType(services, t)
            : throw new InvalidOperationException($"{t.Name} has no [GrainType]: its grain type would change with its class name."));
    }
}
