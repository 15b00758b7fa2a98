using System.Globalization;

namespace FitFolio.Tests.Infrastructure;

/// <summary>
/// A Redis server of a test's own (scripts/redis.sh: loopback, append-only), which the test may
/// stop, crash and start again on the same port and data directory (Redis outages), unlike the
/// shared <see cref="RedisServer"/>.
/// </summary>
public sealed class DedicatedRedis : IAsyncDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "fitfolio-test-redis-" + Guid.NewGuid().ToString("N")[..8]);
    private readonly int _port = PostgresServer.FreePort();

    /// <summary>The StackExchange.Redis configuration string, <c>127.0.0.1:PORT</c>; the same across restarts.</summary>
    public string ConnectionString => "127.0.0.1:" + _port.ToString(CultureInfo.InvariantCulture);

    public static async Task<DedicatedRedis> StartAsync()
    {
        var server = new DedicatedRedis();
        await server.StartServerAsync();
        return server;
    }

    /// <summary>Starts the server (again) on its port and directory; returns once it answers PING.</summary>
    public Task StartServerAsync() => RepositoryScript.RunAsync("redis.sh", "start", _directory, _port.ToString(CultureInfo.InvariantCulture));

    /// <summary>A clean stop (SIGTERM): Redis flushes its append-only file, then exits.</summary>
    public Task StopServerAsync() => RepositoryScript.RunAsync("redis.sh", "stop", _directory);

    /// <summary>A crash (SIGKILL): nothing is flushed, nothing is saved on the way out.</summary>
    public Task KillServerAsync() => RepositoryScript.RunAsync("redis.sh", "stop", _directory, "kill");

    public async ValueTask DisposeAsync()
    {
        await StopServerAsync();
        Directory.Delete(_directory, recursive: true);
    }
}
