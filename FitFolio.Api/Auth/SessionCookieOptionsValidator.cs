using Microsoft.Extensions.Options;

namespace FitFolio.Api.Auth;

/// <summary>A missing or weak key would let anyone tag a forged cookie: the process stops at start, naming the setting.</summary>
public sealed class SessionCookieOptionsValidator : IValidateOptions<SessionCookieOptions>
{
    public const int MinimumKeyLength = 32;

    public ValidateOptionsResult Validate(string? name, SessionCookieOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.Key))
        {
            return ValidateOptionsResult.Fail(
                "SessionCookie:Key is required: the key of the session cookie's tag, the same on every replica (32+ random characters). Upgrading? Copy Cluster:Secret's value (RUNBOOK.md).");
        }

        var setting = options.KeyIsClusterSecret ? "Cluster:Secret (read as SessionCookie:Key while that is not set)" : "SessionCookie:Key";
        if (options.Key.Length < MinimumKeyLength || options.Key.Distinct().Count() < 8)
        {
            return ValidateOptionsResult.Fail(
                $"{setting} is too weak: use at least {MinimumKeyLength} random characters (for example: openssl rand -base64 48).");
        }

        var previous = options.KeyIsClusterSecret ? "Cluster:PreviousSecrets" : "SessionCookie:PreviousKeys";
        return options.PreviousKeys.Any(k => k.Length < MinimumKeyLength)
            ? ValidateOptionsResult.Fail($"{previous} entries must each be at least {MinimumKeyLength} characters.")
            : ValidateOptionsResult.Success;
    }
}
