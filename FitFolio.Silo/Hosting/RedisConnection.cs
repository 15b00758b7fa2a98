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

    private static OptionsValidationException Invalid(string message) =>
        new(Name, typeof(ConfigurationOptions), [message]);
}
