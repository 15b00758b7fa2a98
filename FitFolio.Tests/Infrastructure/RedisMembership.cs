using FitFolio.Silo.Readiness;
using StackExchange.Redis;

namespace FitFolio.Tests.Infrastructure;

/// <summary>Reads Orleans' membership rows straight from Redis: what the cluster wrote about a silo, whatever that silo now believes.</summary>
public static class RedisMembership
{
    /// <summary>The status a silo's row holds (Orleans' SiloStatus name, e.g. Active, Dead), or null when it has no row.</summary>
    public static async Task<string?> StatusOfAsync(string clusterId, SiloAddress silo) =>
        (await RowsAsync(clusterId)).FirstOrDefault(row => row.Silo.Equals(silo))?.Status.ToString();

    public static async Task<IReadOnlyList<MembershipRow>> RowsAsync(string clusterId, string? server = null)
    {
        await using var redis = await ConnectionMultiplexer.ConnectAsync(server ?? RedisServer.ConnectionString);
        return await MembershipRows.ReadAsync(redis.GetDatabase(), clusterId);
    }
}
