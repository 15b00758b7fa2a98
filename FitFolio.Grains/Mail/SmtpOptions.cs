using System.Net;

namespace FitFolio.Grains.Mail;

/// <summary>The SMTP server the outbox sends through (configuration section <c>Mail:Smtp</c>).</summary>
public sealed class SmtpOptions
{
    /// <summary>Host name or address of the SMTP server. Default: <c>localhost</c>.</summary>
    public string Host { get; set; } = "localhost";

    /// <summary>TCP port of the SMTP server. Default: 25. (The local mailbox, smtp4dev, listens on 2525.)</summary>
    public int Port { get; set; } = 25;

    /// <summary>User name for SMTP AUTH; none is sent when empty. Default: none.</summary>
    public string? UserName { get; set; }

    /// <summary>Password for SMTP AUTH, used only with <see cref="UserName"/>. Default: none.</summary>
    public string? Password { get; set; }

    /// <summary>
    /// How the connection is protected. Default: <see cref="SmtpSecurity.Auto"/> (none for a server on this
    /// machine, implicit TLS on port 465, required STARTTLS otherwise). The server's certificate is validated
    /// against the system's trust store; a self-signed relay certificate is refused.
    /// </summary>
    public SmtpSecurity Security { get; set; } = SmtpSecurity.Auto;

    /// <summary>
    /// How long connecting may take: the TCP connection, the TLS handshake and the greeting, then, bounded
    /// again on its own, authenticating. A batch whose connection fails fails as a whole and is retried.
    /// Default: 15 seconds.
    /// </summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// How long one message may take to send over an open connection (MAIL, RCPT, DATA and the server's
    /// answer) before the attempt counts as failed; also the read and write timeout of the socket.
    /// Default: 30 seconds.
    /// </summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The security actually used once <see cref="SmtpSecurity.Auto"/> is resolved.</summary>
    public SmtpSecurity EffectiveSecurity => Security != SmtpSecurity.Auto ? Security
        : IsLoopback(Host) ? SmtpSecurity.None
        : Port == 465 ? SmtpSecurity.ImplicitTls
        : SmtpSecurity.StartTls;

    private static bool IsLoopback(string host) =>
        string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase)
        || (IPAddress.TryParse(host, out var address) && IPAddress.IsLoopback(address));
}
