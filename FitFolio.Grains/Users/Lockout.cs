using Npgsql;
using NpgsqlTypes;

namespace FitFolio.Grains.Users;

/// <summary>
/// One sign-in path's lockout: failures in a row, the current lock, and how many locks came
/// before (each doubles the next, so a patient attacker gains ever less per day).
/// </summary>
internal sealed class Lockout
{
    public int Failures { get; set; }

    public DateTimeOffset? LockedUntil { get; set; }

    public int Lockouts { get; set; }

    public TimeSpan? RemainingAt(DateTimeOffset now) => LockedUntil is { } until && until > now ? until - now : null;

    /// <returns>The new lock's length when this failure locked the path; null otherwise.</returns>
    public TimeSpan? RecordFailure(DateTimeOffset now, AuthOptions options)
    {
        Failures++;
        if (Failures < options.LockoutThreshold)
        {
            return null;
        }

        var doubling = Math.Min(Lockouts, 16);
        var duration = TimeSpan.FromTicks(Math.Min(options.LockoutDuration.Ticks << doubling, options.MaxLockoutDuration.Ticks));
        Lockouts++;
        Failures = 0;
        LockedUntil = now + duration;
        return duration;
    }

    /// <summary>
    /// Reads the three lockout columns from <paramref name="first"/> on (failures, locked until, lockouts), as every
    /// table that keeps one lays them out; nulls (an address with no lockout row yet) read as a clean slate.
    /// </summary>
    public void Read(NpgsqlDataReader reader, int first)
    {
        Failures = reader.IsDBNull(first) ? 0 : reader.GetInt32(first);
        LockedUntil = reader.IsDBNull(first + 1) ? null : reader.GetFieldValue<DateTimeOffset>(first + 1);
        Lockouts = reader.IsDBNull(first + 2) ? 0 : reader.GetInt32(first + 2);
    }

    /// <summary>Binds <c>@failures</c>, <c>@until</c> and <c>@lockouts</c>, the names every statement that saves a lockout uses.</summary>
    public void Bind(NpgsqlParameterCollection parameters)
    {
        parameters.AddWithValue("failures", Failures);
        parameters.AddWithValue("until", NpgsqlDbType.TimestampTz, (object?)LockedUntil ?? DBNull.Value);
        parameters.AddWithValue("lockouts", Lockouts);
    }

    public void RecordSuccess()
    {
        Failures = 0;
        Lockouts = 0;
        LockedUntil = null;
    }
}
