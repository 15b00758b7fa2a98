using System.Net;
using System.Net.Sockets;
using FitFolio.MailCatcher.Mime;
using FitFolio.MailCatcher.Smtp;
using Microsoft.Extensions.Logging.Abstractions;

namespace FitFolio.MailCatcher;

/// <summary>
/// An SMTP server (the RFC 5321 subset mail submission needs) that keeps what it receives in memory.
/// The mailbox web app hosts one; tests start their own on port 0 and await deliveries with
/// <see cref="WaitForMessageAsync"/>, which completes when a message arrives rather than by polling.
/// </summary>
public sealed partial class SmtpSink : IAsyncDisposable
{
    private readonly SmtpSinkOptions _options;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private readonly List<ReceivedMessage> _messages = [];
    private readonly List<Action<List<ReceivedMessage>>> _waiters = [];
    private readonly HashSet<Task> _sessions = [];
    private long _lastId;
    private TcpListener? _listener;
    private CancellationTokenSource? _stopping;
    private Task? _acceptLoop;

    public SmtpSink(SmtpSinkOptions? options = null, ILogger<SmtpSink>? logger = null)
    {
        _options = options ?? new SmtpSinkOptions();
        _logger = logger ?? (ILogger)NullLogger.Instance;
    }

    /// <summary>Raised after a message is stored, on the thread of the SMTP session that received it.</summary>
    public event EventHandler<ReceivedMessage>? MessageReceived;

    /// <summary>The port the sink listens on (the real one when started with port 0).</summary>
    public int Port => _listener is { } listener
        ? ((IPEndPoint)listener.LocalEndpoint).Port
        : throw new InvalidOperationException("The SMTP sink is not started.");

    public bool IsListening => _listener is not null;

    /// <summary>A snapshot of the stored messages, oldest first.</summary>
    public IReadOnlyList<ReceivedMessage> Messages
    {
        get
        {
            lock (_gate)
            {
                return [.. _messages];
            }
        }
    }

    public ReceivedMessage? Find(long id)
    {
        lock (_gate)
        {
            return _messages.Find(message => message.Id == id);
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _messages.Clear();
        }
    }

    /// <summary>Starts listening on <paramref name="port"/> (0: any free port, then read <see cref="Port"/>).</summary>
    public Task StartAsync(int port, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (_listener is not null)
        {
            throw new InvalidOperationException("The SMTP sink is already started.");
        }

        var listener = new TcpListener(IPAddress.Parse(_options.BindAddress), port);
        listener.Start();
        _listener = listener;
        _stopping = new CancellationTokenSource();
        _acceptLoop = AcceptLoopAsync(listener, _stopping.Token);
        LogListening(_options.BindAddress, Port);
        return Task.CompletedTask;
    }

    /// <summary>Stops listening and ends open sessions (telling clients 421); stored messages stay.</summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        if (_listener is not { } listener)
        {
            return;
        }

        await _stopping!.CancelAsync();
        listener.Stop();
        await _acceptLoop!;
        Task[] sessions;
        lock (_gate)
        {
            sessions = [.. _sessions];
        }

