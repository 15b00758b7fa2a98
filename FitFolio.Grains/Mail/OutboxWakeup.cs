using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace FitFolio.Grains.Mail;

/// <summary>
/// Wakes a sender when mail is enqueued: LISTEN on <see cref="MailOutbox.NotificationChannel"/> over a
/// dedicated connection, reconnecting when it drops. Signals coalesce (one pending at most), so a burst
/// of enqueues costs one extra look at the outbox, not one per message.
/// </summary>
internal sealed partial class OutboxWakeup(NpgsqlDataSource dataSource, TimeSpan keepAliveInterval, TimeProvider time, ILogger logger)
{
    private readonly Channel<bool> _signals = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    public void Signal() => _signals.Writer.TryWrite(true);

    /// <summary>Waits for a signal or for <paramref name="timeout"/>; true if signalled.</summary>
    public async Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (_signals.Reader.TryRead(out _))
        {
            return true;
        }

        using var timer = new CancellationTokenSource(timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timer.Token);
        try
        {
            await _signals.Reader.WaitToReadAsync(linked.Token);
            return _signals.Reader.TryRead(out _);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    /// <summary>Listens until <paramref name="cancellationToken"/> fires; failures are logged and retried, never thrown.</summary>
    public async Task ListenAsync(CancellationToken cancellationToken)
    {
        var retryDelay = TimeSpan.FromMilliseconds(500);
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
                connection.Notification += (_, _) => Signal();
                await using (var listen = new NpgsqlCommand("listen " + MailOutbox.NotificationChannel, connection))
                {
                    await listen.ExecuteNonQueryAsync(cancellationToken);
                }

                // Whatever was enqueued while not listening raised no notification we could hear.
                Signal();
                LogListening();
                retryDelay = TimeSpan.FromMilliseconds(500);
                while (true)
                {
                    if (!await connection.WaitAsync(keepAliveInterval, cancellationToken))
                    {
                        // A quiet connection may be a dead one; a round trip finds out, and a failure reconnects.
                        await using var ping = new NpgsqlCommand("select 1", connection);
                        await ping.ExecuteScalarAsync(cancellationToken);
                    }
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                LogListenFailed(exception, retryDelay);
                try
                {
                    await Task.Delay(retryDelay, time, cancellationToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }

                retryDelay = TimeSpan.FromTicks(Math.Min(retryDelay.Ticks * 2, keepAliveInterval.Ticks));
            }
        }
    }

    [LoggerMessage(EventId = 3010, EventName = "MailOutboxListening", Level = LogLevel.Debug, Message = "Listening for enqueued mail")]
    private partial void LogListening();

    [LoggerMessage(
        EventId = 3011,
        EventName = "MailOutboxListenFailed",
        Level = LogLevel.Warning,
        Message = "Listening for enqueued mail failed; reconnecting in {Delay}")]
    private partial void LogListenFailed(Exception exception, TimeSpan delay);
}
