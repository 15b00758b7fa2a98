using FitFolio.Grains.Users;

namespace FitFolio.Grains.Sessions;

/// <summary>
/// Devices that signed in to an account before, known by the SHA-256 of a long-lived random
/// cookie. A user agent or an IP would be a poor key: both change under people's feet and are
/// shared by thousands; a cookie names one browser profile and nothing else.
/// </summary>
internal static class KnownDevices
{
    /// <summary>Notes a sign-in from the device; true when the account had other devices and this one is new.</summary>
    public static async Task<bool> RecordAsync(UserWrite write, Guid userId, byte[] deviceHash, DateTimeOffset now)
    {
        await using var command = write.Command(
            """
            with others as (select count(*) as n from known_devices where user_id = @user and device_hash <> @device),
                 upsert as (
                   insert into known_devices (user_id, device_hash, first_seen_at, last_seen_at)
                   values (@user, @device, @now, @now)
                   on conflict (user_id, device_hash) do update set last_seen_at = excluded.last_seen_at
                   returning (xmax = 0) as inserted
                 )
            select upsert.inserted and others.n > 0 from upsert, others
            """);
        command.Parameters.AddWithValue("user", userId);
        command.Parameters.AddWithValue("device", deviceHash);
        command.Parameters.AddWithValue("now", now);
        return (bool)(await command.ExecuteScalarAsync())!;
    }
}
