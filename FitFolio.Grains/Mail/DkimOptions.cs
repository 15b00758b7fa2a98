namespace FitFolio.Grains.Mail;

/// <summary>
/// DKIM signing of outgoing mail (configuration section <c>Mail:Dkim</c>, RFC 6376). Off while all three
/// settings are empty; set one and all three are required and checked at start. The public half of the key
/// is published at <c>{Selector}._domainkey.{Domain}</c> (RUNBOOK.md, "Mail that arrives").
/// </summary>
public sealed class DkimOptions
{
    /// <summary>
    /// Path of the PEM file with the RSA private key (PKCS#1 or PKCS#8, unencrypted, at least 2048 bits as
    /// RFC 8301 §3.2 asks). A secret: mount it like the others (compose: a file in /run/secrets). Default: none.
    /// </summary>
    public string? PrivateKeyFile { get; set; }

    /// <summary>The selector (<c>s=</c>) naming the key in DNS, e.g. <c>fitfolio2026</c>. Default: none.</summary>
    public string? Selector { get; set; }

    /// <summary>
    /// The signing domain (<c>d=</c>). It must be the domain of <see cref="MailOptions.From"/> or a parent of
    /// it, or the signature does not count for DMARC (RFC 7489 §3.1.1 alignment). Default: none.
    /// </summary>
    public string? Domain { get; set; }

    /// <summary>True when any of the settings is given.</summary>
    public bool IsConfigured =>
        !string.IsNullOrWhiteSpace(PrivateKeyFile) || !string.IsNullOrWhiteSpace(Selector) || !string.IsNullOrWhiteSpace(Domain);
}
