namespace FitFolio.Tests.Infrastructure;

/// <summary>
/// A <see cref="DedicatedRedis"/> stopped for real until <see cref="EndAsync"/>. Disposing it starts the
/// server again if the test did not get that far (a failed assertion mid-outage), so the silos of the
/// test can still leave membership when they are disposed after it, instead of waiting on a Redis that
/// never returns: declare it after the cluster, so it is disposed first.
/// </summary>
public sealed class RedisOutage : IAsyncDisposable
{
    private readonly DedicatedRedis _redis;
    private bool _ended;

    private RedisOutage(DedicatedRedis redis) => _redis = redis;

    /// <summary>Stops <paramref name="redis"/> (a clean stop: the append-only file is flushed, as a planned restart would).</summary>
    public static async Task<RedisOutage> BeginAsync(DedicatedRedis redis)
    {
        await redis.StopServerAsync();
        return new RedisOutage(redis);
    }

    /// <summary>Starts the server again on its port and data; returns once it answers PING.</summary>
    public async Task EndAsync()
    {
        if (!_ended)
        {
            _ended = true;
            await _redis.StartServerAsync();
        }
    }

    public async ValueTask DisposeAsync() => await EndAsync();
}
