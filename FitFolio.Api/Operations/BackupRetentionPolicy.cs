using System.Globalization;

namespace FitFolio.Api.Operations;

/// <summary>
/// Which backups to keep, by the UTC time each was taken and the UTC time now:
/// <list type="bullet">
/// <item>daily: the newest backup of each of the last <see cref="Daily"/> UTC calendar days (today and the days before);</item>
/// <item>weekly: the newest backup of each of the last <see cref="Weekly"/> ISO 8601 weeks (Monday to Sunday, this week and the weeks before);</item>
/// <item>monthly: the newest backup of each of the last <see cref="Monthly"/> calendar months (this month and the months before).</item>
/// </list>
/// The union is kept and every other backup may be deleted. Backups stamped after <c>now</c> (a
/// clock that was ahead) are always kept: a rule that does not understand a file never deletes it.
/// The newest backup is never deleted while it is at most <see cref="Monthly"/> months old, since it
/// is the newest of its own day, week and month.
/// </summary>
public sealed record BackupRetentionPolicy(int Daily = 7, int Weekly = 4, int Monthly = 3)
{
    /// <summary>The backups to keep, a subset of <paramref name="takenAt"/>.</summary>
    public IReadOnlySet<DateTime> Keep(IEnumerable<DateTime> takenAt, DateTime now)
    {
        if (Daily < 0 || Weekly < 0 || Monthly < 0)
        {
            throw new InvalidOperationException("Retention counts cannot be negative.");
        }

        now = AsUtc(now);
        var all = takenAt.Select(AsUtc).Distinct().ToList();
        var keep = new HashSet<DateTime>(all.Where(t => t > now));
        var past = all.Where(t => t <= now).ToList();

        var today = DateOnly.FromDateTime(now);
        var days = Enumerable.Range(0, Daily).Select(i => today.AddDays(-i)).ToHashSet();
        KeepNewestPer(past, t => DateOnly.FromDateTime(t), days.Contains, keep);

        var weeks = Enumerable.Range(0, Weekly).Select(i => IsoWeek(now.AddDays(-7 * i))).ToHashSet();
        KeepNewestPer(past, IsoWeek, weeks.Contains, keep);

        var thisMonth = new DateTime(now.Year, now.Month, 1, 0, 0, 0, DateTimeKind.Utc);
        var months = Enumerable.Range(0, Monthly).Select(i => thisMonth.AddMonths(-i)).Select(m => (m.Year, m.Month)).ToHashSet();
        KeepNewestPer(past, t => (t.Year, t.Month), months.Contains, keep);

        return keep;
    }

    /// <summary>The backups the policy lets go, oldest first.</summary>
    public IReadOnlyList<DateTime> Expired(IEnumerable<DateTime> takenAt, DateTime now)
    {
        var all = takenAt.Select(AsUtc).Distinct().ToList();
        var keep = Keep(all, now);
        return [.. all.Where(t => !keep.Contains(t)).Order()];
    }

    private static void KeepNewestPer<TPeriod>(List<DateTime> backups, Func<DateTime, TPeriod> periodOf, Func<TPeriod, bool> counted, HashSet<DateTime> keep)
        where TPeriod : notnull
    {
        foreach (var group in backups.GroupBy(periodOf).Where(g => counted(g.Key)))
        {
            keep.Add(group.Max());
        }
    }

    private static (int Year, int Week) IsoWeek(DateTime time) => (ISOWeek.GetYear(time), ISOWeek.GetWeekOfYear(time));

    private static DateTime AsUtc(DateTime time) => time.Kind switch
    {
        DateTimeKind.Utc => time,
        DateTimeKind.Local => time.ToUniversalTime(),
        _ => DateTime.SpecifyKind(time, DateTimeKind.Utc),
    };
}
