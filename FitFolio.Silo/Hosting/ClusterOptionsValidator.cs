using Microsoft.Extensions.Options;

namespace FitFolio.Silo.Hosting;

internal sealed class ClusterOptionsValidator : IValidateOptions<ClusterOptions>
{
    public const int MinimumSecretLength = 32;

    public ValidateOptionsResult Validate(string? name, ClusterOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.Secret))
        {
            return ValidateOptionsResult.Fail("Cluster:Secret is required: the secret silos present to each other (32+ random characters).");
        }

        if (options.Secret.Length < MinimumSecretLength || options.Secret.Distinct().Count() < 8)
        {
            return ValidateOptionsResult.Fail($"Cluster:Secret is too weak: use at least {MinimumSecretLength} random characters (for example: openssl rand -base64 48).");
        }

        return options.PreviousSecrets.Any(s => s.Length < MinimumSecretLength)
            ? ValidateOptionsResult.Fail($"Cluster:PreviousSecrets entries must each be at least {MinimumSecretLength} characters.")
            : ValidateOptionsResult.Success;
    }
}
