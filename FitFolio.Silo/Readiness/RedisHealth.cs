using StackExchange.Redis;

namespace FitFolio.Silo.Readiness;

/// <summary>
/// Whether Redis (membership and the grain directory) answers, for readiness to report. A silo that
/// lost Redis keeps serving (RUNBOOK.md, "Redis is down"), so this degrades readiness, never fails
/// it: taking every replica out of the proxy at once would turn a partial outage into a total one.
/// </summary>
public sealed class RedisHealth : IAsyncDisposable
{
    /// <summary>How long a check waits for PONG: readiness answers within the proxy's 2 s probe timeout.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(1);

    private readonly Lazy<Task<ConnectionMultiplexer>> _redis;

    public RedisHealth(ConfigurationOptions redis)
    {
        var options = redis.Clone();
        options.AbortOnConnectFail = false;
        options.ConnectTimeout = (int)Timeout.TotalMilliseconds;
        options.AsyncTimeout = (int)Timeout.TotalMilliseconds;
        _redis = new(() => ConnectionMultiplexer.ConnectAsync(options));
    }

    /// <summary>True when Redis answered a PING within <see cref="Timeout"/>.</summary>
    public async Task<bool> IsReachableAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            var redis = await _redis.Value.WaitAsync(Timeout, cancellationToken);
            await redis.GetDatabase().PingAsync().WaitAsync(Timeout, cancellationToken);
            return true;
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_redis.IsValueCreated && _redis.Value.IsCompletedSuccessfully)
        {
            await (await _redis.Value).DisposeAsync();
        }
    }
}
