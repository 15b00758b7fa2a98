namespace FitFolio.Grains.Maintenance;

/// <summary>Configuration section <c>Maintenance</c>.</summary>
public sealed class MaintenanceOptions
{
    public const string Section = "Maintenance";

    /// <summary>How often the cluster cleans up. Default 10 minutes.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Accounts whose address was never verified are deleted this long after creation. Default 24 hours.</summary>
    public TimeSpan UnverifiedAccountLifetime { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Ended sessions (expired or revoked) are kept this long for the sessions history, then deleted. Default 30 days.</summary>
    public TimeSpan EndedSessionRetention { get; set; } = TimeSpan.FromDays(30);

    /// <summary>
    /// Stored answers to writes sent with an <c>Idempotency-Key</c> are deleted this long after the write. Default 24 hours:
    /// the app retries within minutes, and the IETF draft and Stripe both keep keys a day.
    /// </summary>
    public TimeSpan IdempotencyKeyLifetime { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Audit events older than this are deleted. Default 365 days.</summary>
    public TimeSpan AuditRetention { get; set; } = TimeSpan.FromDays(365);
}
