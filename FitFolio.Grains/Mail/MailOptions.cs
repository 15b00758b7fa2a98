namespace FitFolio.Grains.Mail;

/// <summary>Mail delivery settings, bound from the <c>Mail</c> configuration section.</summary>
public sealed class MailOptions
{
    public const string SectionName = "Mail";

    /// <summary>The From address of every message, optionally with a display name. Default: <c>FitFolio &lt;no-reply@fitfolio.localhost&gt;</c>.</summary>
    public string From { get; set; } = "FitFolio <no-reply@fitfolio.localhost>";

    /// <summary>The SMTP server (<c>Mail:Smtp:*</c>).</summary>
    public SmtpOptions Smtp { get; set; } = new();

    /// <summary>DKIM signing (<c>Mail:Dkim:*</c>); off unless configured.</summary>
    public DkimOptions Dkim { get; set; } = new();

    /// <summary>The outbox sender (<c>Mail:Outbox:*</c>).</summary>
    public OutboxOptions Outbox { get; set; } = new();
}
