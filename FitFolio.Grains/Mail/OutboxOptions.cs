namespace FitFolio.Grains.Mail;

/// <summary>How each silo's <see cref="OutboxSender"/> works the outbox (configuration section <c>Mail:Outbox</c>).</summary>
public sealed class OutboxOptions
{
    /// <summary>
    /// The longest a sender sleeps between looks at the outbox. Enqueued mail wakes senders at once through
    /// LISTEN/NOTIFY; this only bounds the delay if a notification is lost. Default: 10 seconds.
    /// </summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Messages one sender claims at a time. Default: 20.</summary>
    public int BatchSize { get; set; } = 20;

    /// <summary>
    /// SMTP connections one sender delivers a batch over at once, each taking the batch's next message when its last is
    /// done. One connection sends one message at a time and waits for each reply, so its rate is one over the relay's
    /// round trip whatever the cores: four lift a sign-in flood's delivery about fourfold, and stay well under what a
    /// relay allows one client (Postfix: 50 connections). Default: 4.
    /// </summary>
    public int Connections { get; set; } = 4;

    /// <summary>Sending attempts before a message is marked failed (the row is kept). Default: 10.</summary>
    public int MaxAttempts { get; set; } = 10;

    /// <summary>
    /// How long a claim is exclusive. A sender that crashes mid-send holds its messages this long before
    /// another silo retries them; it must be at least twice <see cref="SmtpOptions.Timeout"/> so that a slow
    /// but live send is never claimed twice. Default: 2 minutes.
    /// </summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Wait before the second attempt; it doubles per attempt (less up to 25% jitter). Default: 5 seconds.</summary>
    public TimeSpan InitialRetryDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The cap on the doubling retry wait. Default: 15 minutes.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(15);
}
