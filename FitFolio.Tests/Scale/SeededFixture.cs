using FitFolio.Seed;
using FitFolio.Tests.Infrastructure;

namespace FitFolio.Tests.Scale;

/// <summary>
/// A FitFolio host whose database holds a few generated people (up to 3 years each): small, so seeding takes about
/// a second. Their histories end today, so their sessions are live.
/// </summary>
public sealed class SeededFixture(PostgresServer server) : ApiFixture(server), IAsyncLifetime
{
    public SeedResult Seeded { get; private set; } = null!;

    public DateTimeOffset Until { get; } = DateTimeOffset.UtcNow;

    public new async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        Seeded = await Seeder.RunAsync(Database.DataSource, new SeedOptions { People = 4, Seed = 7, Until = Until });
    }
}