        await Task.WhenAll(sessions).WaitAsync(cancellationToken);
        listener.Dispose();
        _stopping.Dispose();
        _listener = null;
    }

    public async ValueTask DisposeAsync() => await StopAsync();

    /// <summary>The first stored or arriving message that matches; <see cref="TimeoutException"/> if none within <paramref name="timeout"/>.</summary>
    public Task<ReceivedMessage> WaitForMessageAsync(Func<ReceivedMessage, bool> predicate, TimeSpan timeout, CancellationToken cancellationToken = default) =>
        WaitAsync(messages => messages.Find(message => predicate(message)), timeout, "a matching message", cancellationToken);

    /// <summary>Completes once at least <paramref name="count"/> stored messages match, returning them oldest first.</summary>
    public Task<IReadOnlyList<ReceivedMessage>> WaitForMessagesAsync(int count, Func<ReceivedMessage, bool> predicate, TimeSpan timeout, CancellationToken cancellationToken = default) =>
        WaitAsync<IReadOnlyList<ReceivedMessage>>(
            messages => messages.Where(predicate).ToList() is { } matching && matching.Count >= count ? matching : null,
            timeout,
            $"{count} matching messages",
            cancellationToken);

    private async Task<T> WaitAsync<T>(Func<List<ReceivedMessage>, T?> check, TimeSpan timeout, string what, CancellationToken cancellationToken)
        where T : class
    {
        var arrived = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        void Probe(List<ReceivedMessage> messages)
        {
            try
            {
                if (check(messages) is { } result)
                {
                    arrived.TrySetResult(result);
                }
            }
            catch (Exception exception)
            {
                arrived.TrySetException(exception);
            }
        }

        lock (_gate)
        {
            Probe(_messages);
            _waiters.Add(Probe);
        }

        try
        {
            return await arrived.Task.WaitAsync(timeout, cancellationToken);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"The SMTP sink did not receive {what} within {timeout} ({Messages.Count} messages stored).");
        }
        finally
        {
            lock (_gate)
            {
                _waiters.Remove(Probe);
            }
        }
    }

    internal ReceivedMessage Store(byte[] raw, string envelopeFrom, IReadOnlyList<string> recipients)
    {
        var parsed = MimeMessageParser.Parse(raw);
        ReceivedMessage message;
        lock (_gate)
        {
            message = new ReceivedMessage(++_lastId, DateTimeOffset.UtcNow, envelopeFrom, recipients, parsed.Headers, parsed.TextBody, parsed.HtmlBody, raw.Length)
            {
                Raw = raw,
            };
            _messages.Add(message);
            if (_messages.Count > _options.MaxStoredMessages)
            {
                _messages.RemoveRange(0, _messages.Count - _options.MaxStoredMessages);
            }

            foreach (var waiter in _waiters)
            {
                waiter(_messages);
            }
        }

        LogReceived(message.Id, recipients.Count, raw.Length);
        MessageReceived?.Invoke(this, message);
        return message;
    }

    private async Task AcceptLoopAsync(TcpListener listener, CancellationToken stopping)
    {
        while (true)
        {
            TcpClient client;
            try
            {
                client = await listener.AcceptTcpClientAsync(stopping);
            }
            catch (Exception exception) when (exception is OperationCanceledException or ObjectDisposedException || stopping.IsCancellationRequested)
            {
                return;
            }
            catch (SocketException exception)
            {
                // A client that resets before being accepted must not stop the server.
                LogAcceptFailed(exception);
                continue;
            }

            var session = RunSessionAsync(client, stopping);
            lock (_gate)
            {
                _sessions.Add(session);
            }

            _ = session.ContinueWith(
                finished =>
                {
                    lock (_gate)
                    {
                        _sessions.Remove(finished);
                    }
                },
                CancellationToken.None,
                TaskContinuationOptions.ExecuteSynchronously,
                TaskScheduler.Default);
        }
    }

    private async Task RunSessionAsync(TcpClient client, CancellationToken stopping)
    {
        // Off the accept loop's stack, so one slow client never delays accepting the next.
        await Task.Yield();
        using (client)
        {
            var remote = client.Client.RemoteEndPoint?.ToString() ?? "unknown";
            try
            {
                await using var stream = client.GetStream();
                await new SmtpSession(stream, _options, Store).RunAsync(stopping);
            }
            catch (Exception exception) when (exception is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
            {
                LogSessionDropped(remote, exception.GetType().Name);
            }
            catch (Exception exception)
            {
                // A bug in one session must not take the catcher down with it.
                LogSessionFailed(exception, remote);
            }
        }
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "SMTP sink listening on {Address}:{Port}")]
    private partial void LogListening(string address, int port);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Received message {Id} for {RecipientCount} recipient(s), {Size} bytes")]
    private partial void LogReceived(long id, int recipientCount, int size);

    [LoggerMessage(EventId = 3, Level = LogLevel.Debug, Message = "SMTP session with {Remote} dropped ({Reason})")]
    private partial void LogSessionDropped(string remote, string reason);

    [LoggerMessage(EventId = 4, Level = LogLevel.Error, Message = "SMTP session with {Remote} failed")]
    private partial void LogSessionFailed(Exception exception, string remote);

    [LoggerMessage(EventId = 5, Level = LogLevel.Warning, Message = "Accepting an SMTP connection failed")]
    private partial void LogAcceptFailed(Exception exception);
}
