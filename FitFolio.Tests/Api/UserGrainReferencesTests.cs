using FitFolio.Api.Auth;
using FitFolio.Grains.Users;
using FitFolio.Tests.Infrastructure;

namespace FitFolio.Tests.Api;

/// <summary>
/// The session check's user grain references: the same grain as Orleans' own <c>GetGrain</c> gives, without its
/// per-reference type lookup (reflection over the interface's attributes and a name built by convention, every time).
/// </summary>
public sealed class UserGrainReferencesTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    private const int References = 1_000;

    [Fact]
    public async Task A_reference_is_to_the_same_grain_as_Orleans_gives_and_reaches_it()
    {
        var users = new UserGrainReferences(api.Host.Grains);
        using var client = await api.SignedInClientAsync("references@example.com");
        var id = Guid.Parse((await client.GetAsync("/api/v1/auth/me")).Body.GetProperty("id").GetString()!);

        users.Get(Guid.NewGuid());
        var cached = (GrainReference)users.Get(id);
        var ordinary = (GrainReference)api.Host.Grains.GetGrain<IUserGrain>(id.ToString("N"));

        Assert.Equal(ordinary.GrainId, cached.GrainId);
        Assert.Equal(ordinary.InterfaceType, cached.InterfaceType);
        Assert.Equal(id, (await users.Get(id).GetProfile()).Id);
    }

    [Fact]
    public void A_reference_costs_a_fraction_of_what_the_type_lookup_allocates()
    {
        var users = new UserGrainReferences(api.Host.Grains);
        var ids = Enumerable.Range(0, References).Select(_ => Guid.NewGuid()).ToArray();
        var keys = ids.Select(id => id.ToString("N")).ToArray();
        users.Get(ids[0]);
        api.Host.Grains.GetGrain<IUserGrain>(keys[0]);

        var ordinary = Allocated(() =>
        {
            foreach (var key in keys)
            {
                api.Host.Grains.GetGrain<IUserGrain>(key);
            }
        });
        // The cached path formats the key itself, so it is given ids: it pays for the string the ordinary path is handed.
        var cached = Allocated(() =>
        {
            foreach (var id in ids)
            {
                users.Get(id);
            }
        });

        Assert.True(cached * 2 < ordinary, $"{cached / References} B per cached reference against {ordinary / References} B per GetGrain");
    }

    private static long Allocated(Action action)
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        action();
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }
}
