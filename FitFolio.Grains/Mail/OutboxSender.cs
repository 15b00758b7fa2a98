using System.Collections.Concurrent;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace FitFolio.Grains.Mail;

/// <summary>
/// Delivers the outbox; every silo runs one. Each cycle marks expired and abandoned messages failed,
/// leases a batch of due messages, sends them over up to <see cref="OutboxOptions.Connections"/> SMTP connections
/// (MailKit) at once, one message at a time on each, outside any transaction, and records each outcome: sent, retry
/// later (exponential backoff with jitter), or failed after the last attempt or at a permanent refusal (5xx). It sleeps until a NOTIFY from
/// <see cref="MailOutbox"/>, the next retry falls due, or the poll interval.
/// </summary>
/// <remarks>
/// A message goes out once unless a sender dies (or loses the database) after the SMTP server accepted it
/// but before the row says so; then its lease runs out and it is sent again, with the same Message-ID.
/// SMTP offers no way to close that window: delivery is at least once, and exactly once otherwise. Each
/// message's lease is renewed just before it is sent, fenced by its attempt count, so a message that waited
/// behind others in its batch is never sent on a lease another sender may already have taken over.
/// </remarks>
public sealed partial class OutboxSender : BackgroundService
{
    // A floor on the sleep between cycles, so a row that is due but momentarily locked by another
    // sender's claim cannot make this one spin.
    private static readonly TimeSpan MinimumWait = TimeSpan.FromMilliseconds(50);

    // At shutdown the message being sent gets this long to finish before its send is cancelled: long enough
    // for a healthy relay to answer, short enough to fit well inside the host's stop timeout.
    private static readonly TimeSpan ShutdownSendGrace = TimeSpan.FromSeconds(5);

    private readonly MailOptions _options;
    private readonly OutboxStore _store;

    // One per connection lane (MimeKit documents no thread safety for its DKIM signer), made on the lane's first send,
    // not at start: a silo joining the cluster does not wait for MimeKit to load.
    private readonly MessageComposer?[] _composers;
    private readonly OutboxWakeup _wakeup;
    private readonly TimeProvider _time;
    private readonly ILogger<OutboxSender> _logger;
    private readonly string _senderId = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";

    public OutboxSender(NpgsqlDataSource dataSource, IOptions<MailOptions> options, TimeProvider time, ILogger<OutboxSender> logger)
    {
        _options = options.Value;
        _store = new OutboxStore(dataSource);
        _composers = new MessageComposer?[_options.Outbox.Connections];
        _wakeup = new OutboxWakeup(dataSource, _options.Outbox.PollInterval, time, logger);
        _time = time;
        _logger = logger;
    }

