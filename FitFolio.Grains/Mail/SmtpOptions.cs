namespace FitFolio.Grains.Mail;

/// <summary>The SMTP server the outbox sends through (configuration section <c>Mail:Smtp</c>).</summary>
public sealed class SmtpOptions
{
    /// <summary>Host name or address of the SMTP server. Default: <c>localhost</c>.</summary>
    public string Host { get; set; } = "localhost";

    /// <summary>TCP port of the SMTP server. Default: 25. (The local mail catcher listens on 2525.)</summary>
    public int Port { get; set; } = 25;

    /// <summary>User name for SMTP AUTH; none is sent when empty. Default: none.</summary>
    public string? UserName { get; set; }

    /// <summary>Password for SMTP AUTH, used only with <see cref="UserName"/>. Default: none.</summary>
    public string? Password { get; set; }

    /// <summary>Whether to upgrade the connection with STARTTLS before sending. Default: false.</summary>
    public bool EnableSsl { get; set; }

    /// <summary>How long one message may take to send, connection included, before the attempt counts as failed. Default: 30 seconds.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);
}
