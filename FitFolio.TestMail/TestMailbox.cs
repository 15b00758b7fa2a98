using System.Buffers;
using System.Net;
using MimeKit;
using SmtpServer;
using SmtpServer.ComponentModel;
using SmtpServer.Mail;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace FitFolio.TestMail;

/// <summary>
/// A real SMTP server on a loopback port, in this process: SmtpServer speaks the protocol, MimeKit parses
/// what arrives, and this class only keeps the messages and lets a test wait for them. It answers what the
/// test tells it to (<see cref="RecipientReply"/>, <see cref="DataReply"/>, <see cref="DataReplyDelay"/>),
/// so refusals and a slow relay are real SMTP exchanges too.
/// </summary>
public sealed class TestMailbox(int maxStoredMessages = 10_000) : IAsyncDisposable
{
    private readonly Lock _gate = new();
    private readonly List<ReceivedMail> _messages = [];
    private readonly List<Action> _waiters = [];
    private readonly CancellationTokenSource _stop = new();
    private SmtpServer.SmtpServer? _server;
    private Task _running = Task.CompletedTask;
    private long _nextId;
    private int _sessions;
    private int _open;
    private int _mostConcurrent;
    private int _dataTransfers;

    /// <summary>The port it listens on, once started.</summary>
    public int Port { get; private set; }

    /// <summary>Answers RCPT TO for an address; null accepts it. Default: accept every recipient.</summary>
    public Func<string, SmtpResponse?>? RecipientReply { get; set; }

    /// <summary>Answers the end of DATA for a message it would otherwise keep; null keeps it (250). Default: keep.</summary>
    public Func<ReceivedMail, SmtpResponse?>? DataReply { get; set; }

    /// <summary>How long the server waits before answering the end of DATA: a slow relay. Default: no wait.</summary>
    public TimeSpan DataReplyDelay { get; set; }

    /// <summary>
    /// When set before <see cref="StartAsync"/>, the server requires SMTP AUTH (PLAIN or LOGIN, allowed
    /// without TLS on loopback) with exactly this user name and password. Default: no authentication.
    /// </summary>
    public (string User, string Password)? RequiredCredentials { get; init; }

    /// <summary>How many SMTP connections (sessions) clients have opened so far.</summary>
    public int Sessions => Volatile.Read(ref _sessions);

    /// <summary>The most SMTP sessions that were open at the same moment so far.</summary>
    public int MostConcurrentSessions => Volatile.Read(ref _mostConcurrent);

    /// <summary>How many messages have arrived whole (end of DATA), answered yet or not.</summary>
    public int DataTransfers => Volatile.Read(ref _dataTransfers);

    /// <summary>Every message kept so far, in arrival order (the oldest are dropped past the capacity).</summary>
    public IReadOnlyList<ReceivedMail> Messages
    {
        get
        {
            lock (_gate)
            {
                return [.. _messages];
            }
        }
    }

    /// <summary>Starts listening on 127.0.0.1:<paramref name="port"/> (0: a free port) and returns once it accepts connections.</summary>
    public async Task StartAsync(int port = 0, CancellationToken cancellationToken = default)
    {
        var listening = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var services = new ServiceProvider();
        services.Add(new NoDelayListenerFactory(endpoint => listening.TrySetResult(endpoint.Port)));
        services.Add(new Store(this));
        services.Add(new Filter(this));
        if (RequiredCredentials is { } credentials)
        {
            services.Add(
                new SmtpServer.Authentication.DelegatingUserAuthenticator((_, user, password) => user == credentials.User && password == credentials.Password));
        }

        var options = new SmtpServerOptionsBuilder()
            .ServerName("localhost")
            .Endpoint(endpoint => endpoint.Endpoint(new IPEndPoint(IPAddress.Loopback, port)).IsSecure(false)
                .AuthenticationRequired(RequiredCredentials is not null).AllowUnsecureAuthentication(RequiredCredentials is not null))
            .Build();
        _server = new SmtpServer.SmtpServer(options, services);
        _server.SessionCreated += (_, _) =>
        {
            Interlocked.Increment(ref _sessions);
            var open = Interlocked.Increment(ref _open);
            int most;
            while (open > (most = Volatile.Read(ref _mostConcurrent)) && Interlocked.CompareExchange(ref _mostConcurrent, open, most) != most)
            {
            }
        };
        _server.SessionCompleted += (_, _) => Interlocked.Decrement(ref _open);
        _server.SessionFaulted += (_, _) => Interlocked.Decrement(ref _open);
        _server.SessionCancelled += (_, _) => Interlocked.Decrement(ref _open);
        _running = _server.StartAsync(_stop.Token);
        var started = await Task.WhenAny(listening.Task, _running).WaitAsync(TimeSpan.FromSeconds(30), cancellationToken);
        if (started != listening.Task)
        {
            await _running;
            throw new InvalidOperationException("The SMTP server stopped before it listened.");
        }

        Port = await listening.Task;
    }

