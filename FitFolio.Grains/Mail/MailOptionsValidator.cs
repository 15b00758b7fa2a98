using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using MimeKit;

namespace FitFolio.Grains.Mail;

/// <summary>Refuses settings that would fail later, and quietly: at start-up, not on the first sign-in.</summary>
internal sealed partial class MailOptionsValidator : IValidateOptions<MailOptions>
{
    // RFC 6376 §3.1: a selector is one or more DNS labels; §3.5 d= is a domain name.
    [GeneratedRegex(@"^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$", RegexOptions.IgnoreCase)]
    private static partial Regex DnsName();

    public ValidateOptionsResult Validate(string? name, MailOptions options)
    {
        var failures = new List<string>();
        var fromDomain = MailboxAddress.TryParse(options.From, out var from) && from.Address.Contains('@', StringComparison.Ordinal) ? from.Domain : null;
        if (fromDomain is null)
        {
            failures.Add("Mail:From must be an email address, optionally with a display name.");
        }

        var smtp = options.Smtp;
        if (string.IsNullOrWhiteSpace(smtp.Host))
        {
            failures.Add("Mail:Smtp:Host is required.");
        }

        if (smtp.Port is < 1 or > 65535)
        {
            failures.Add("Mail:Smtp:Port must be between 1 and 65535.");
        }

        if (!Enum.IsDefined(smtp.Security))
        {
            failures.Add("Mail:Smtp:Security must be Auto, None, StartTls or ImplicitTls.");
        }

        if (!string.IsNullOrEmpty(smtp.Password) && string.IsNullOrEmpty(smtp.UserName))
        {
            failures.Add("Mail:Smtp:Password is set without Mail:Smtp:UserName.");
        }

        if (smtp.Timeout <= TimeSpan.Zero || smtp.Timeout.TotalMilliseconds > int.MaxValue)
        {
            failures.Add("Mail:Smtp:Timeout must be positive and under 24 days.");
        }

        if (smtp.ConnectTimeout <= TimeSpan.Zero || smtp.ConnectTimeout.TotalMilliseconds > int.MaxValue)
        {
            failures.Add("Mail:Smtp:ConnectTimeout must be positive and under 24 days.");
        }

        ValidateDkim(options.Dkim, fromDomain, failures);

        var outbox = options.Outbox;
        if (outbox.PollInterval <= TimeSpan.Zero)
        {
            failures.Add("Mail:Outbox:PollInterval must be positive.");
        }

        if (outbox.BatchSize is < 1 or > 1000)
        {
            failures.Add("Mail:Outbox:BatchSize must be between 1 and 1000.");
        }

        if (outbox.Connections is < 1 or > 32)
        {
            failures.Add("Mail:Outbox:Connections must be between 1 and 32.");
        }

        if (outbox.MaxAttempts < 1)
        {
            failures.Add("Mail:Outbox:MaxAttempts must be at least 1.");
        }

        if (outbox.Lease < smtp.Timeout * 2 || outbox.Lease < smtp.ConnectTimeout * 2)
        {
            failures.Add("Mail:Outbox:Lease must be at least twice Mail:Smtp:Timeout and Mail:Smtp:ConnectTimeout, or a slow send could be claimed twice.");
        }

        if (outbox.InitialRetryDelay <= TimeSpan.Zero || outbox.MaxRetryDelay < outbox.InitialRetryDelay)
        {
            failures.Add("Mail:Outbox:InitialRetryDelay must be positive and at most Mail:Outbox:MaxRetryDelay.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void ValidateDkim(DkimOptions dkim, string? fromDomain, List<string> failures)
    {
        if (!dkim.IsConfigured)
        {
            return;
        }

        if (string.IsNullOrWhiteSpace(dkim.Selector) || !DnsName().IsMatch(dkim.Selector.Trim()))
        {
            failures.Add("Mail:Dkim:Selector must be one or more DNS labels (letters, digits, hyphens) once DKIM is configured.");
        }

        var domain = dkim.Domain?.Trim().TrimEnd('.');
        if (string.IsNullOrEmpty(domain) || !DnsName().IsMatch(domain))
        {
            failures.Add("Mail:Dkim:Domain must be a domain name once DKIM is configured.");
        }
        else if (fromDomain is not null
            && !string.Equals(fromDomain, domain, StringComparison.OrdinalIgnoreCase)
            && !fromDomain.EndsWith("." + domain, StringComparison.OrdinalIgnoreCase))
        {
            failures.Add($"Mail:Dkim:Domain ({domain}) must be the domain of Mail:From ({fromDomain}) or a parent of it, or DMARC ignores the signature.");
        }

        if (string.IsNullOrWhiteSpace(dkim.PrivateKeyFile))
        {
            failures.Add("Mail:Dkim:PrivateKeyFile is required once DKIM is configured.");
            return;
        }

        try
        {
            DkimKey.Load(dkim.PrivateKeyFile);
        }
        catch (InvalidDataException exception)
        {
            failures.Add($"Mail:Dkim:PrivateKeyFile: {exception.Message}.");
        }
    }
}