    /// <summary>Identifies this sender in <c>mail_outbox.locked_by</c>.</summary>
    public string SenderId => _senderId;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var outbox = _options.Outbox;
        LogStarted(_senderId, outbox.BatchSize, outbox.Connections, outbox.PollInterval, _options.Smtp.EffectiveSecurity, _options.Dkim.IsConfigured);
        var listening = _wakeup.ListenAsync(stoppingToken);
        try
        {
            await RunAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            await listening;
        }
    }

    private async Task RunAsync(CancellationToken stoppingToken)
    {
        var errorDelay = TimeSpan.FromSeconds(1);
        while (!stoppingToken.IsCancellationRequested)
        {
            TimeSpan wait;
            try
            {
                wait = await RunCycleAsync(stoppingToken);
                errorDelay = TimeSpan.FromSeconds(1);
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                // The database is unreachable, or not migrated yet while the silo starts: try again soon.
                LogCycleFailed(exception, errorDelay);
                wait = errorDelay;
                errorDelay = TimeSpan.FromTicks(Math.Min(errorDelay.Ticks * 2, _options.Outbox.PollInterval.Ticks));
            }

            if (wait > TimeSpan.Zero)
            {
                await _wakeup.WaitAsync(wait, stoppingToken);
            }
        }
    }

    /// <summary>One look at the outbox; returns how long to sleep before the next.</summary>
    private async Task<TimeSpan> RunCycleAsync(CancellationToken stoppingToken)
    {
        var outbox = _options.Outbox;
        foreach (var abandoned in await _store.SweepAsync(outbox.MaxAttempts, stoppingToken))
        {
            LogAbandoned(
                abandoned.Id, MailAddresses.DomainOf(abandoned.To), abandoned.Expired ? "it expired before delivery" : "its last attempt never reported back");
        }

        var claimed = await _store.ClaimAsync(outbox.BatchSize, outbox.MaxAttempts, outbox.Lease, _senderId, stoppingToken);
        if (claimed.Count > 0)
        {
            await DeliverBatchAsync(claimed, stoppingToken);
            if (claimed.Count == outbox.BatchSize)
            {
                return TimeSpan.Zero;
            }
        }

        var untilDue = await _store.TimeUntilNextDueAsync(stoppingToken);
        var wait = untilDue is { } due ? Clamp(due, MinimumWait, outbox.PollInterval) : outbox.PollInterval;
        if (claimed.Count == 0)
        {
            LogIdle(wait);
        }

        return wait;
    }

    /// <summary>
    /// Sends a claimed batch over up to <see cref="OutboxOptions.Connections"/> connections, each taking the next message
    /// when its last is done. On shutdown the messages in flight get <see cref="ShutdownSendGrace"/> and the ones not yet
    /// begun are released for another silo.
    /// </summary>
    private async Task DeliverBatchAsync(List<ClaimedMail> batch, CancellationToken stoppingToken)
    {
        using var sending = new CancellationTokenSource();
        await using var graceOnStop = stoppingToken.Register(() => sending.CancelAfter(ShutdownSendGrace));
        var queue = new ConcurrentQueue<ClaimedMail>(batch);
        var lanes = Math.Min(_composers.Length, batch.Count);
        await Task.WhenAll(Enumerable.Range(0, lanes).Select(lane => DeliverLaneAsync(lane, queue, sending.Token, stoppingToken)));
    }

    private async Task DeliverLaneAsync(int lane, ConcurrentQueue<ClaimedMail> queue, CancellationToken sendToken, CancellationToken stoppingToken)
    {
        // Off the caller's turn, so the lanes' first sends overlap.
        await Task.Yield();
        await using var connection = new SmtpConnection(_options.Smtp);
        while (queue.TryDequeue(out var mail))
        {
            if (stoppingToken.IsCancellationRequested)
            {
                List<ClaimedMail> unsent = [mail];
                while (queue.TryDequeue(out var next))
                {
                    unsent.Add(next);
                }

                await ReleaseAsync(unsent);
                return;
            }

            await DeliverAsync(mail, connection, _composers[lane] ??= new MessageComposer(_options), sendToken);
        }
    }

    private async Task DeliverAsync(ClaimedMail mail, SmtpConnection connection, MessageComposer composer, CancellationToken cancellationToken)
    {
        var domain = MailAddresses.DomainOf(mail.To);
        Exception? failure = null;
        try
        {
            await connection.EnsureOpenAsync(cancellationToken);
            if (!await _store.RenewLeaseAsync(mail, _options.Outbox.Lease, CancellationToken.None))
            {
                LogNotOurs(mail.Id);
                return;
            }

            using var message = composer.Compose(mail);
            await connection.SendAsync(message, cancellationToken);
        }
        catch (Exception exception)
        {
            failure = exception;
        }

        try
        {
            if (failure is null)
            {
                await _store.MarkSentAsync(mail.Id, CancellationToken.None);
                LogSent(mail.Id, mail.Purpose, domain, mail.Attempt);
                return;
            }

            // The description, not the exception, goes to the log: it is the form with the recipient masked.
            var error = FailureDescription.Describe(failure, mail.To, _options.Smtp.Password);
            if (SmtpRefusal.PermanentStatus(failure) is { } status)
            {
                if (await _store.MarkFailedAsync(mail, error, status, CancellationToken.None))
                {
                    LogRefused(mail.Id, mail.Purpose, domain, status, error);
                }

                return;
            }

            if (mail.Attempt >= _options.Outbox.MaxAttempts)
            {
                if (await _store.MarkFailedAsync(mail, error, refusedWithStatus: null, CancellationToken.None))
                {
                    LogGaveUp(mail.Id, mail.Purpose, domain, mail.Attempt, error);
                }

                return;
            }

            var delay = RetrySchedule.DelayAfter(mail.Attempt, _options.Outbox.InitialRetryDelay, _options.Outbox.MaxRetryDelay, Random.Shared.NextDouble());
            if (await _store.ScheduleRetryAsync(mail, delay, error, CancellationToken.None))
            {
                LogRetryScheduled(mail.Id, mail.Purpose, domain, mail.Attempt, delay, error);
            }
        }
        catch (Exception exception)
        {
            // The lease runs out and another sender (or this one) takes the message up again.
            LogRecordFailed(exception, mail.Id, failure is null ? "sent" : "failed");
        }
    }

    private async Task ReleaseAsync(IReadOnlyCollection<ClaimedMail> unsent)
    {
        try
        {
            await _store.ReleaseAsync(unsent, CancellationToken.None);
            LogReleased(unsent.Count);
        }
        catch (Exception exception)
        {
            // Their leases run out instead, and another sender takes them then.
            LogReleaseFailed(exception, unsent.Count);
        }
    }

    private static TimeSpan Clamp(TimeSpan value, TimeSpan min, TimeSpan max) =>
        value < min ? min : value > max ? max : value;

    [LoggerMessage(
        EventId = 3000,
        EventName = "MailOutboxSenderStarted",
        Level = LogLevel.Information,
        Message = "Mail outbox sender {SenderId} started (batch {BatchSize} over {Connections} connections, poll every {PollInterval}, "
            + "SMTP security {Security}, DKIM signing {DkimSigning})")]
    private partial void LogStarted(string senderId, int batchSize, int connections, TimeSpan pollInterval, SmtpSecurity security, bool dkimSigning);

    [LoggerMessage(
        EventId = 3001,
        EventName = "MailSent",
        Level = LogLevel.Information,
        Message = "Sent mail {MessageId} ({Purpose}) to a recipient at {RecipientDomain} on attempt {Attempt}")]
    private partial void LogSent(Guid messageId, string purpose, string recipientDomain, int attempt);

    [LoggerMessage(
        EventId = 3002,
        EventName = "MailRetryScheduled",
        Level = LogLevel.Warning,
        Message = "Sending mail {MessageId} ({Purpose}) to {RecipientDomain} failed on attempt {Attempt}; retrying in {Delay}: {Error}")]
    private partial void LogRetryScheduled(Guid messageId, string purpose, string recipientDomain, int attempt, TimeSpan delay, string error);

    [LoggerMessage(
        EventId = 3003,
        EventName = "MailGaveUp",
        Level = LogLevel.Error,
        Message = "Gave up on mail {MessageId} ({Purpose}) to {RecipientDomain} after {Attempt} attempts: {Error}")]
    private partial void LogGaveUp(Guid messageId, string purpose, string recipientDomain, int attempt, string error);

    [LoggerMessage(
        EventId = 3004, EventName = "MailAbandoned", Level = LogLevel.Warning, Message = "Marked mail {MessageId} to {RecipientDomain} failed: {Reason}")]
    private partial void LogAbandoned(Guid messageId, string recipientDomain, string reason);

    [LoggerMessage(
        EventId = 3005,
        EventName = "MailRecordFailed",
        Level = LogLevel.Error,
        Message = "Could not record that mail {MessageId} was {Outcome}; it will be retried when its lease expires")]
    private partial void LogRecordFailed(Exception exception, Guid messageId, string outcome);

    [LoggerMessage(
        EventId = 3006, EventName = "MailOutboxCycleFailed", Level = LogLevel.Error, Message = "Working the mail outbox failed; trying again in {Delay}")]
    private partial void LogCycleFailed(Exception exception, TimeSpan delay);

    [LoggerMessage(EventId = 3007, EventName = "MailOutboxIdle", Level = LogLevel.Debug, Message = "No mail due; sleeping up to {Wait}")]
    private partial void LogIdle(TimeSpan wait);

    [LoggerMessage(
        EventId = 3008,
        EventName = "MailRefused",
        Level = LogLevel.Error,
        Message = "The SMTP server refused mail {MessageId} ({Purpose}) to {RecipientDomain} permanently ({Status}); not retrying: {Error}")]
    private partial void LogRefused(Guid messageId, string purpose, string recipientDomain, int status, string error);

    [LoggerMessage(
        EventId = 3009,
        EventName = "MailNotOurs",
        Level = LogLevel.Debug,
        Message = "Mail {MessageId} was taken over by another sender or expired before its turn in the batch; not sending it")]
    private partial void LogNotOurs(Guid messageId);

    [LoggerMessage(
        EventId = 3012,
        EventName = "MailReleased",
        Level = LogLevel.Information,
        Message = "Stopping: released {Count} claimed message(s) not yet sent to the other senders")]
    private partial void LogReleased(int count);

    [LoggerMessage(
        EventId = 3013,
        EventName = "MailReleaseFailed",
        Level = LogLevel.Warning,
        Message = "Stopping: could not release {Count} claimed message(s); they are sent when their lease runs out")]
    private partial void LogReleaseFailed(Exception exception, int count);
}
