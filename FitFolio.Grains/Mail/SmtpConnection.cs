using System.Runtime.ExceptionServices;
using MailKit.Net.Smtp;
using MailKit.Security;

namespace FitFolio.Grains.Mail;

/// <summary>
/// One SMTP connection (MailKit's <see cref="SmtpClient"/>) for one batch: opened on the first message,
/// reused for the next, opened again once after it broke. If opening it fails, every later message of the
/// batch fails with the same error at once instead of waiting out another connect timeout.
/// </summary>
/// <remarks>
/// MailKit's async path never blocks a thread-pool thread on the network (the framework's own SmtpClient did, which
/// needed a thread of our own per send): <c>MailKitThreadPoolTests</c> holds the measurement.
/// </remarks>
internal sealed class SmtpConnection(SmtpOptions options) : IAsyncDisposable
{
    private readonly SmtpClient _client = new() { Timeout = (int)options.Timeout.TotalMilliseconds };
    private ExceptionDispatchInfo? _connectFailure;

    /// <summary>Opens the connection unless it is open; throws what opening it threw, now or for an earlier message.</summary>
    public async Task EnsureOpenAsync(CancellationToken cancellationToken)
    {
        _connectFailure?.Throw();
        if (_client.IsConnected)
        {
            return;
        }

        try
        {
            await BoundedAsync(options.ConnectTimeout, "Mail:Smtp:ConnectTimeout", token =>
                _client.ConnectAsync(options.Host, options.Port, SocketOptions(options.EffectiveSecurity), token), cancellationToken);
            if (!string.IsNullOrEmpty(options.UserName))
            {
                await BoundedAsync(options.ConnectTimeout, "Mail:Smtp:ConnectTimeout", token =>
                    _client.AuthenticateAsync(options.UserName, options.Password ?? "", token), cancellationToken);
            }
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            await CloseAsync();
            _connectFailure = ExceptionDispatchInfo.Capture(exception);
            throw;
        }
    }

    /// <summary>Sends one message over the open connection, bounded by <see cref="SmtpOptions.Timeout"/>.</summary>
    public async Task SendAsync(MimeKit.MimeMessage message, CancellationToken cancellationToken)
    {
        try
        {
            await BoundedAsync(options.Timeout, "Mail:Smtp:Timeout", token => _client.SendAsync(message, token), cancellationToken);
        }
        catch (SmtpCommandException) when (_client.IsConnected)
        {
            // The server refused this message and said so; the session is in a clean state for the next one.
            throw;
        }
        catch
        {
            // Anything else (a timeout, a dropped or garbled connection) leaves the session in an unknown
            // state: the next message starts on a new connection.
            await CloseAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_client.IsConnected)
        {
            try
            {
                using var quit = new CancellationTokenSource(options.ConnectTimeout);
                await _client.DisconnectAsync(quit: true, quit.Token);
            }
            catch (Exception exception) when (exception is IOException
                or SmtpProtocolException
                or OperationCanceledException
                or System.Net.Sockets.SocketException)
            {
                // Every message already has its outcome; a QUIT that goes unanswered changes none of them.
            }
        }

        _client.Dispose();
    }

    private static SecureSocketOptions SocketOptions(SmtpSecurity security) => security switch
    {
        SmtpSecurity.None => SecureSocketOptions.None,
        SmtpSecurity.StartTls => SecureSocketOptions.StartTls,
        SmtpSecurity.ImplicitTls => SecureSocketOptions.SslOnConnect,
        _ => throw new ArgumentOutOfRangeException(nameof(security), security, "Auto is resolved by SmtpOptions.EffectiveSecurity."),
    };

    private static async Task BoundedAsync(TimeSpan limit, string setting, Func<CancellationToken, Task> operation, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(limit);
        try
        {
            await operation(timeout.Token);
        }
        catch (OperationCanceledException exception) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"The SMTP server took longer than {setting} ({limit}).", exception);
        }
    }

    private async Task CloseAsync()
    {
        if (_client.IsConnected)
        {
            try
            {
                await _client.DisconnectAsync(quit: false, CancellationToken.None);
            }
            catch (Exception exception) when (exception is IOException or SmtpProtocolException or System.Net.Sockets.SocketException)
            {
                // Already broken: closing is all that is left to do.
            }
        }
    }
}
