[assembly: AssemblyFixture(typeof(FitFolio.Tests.Infrastructure.RedisServer))]

namespace FitFolio.Tests.Infrastructure;

/// <summary>
/// The Redis server for this test run, which every host is given as <c>ConnectionStrings:Redis</c>
/// (Orleans' membership store once the move lands; docs/orleans-move-plan.md). <c>./fitfolio test</c>
/// starts one and passes <c>127.0.0.1:PORT</c> in <c>FITFOLIO_TEST_REDIS</c>; run without it, this
/// fixture starts a throwaway one itself (<see cref="DedicatedRedis"/>: loopback, a free port,
/// append-only, a temporary directory) and stops and deletes it when the run ends. Every test
/// class shares it, so a test that stops Redis starts a <see cref="DedicatedRedis"/> of its own.
/// </summary>
public sealed class RedisServer : IAsyncLifetime
{
    private static string? s_connectionString;
    private DedicatedRedis? _owned;

    /// <summary>The StackExchange.Redis configuration string of the run's server, <c>127.0.0.1:PORT</c>.</summary>
    public static string ConnectionString =>
        s_connectionString ?? throw new InvalidOperationException("The Redis assembly fixture has not started.");

    public async ValueTask InitializeAsync()
    {
        var configured = Environment.GetEnvironmentVariable("FITFOLIO_TEST_REDIS");
        if (string.IsNullOrWhiteSpace(configured))
        {
            _owned = await DedicatedRedis.StartAsync();
            configured = _owned.ConnectionString;
        }

        s_connectionString = configured;
    }

    public async ValueTask DisposeAsync()
    {
        if (_owned is not null)
        {
            await _owned.DisposeAsync();
        }
    }
}
