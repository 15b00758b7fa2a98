using System.Text.Json;
using StackExchange.Redis;

namespace FitFolio.Silo.Readiness;

/// <summary>
/// Orleans' membership rows as its Redis clustering stores them: hash <c>{ServiceId}/members/{ClusterId}</c>,
/// one JSON row per silo incarnation (a restart is a new row) beside a <c>Version</c> field. Read
/// without joining the cluster, by what must know which silos run rather than what one silo
/// believes: restore's refusal, the rehearsal, tests.
/// </summary>
public static class MembershipRows
{
    public static RedisKey Key(string clusterId) => $"{FitFolio.Silo.Hosting.SiloBuilderExtensions.ServiceId}/members/{clusterId}";

    public static async Task<IReadOnlyList<MembershipRow>> ReadAsync(IDatabaseAsync redis, string clusterId)
    {
        var rows = new List<MembershipRow>();
        foreach (var field in await redis.HashGetAllAsync(Key(clusterId)))
        {
            // Every other field is a silo's row: JSON of Orleans' MembershipEntry.
            if (field.Name == "Version")
            {
                continue;
            }

            using var json = JsonDocument.Parse(field.Value.ToString());
            var row = json.RootElement;
            rows.Add(new MembershipRow(
                SiloAddress.FromParsableString(row.GetProperty("SiloAddress").GetProperty("SiloAddress").GetString()!),
                (SiloStatus)row.GetProperty("Status").GetInt32(),
                row.GetProperty("IAmAliveTime").GetDateTimeOffset()));
        }

        return rows;
    }
}
