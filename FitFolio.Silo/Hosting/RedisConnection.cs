using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace FitFolio.Silo.Hosting;

/// <summary><c>ConnectionStrings:Redis</c>: where membership and the grain directory live.</summary>
public static class RedisConnection
{
    public const string Name = "Redis";

    /// <summary>Parses the setting; a missing or unparsable value stops start-up with one line naming it.</summary>
    public static ConfigurationOptions Read(IConfiguration configuration)
    {
        var value = configuration.GetConnectionString(Name);
        if (string.IsNullOrWhiteSpace(value))
        {
            throw Invalid(
                "ConnectionStrings:Redis is required: a StackExchange.Redis configuration string, e.g. redis:6379 (Redis with appendonly on holds cluster membership).");
        }

        ConfigurationOptions options;
        try
        {
            options = ConfigurationOptions.Parse(value);
        }
        catch (ArgumentException)
        {
            throw Invalid("ConnectionStrings:Redis is not a valid StackExchange.Redis configuration string (e.g. redis:6379,password=...).");
        }

        if (options.EndPoints.Count == 0)
        {
            throw Invalid("ConnectionStrings:Redis names no endpoint (e.g. redis:6379).");
        }

        return options;
    }

    /// <summary>How long <see cref="EnsureReachableAsync"/> waits for a connection: StackExchange.Redis' own connect timeout.</summary>
    public static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(5);

    /// <summary>
    /// One PING before the host starts; throws <see cref="RedisConnectionException"/> (the process exits 6) when Redis
    /// does not answer. A silo cannot join without membership, and left to Orleans' own start the same failure took
    /// 55 s to surface (measured, load average 60), and the supervisor that restarts it waited as long
    /// (RUNBOOK.md, "When Redis is down").
    /// </summary>
    public static async Task EnsureReachableAsync(IConfiguration configuration, CancellationToken cancellationToken = default)
    {
        var options = Read(configuration).Clone();
        // Refused or silent, the answer is the same: no membership, no start. One attempt, nothing left retrying.
        options.AbortOnConnectFail = true;
        options.ConnectRetry = 1;
        options.ConnectTimeout = (int)StartTimeout.TotalMilliseconds;
        await using var connection = await ConnectionMultiplexer.ConnectAsync(options);
        try
        {
            await connection.GetDatabase().PingAsync().WaitAsync(StartTimeout, cancellationToken);
        }
        catch (TimeoutException)
        {
            throw new RedisConnectionException(ConnectionFailureType.UnableToConnect, $"Redis did not answer PING within {StartTimeout.TotalSeconds:0} s.");
        }
    }

    private static OptionsValidationException Invalid(string message) =>
        new(Name, typeof(ConfigurationOptions), [message]);
}
