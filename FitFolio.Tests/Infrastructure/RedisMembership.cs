using System.Text.Json;
using StackExchange.Redis;

namespace FitFolio.Tests.Infrastructure;

/// <summary>Reads Orleans' membership rows straight from Redis: what a silo wrote about itself, whatever it now believes.</summary>
public static class RedisMembership
{
    /// <summary>The status a silo's row holds (Orleans' SiloStatus name, e.g. Active, Dead), or null when it has no row.</summary>
    public static async Task<string?> StatusOfAsync(string clusterId, SiloAddress silo) =>
        (await RowsAsync(clusterId)).TryGetValue(silo, out var status) ? status.ToString() : null;

    /// <summary>Every silo's row in the cluster's membership hash (<c>fitfolio/members/{ClusterId}</c>) and the status it holds.</summary>
    public static async Task<IReadOnlyDictionary<SiloAddress, SiloStatus>> RowsAsync(string clusterId)
    {
        await using var redis = await ConnectionMultiplexer.ConnectAsync(RedisServer.ConnectionString);
        var rows = await redis.GetDatabase().HashGetAllAsync($"fitfolio/members/{clusterId}");
        var statuses = new Dictionary<SiloAddress, SiloStatus>();
        // Besides one field per silo (named "S" + the address's display form), the hash holds the table's "Version".
        foreach (var row in rows.Where(r => r.Name != "Version"))
        {
            using var json = JsonDocument.Parse(row.Value.ToString());
            var address = json.RootElement.GetProperty("SiloAddress").GetProperty("SiloAddress").GetString()!;
            statuses[SiloAddress.FromParsableString(address)] = (SiloStatus)json.RootElement.GetProperty("Status").GetInt32();
        }

        return statuses;
    }
}
