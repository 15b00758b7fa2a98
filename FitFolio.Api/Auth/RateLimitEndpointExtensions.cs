using FitFolio.Grains.RateLimiting;

namespace FitFolio.Api.Auth;

public static class RateLimitEndpointExtensions
{
    /// <summary>Limits the endpoint per client: IPv4 address, or IPv6 network (<see cref="RateLimitOptions.IPv6PrefixLength"/>).</summary>
    public static TBuilder RateLimitPerIp<TBuilder>(
        this TBuilder builder, string policy, Func<RateLimitOptions, RateLimitRule> rule) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(new RateLimitEndpointFilter(policy, rule, static (context, limits) => limits.ClientKey(context)));

    /// <summary>Limits the endpoint per signed-in account, wherever its requests come from; goes after <c>RequireSession()</c>.</summary>
    public static TBuilder RateLimitPerAccount<TBuilder>(
        this TBuilder builder, string policy, Func<RateLimitOptions, RateLimitRule> rule) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(new RateLimitEndpointFilter(policy, rule, static (context, _) => context.Session().GrainKey));
}
