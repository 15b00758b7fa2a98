using FitFolio.Api.Operations;

namespace FitFolio.Tests.Operations;

public sealed class BackupRetentionPolicyTests
{
    private static readonly BackupRetentionPolicy Default = new();

    [Fact]
    public void Nightly_backups_keep_seven_days_four_sundays_and_three_month_ends()
    {
        var now = At("2026-11-22T03:00:00"); // a Sunday
        var nightly = Nightly(At("2026-05-01T02:00:00"), At("2026-11-22T02:00:00"));

        var kept = Default.Keep(nightly, now);

        Assert.Equal(
            [
                At("2026-09-30T02:00:00"), At("2026-10-31T02:00:00"),
                At("2026-11-01T02:00:00"), At("2026-11-08T02:00:00"), At("2026-11-15T02:00:00"),
                At("2026-11-16T02:00:00"), At("2026-11-17T02:00:00"), At("2026-11-18T02:00:00"), At("2026-11-19T02:00:00"),
                At("2026-11-20T02:00:00"), At("2026-11-21T02:00:00"), At("2026-11-22T02:00:00"),
            ],
            kept.Order());
    }

    [Fact]
    public void Of_several_backups_in_one_day_only_the_newest_is_kept()
    {
        var now = At("2026-11-22T12:00:00");
        var backups = new[] { At("2026-11-21T01:00:00"), At("2026-11-21T13:00:00"), At("2026-11-21T23:59:59"), At("2026-11-22T01:00:00") };

        Assert.Equal([At("2026-11-21T01:00:00"), At("2026-11-21T13:00:00")], Default.Expired(backups, now));
    }

    [Fact]
    public void Weeks_are_ISO_weeks_even_across_a_new_year()
    {
        // 2026-12-28 (Monday) to 2027-01-03 (Sunday) is ISO week 53 of 2026; week 1 of 2027 starts 2027-01-04.
        var weekly = new BackupRetentionPolicy(Daily: 0, Weekly: 2, Monthly: 0);
        var backups = new[]
        {
            At("2026-12-21T02:00:00"),
            At("2026-12-31T02:00:00"),
            At("2027-01-02T02:00:00"),
            At("2027-01-03T02:00:00"),
            At("2027-01-05T02:00:00")
        };

        var kept = weekly.Keep(backups, At("2027-01-06T12:00:00"));

        Assert.Equal([At("2027-01-03T02:00:00"), At("2027-01-05T02:00:00")], kept.Order());
    }

    [Fact]
    public void Months_are_calendar_months_counting_this_one()
    {
        var monthly = new BackupRetentionPolicy(Daily: 0, Weekly: 0, Monthly: 3);
        var backups = new[]
        {
            At("2026-08-31T23:59:59"),
            At("2026-09-01T00:00:00"),
            At("2026-10-15T02:00:00"),
            At("2026-10-20T02:00:00"),
            At("2026-11-01T02:00:00")
        };

        var kept = monthly.Keep(backups, At("2026-11-22T03:00:00"));

        Assert.Equal([At("2026-09-01T00:00:00"), At("2026-10-20T02:00:00"), At("2026-11-01T02:00:00")], kept.Order());
    }

    [Fact]
    public void Midnight_UTC_begins_the_new_day()
    {
        var backups = new[] { At("2026-11-21T23:59:59"), At("2026-11-22T00:00:00") };
        var now = At("2026-11-22T00:00:00");

        Assert.Equal([At("2026-11-22T00:00:00")], new BackupRetentionPolicy(Daily: 1, Weekly: 0, Monthly: 0).Keep(backups, now));
        Assert.Equal(2, new BackupRetentionPolicy(Daily: 2, Weekly: 0, Monthly: 0).Keep(backups, now).Count);
    }

    [Fact]
    public void When_backups_stopped_ten_days_ago_the_weekly_and_monthly_survivors_remain()
    {
        var nightly = Nightly(At("2026-05-01T02:00:00"), At("2026-11-12T02:00:00")); // a Thursday

        var kept = Default.Keep(nightly, At("2026-11-22T03:00:00"));

        Assert.Equal(
            [At("2026-09-30T02:00:00"), At("2026-10-31T02:00:00"), At("2026-11-01T02:00:00"), At("2026-11-08T02:00:00"), At("2026-11-12T02:00:00")],
            kept.Order());
    }

    [Fact]
    public void A_backup_stamped_in_the_future_is_never_deleted()
    {
        var backups = new[] { At("2026-11-22T01:00:00"), At("2026-11-23T00:00:00"), At("2027-06-01T00:00:00") };

        Assert.Empty(new BackupRetentionPolicy(0, 0, 0).Expired(backups.Skip(1), At("2026-11-22T03:00:00")));
        Assert.Equal([At("2026-11-22T01:00:00")], new BackupRetentionPolicy(0, 0, 0).Expired(backups, At("2026-11-22T03:00:00")));
    }

    [Fact]
    public void The_newest_backup_is_always_kept_and_keeping_is_stable()
    {
        var now = At("2026-11-22T03:00:00");
        var random = new Random(20261122);
        var backups = Enumerable.Range(0, 500).Select(_ => now.AddMinutes(-random.Next(0, 60 * 24 * 200))).Distinct().ToList();

        var kept = Default.Keep(backups, now);

        Assert.Contains(backups.Max(), kept);
        Assert.True(kept.Count <= 7 + 4 + 3);
        Assert.Equal(kept.Order(), Default.Keep(kept, now).Order());
        Assert.Equal(backups.Count, kept.Count + Default.Expired(backups, now).Count);
    }

    [Fact]
    public void No_backups_keep_nothing_and_negative_counts_are_refused()
    {
        Assert.Empty(Default.Keep([], At("2026-11-22T03:00:00")));
        Assert.Throws<InvalidOperationException>(() => new BackupRetentionPolicy(Daily: -1).Keep([], At("2026-11-22T03:00:00")));
    }

    private static DateTime At(string utc) => DateTime.SpecifyKind(DateTime.Parse(utc, System.Globalization.CultureInfo.InvariantCulture), DateTimeKind.Utc);

    private static List<DateTime> Nightly(DateTime first, DateTime last)
    {
        var nights = new List<DateTime>();
        for (var night = first; night <= last; night = night.AddDays(1))
        {
            nights.Add(night);
        }

        return nights;
    }
}
