using System.Text.Json;
using StackExchange.Redis;

namespace FitFolio.Tests.Infrastructure;

/// <summary>
/// Orleans' Redis grain directory as the silos keep it: one string per activated grain,
/// <c>{ClusterId}/directory/{GrainId}</c>, holding the activation's address as JSON.
/// </summary>
public static class RedisDirectory
{
    public static string KeyOf(string clusterId, GrainId grain) => $"{clusterId}/directory/{grain}";

    /// <summary>The activation registered for <paramref name="grain"/>, or null when none is.</summary>
    public static async Task<GrainAddress?> EntryAsync(string clusterId, GrainId grain)
    {
        await using var redis = await ConnectionMultiplexer.ConnectAsync(RedisServer.ConnectionString);
        var value = await redis.GetDatabase().StringGetAsync(KeyOf(clusterId, grain));
        return value.HasValue ? JsonSerializer.Deserialize<GrainAddress>(value.ToString()) : null;
    }

    /// <summary>Removes the entry, as a Redis failover without persistence would; true when there was one.</summary>
    public static async Task<bool> DeleteAsync(string clusterId, GrainId grain)
    {
        await using var redis = await ConnectionMultiplexer.ConnectAsync(RedisServer.ConnectionString);
        return await redis.GetDatabase().KeyDeleteAsync(KeyOf(clusterId, grain));
    }
}
