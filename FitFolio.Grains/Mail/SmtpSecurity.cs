namespace FitFolio.Grains.Mail;

/// <summary>How the connection to the SMTP server is protected (<c>Mail:Smtp:Security</c>).</summary>
public enum SmtpSecurity
{
    /// <summary>
    /// <see cref="None"/> when <see cref="SmtpOptions.Host"/> is this machine (nothing crosses a network),
    /// <see cref="ImplicitTls"/> on port 465, otherwise <see cref="StartTls"/>. Unlike MailKit's own
    /// <c>Auto</c>, never "STARTTLS when offered": a relay whose STARTTLS an attacker strips gets no mail.
    /// </summary>
    Auto,

    /// <summary>Plain text. Only for a server on this machine or on a private network that nothing else shares.</summary>
    None,

    /// <summary>Connect in plain text, then upgrade with STARTTLS (RFC 3207); a server that does not offer it gets no mail. Port 587 or 25.</summary>
    StartTls,

    /// <summary>TLS from the first byte (RFC 8314 §3.3, "submissions"). Port 465.</summary>
    ImplicitTls,
}
