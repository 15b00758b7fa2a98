using System.Net.Mail;
using Microsoft.Extensions.Options;

namespace FitFolio.Grains.Mail;

/// <summary>Refuses settings that would fail later, and quietly: at start-up, not on the first sign-in.</summary>
internal sealed class MailOptionsValidator : IValidateOptions<MailOptions>
{
    public ValidateOptionsResult Validate(string? name, MailOptions options)
    {
        var failures = new List<string>();
        if (!MailAddress.TryCreate(options.From, out _))
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

        if (!string.IsNullOrEmpty(smtp.Password) && string.IsNullOrEmpty(smtp.UserName))
        {
            failures.Add("Mail:Smtp:Password is set without Mail:Smtp:UserName.");
        }

        if (smtp.Timeout <= TimeSpan.Zero || smtp.Timeout.TotalMilliseconds > int.MaxValue)
        {
            failures.Add("Mail:Smtp:Timeout must be positive and under 24 days.");
        }

        var outbox = options.Outbox;
        if (outbox.PollInterval <= TimeSpan.Zero)
        {
            failures.Add("Mail:Outbox:PollInterval must be positive.");
        }

        if (outbox.BatchSize is < 1 or > 1000)
        {
            failures.Add("Mail:Outbox:BatchSize must be between 1 and 1000.");
        }

        if (outbox.MaxAttempts < 1)
        {
            failures.Add("Mail:Outbox:MaxAttempts must be at least 1.");
        }

        if (outbox.Lease < smtp.Timeout * 2)
        {
            failures.Add("Mail:Outbox:Lease must be at least twice Mail:Smtp:Timeout, or a slow send could be claimed twice.");
        }

        if (outbox.InitialRetryDelay <= TimeSpan.Zero || outbox.MaxRetryDelay < outbox.InitialRetryDelay)
        {
            failures.Add("Mail:Outbox:InitialRetryDelay must be positive and at most Mail:Outbox:MaxRetryDelay.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
