using FitFolio.Grains.Mail;

namespace FitFolio.Tests.Mail;

public sealed class RetryScheduleTests
{
    private static readonly TimeSpan Initial = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan Max = TimeSpan.FromMinutes(15);

    [Theory]
    [InlineData(1, 5)]
    [InlineData(2, 10)]
    [InlineData(3, 20)]
    [InlineData(8, 640)]
    [InlineData(9, 900)]
    [InlineData(50, 900)]
    public void The_wait_doubles_from_five_seconds_up_to_fifteen_minutes(int attempt, int seconds)
    {
        Assert.Equal(TimeSpan.FromSeconds(seconds), RetrySchedule.DelayAfter(attempt, Initial, Max, jitter: 1));
    }

    [Fact]
    public void Jitter_takes_off_at_most_a_quarter()
    {
        Assert.Equal(TimeSpan.FromSeconds(15), RetrySchedule.DelayAfter(3, Initial, Max, jitter: 0));
        Assert.Equal(TimeSpan.FromSeconds(17.5), RetrySchedule.DelayAfter(3, Initial, Max, jitter: 0.5));
        Assert.Equal(TimeSpan.FromSeconds(675), RetrySchedule.DelayAfter(30, Initial, Max, jitter: 0));
    }
}
