namespace FitFolio.MailCatcher;

/// <summary>Settings of the catcher's SMTP server, bound from the <c>Smtp</c> configuration section.</summary>
public sealed class SmtpSinkOptions
{
    public const string SectionName = "Smtp";

    /// <summary>TCP port the hosted mailbox listens on for SMTP; 0 picks a free port. Default: 2525.</summary>
    public int Port { get; set; } = 2525;

    /// <summary>
    /// Address to listen on. Default: <c>127.0.0.1</c>, because a catcher accepts mail from anyone who
    /// can reach it; use <c>0.0.0.0</c> inside a container.
    /// </summary>
    public string BindAddress { get; set; } = "127.0.0.1";

    /// <summary>Name the server gives in its greeting and EHLO reply. Default: <c>localhost</c>.</summary>
    public string HostName { get; set; } = "localhost";

    /// <summary>Largest message accepted, in bytes, advertised with SIZE (RFC 1870). Default: 10 MiB.</summary>
    public int MaxMessageSize { get; set; } = 10 * 1024 * 1024;

    /// <summary>Recipients accepted per message. Default: 100, the minimum RFC 5321 §4.5.3.1.8 asks a server to accept.</summary>
    public int MaxRecipients { get; set; } = 100;

    /// <summary>Messages kept in memory; the oldest are dropped beyond this. Default: 1000.</summary>
    public int MaxStoredMessages { get; set; } = 1000;

    /// <summary>How long a client may stay silent before the server closes the connection. Default: 5 minutes (RFC 5321 §4.5.3.2.7).</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(5);
}
