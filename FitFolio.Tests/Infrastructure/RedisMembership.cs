using System.Text.Json;
using StackExchange.Redis;

namespace FitFolio.Tests.Infrastructure;

/// <summary>Reads Orleans' membership rows straight from Redis: what a silo wrote about itself, whatever it now believes.</summary>
public static class RedisMembership
{
    /// <summary>The status a silo's row holds (Orleans' SiloStatus name, e.g. Active, Dead), or null when it has no row.</summary>
    public static async Task<string?> StatusOfAsync(string clusterId, SiloAddress silo)
    {
        await using var redis = await ConnectionMultiplexer.ConnectAsync(RedisServer.ConnectionString);
        var rows = await redis.GetDatabase().HashGetAllAsync($"fitfolio/members/{clusterId}");
        foreach (var row in rows.Where(r => r.Name != "Version"))
        {
            // A row: {"SiloAddress":{"SiloAddress":"127.0.0.1:11111@155541774"},"Status":3,...}
            using var json = JsonDocument.Parse(row.Value.ToString());
            if (json.RootElement.GetProperty("SiloAddress").GetProperty("SiloAddress").GetString() == silo.ToParsableString())
            {
                return ((SiloStatus)json.RootElement.GetProperty("Status").GetInt32()).ToString();
            }
        }

        return null;
    }
}
