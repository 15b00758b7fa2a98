namespace FitFolio.Grains.Mail;

/// <summary>When to try a failed message again.</summary>
internal static class RetrySchedule
{
    /// <summary>
    /// The wait after failed attempt number <paramref name="attempt"/> (1-based): <paramref name="initial"/>
    /// doubled per attempt, capped at <paramref name="max"/>, then scaled into 75–100% by
    /// <paramref name="jitter"/> (0 to 1). The jitter spreads out messages that failed together in a relay
    /// outage, so they do not all return in the same instant.
    /// </summary>
    public static TimeSpan DelayAfter(int attempt, TimeSpan initial, TimeSpan max, double jitter)
    {
        var doublings = Math.Clamp(attempt - 1, 0, 40);
        var nominal = Math.Min(initial.TotalMilliseconds * Math.Pow(2, doublings), max.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(nominal * (0.75 + (0.25 * Math.Clamp(jitter, 0, 1))));
    }
}
