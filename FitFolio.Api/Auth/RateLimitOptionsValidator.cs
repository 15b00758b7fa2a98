using FitFolio.Grains.RateLimiting;
using Microsoft.Extensions.Options;

namespace FitFolio.Api.Auth;

/// <summary>Stops the process at start on a rule that could never allow anything or a prefix that names no network.</summary>
public sealed class RateLimitOptionsValidator : IValidateOptions<RateLimitOptions>
{
    public ValidateOptionsResult Validate(string? name, RateLimitOptions options)
    {
        if (options.IPv6PrefixLength is < 32 or > 128)
        {
            return ValidateOptionsResult.Fail($"{RateLimitOptions.Section}:IPv6PrefixLength must be between 32 and 128 (default 64).");
        }

        var rules = typeof(RateLimitOptions).GetProperties().Where(p => p.PropertyType == typeof(RateLimitRule));
        foreach (var property in rules)
        {
            if (property.GetValue(options) is not RateLimitRule { Limit: >= 1 } rule || rule.Window <= TimeSpan.Zero)
            {
                return ValidateOptionsResult.Fail($"{RateLimitOptions.Section}:{property.Name} needs a Limit of at least 1 and a positive Window.");
            }
        }

        return ValidateOptionsResult.Success;
    }
}