    /// <summary>The first message matching <paramref name="predicate"/>, waiting for it to arrive.</summary>
    public async Task<ReceivedMail> WaitForMessageAsync(Func<ReceivedMail, bool> predicate, TimeSpan timeout, CancellationToken cancellationToken = default) =>
        (await WaitForMessagesAsync(1, predicate, timeout, cancellationToken))[0];

    /// <summary>The first <paramref name="count"/> messages matching <paramref name="predicate"/>, waiting for them to arrive.</summary>
    public async Task<IReadOnlyList<ReceivedMail>> WaitForMessagesAsync(
        int count, Func<ReceivedMail, bool> predicate, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var done = new TaskCompletionSource<IReadOnlyList<ReceivedMail>>(TaskCreationOptions.RunContinuationsAsynchronously);
        void Probe()
        {
            var matching = _messages.Where(predicate).ToList();
            if (matching.Count >= count)
            {
                done.TrySetResult(matching);
            }
        }

        lock (_gate)
        {
            Probe();
            _waiters.Add(Probe);
        }

        try
        {
            return await done.Task.WaitAsync(timeout, cancellationToken);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"Expected {count} matching messages within {timeout}; received: {string.Join("; ", Messages)}");
        }
        finally
        {
            lock (_gate)
            {
                _waiters.Remove(Probe);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _server?.Shutdown();
        try
        {
            await _running;
        }
        catch (OperationCanceledException)
        {
            // How SmtpServer reports the stop it was asked for.
        }

        _stop.Dispose();
    }

    private ReceivedMail Parse(IMessageTransaction transaction, ReadOnlySequence<byte> buffer)
    {
        using var stream = new MemoryStream(buffer.ToArray(), writable: false);
        var message = MimeMessage.Load(stream);
        return new ReceivedMail(
            Interlocked.Increment(ref _nextId).ToString(System.Globalization.CultureInfo.InvariantCulture),
            transaction.From is { } from ? AddressOf(from) : null,
            [.. transaction.To.Select(AddressOf)],
            message);
    }

    private void Keep(ReceivedMail mail)
    {
        lock (_gate)
        {
            _messages.Add(mail);
            if (_messages.Count > maxStoredMessages)
            {
                _messages.RemoveAt(0);
            }

            foreach (var waiter in _waiters.ToList())
            {
                waiter();
            }
        }
    }

    private static string AddressOf(IMailbox mailbox) => string.IsNullOrEmpty(mailbox.Host) ? mailbox.User : $"{mailbox.User}@{mailbox.Host}";

    private sealed class Store(TestMailbox mailbox) : MessageStore
    {
        public override async Task<SmtpResponse> SaveAsync(
            ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref mailbox._dataTransfers);
            if (mailbox.DataReplyDelay > TimeSpan.Zero)
            {
                await Task.Delay(mailbox.DataReplyDelay, cancellationToken);
            }

            var mail = mailbox.Parse(transaction, buffer);
            if (mailbox.DataReply?.Invoke(mail) is { } refusal)
            {
                return refusal;
            }

            mailbox.Keep(mail);
            return SmtpResponse.Ok;
        }
    }

    private sealed class Filter(TestMailbox mailbox) : IMailboxFilter
    {
        public Task<bool> CanAcceptFromAsync(ISessionContext context, IMailbox from, int size, CancellationToken cancellationToken) => Task.FromResult(true);

        public Task<bool> CanDeliverToAsync(ISessionContext context, IMailbox to, IMailbox from, CancellationToken cancellationToken) =>
            mailbox.RecipientReply?.Invoke(AddressOf(to)) is { } refusal ? throw new SmtpResponseException(refusal) : Task.FromResult(true);
    }
}
