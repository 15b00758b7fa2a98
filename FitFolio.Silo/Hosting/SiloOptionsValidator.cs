using System.Net;
using Microsoft.Extensions.Options;

namespace FitFolio.Silo.Hosting;

/// <summary>Refuses settings that would start a silo unable to keep the cluster's promises (one line per problem).</summary>
internal sealed class SiloOptionsValidator : IValidateOptions<SiloOptions>
{
    /// <summary>The bound README promises for declaring a killed silo dead.</summary>
    internal static readonly TimeSpan DetectionBound = TimeSpan.FromSeconds(10);

    public ValidateOptionsResult Validate(string? name, SiloOptions options)
    {
        var failures = new List<string>();
        if (options.Port is < 0 or > 65535)
        {
            failures.Add("Silo:Port must be between 0 and 65535.");
        }

        if (!IPAddress.TryParse(options.ListenAddress, out _))
        {
            failures.Add("Silo:ListenAddress must be an IP address, such as 127.0.0.1 or 0.0.0.0.");
        }

        if (!string.IsNullOrWhiteSpace(options.ListenNetwork) && !IPNetwork.TryParse(options.ListenNetwork, out _))
        {
            failures.Add("Silo:ListenNetwork must be a CIDR block, such as 10.89.0.0/24.");
        }

        if (options.ProbeTimeout <= TimeSpan.Zero || options.MissedProbesLimit < 1)
        {
            failures.Add("Silo:ProbeTimeout must be positive and Silo:MissedProbesLimit at least 1.");
        }
        else if (options.ProbeTimeout * options.MissedProbesLimit > DetectionBound)
        {
            // Detection takes about ProbeTimeout × MissedProbesLimit; beyond the bound a killed silo's users wait longer than promised.
            failures.Add(
                $"Silo:ProbeTimeout × Silo:MissedProbesLimit must stay within {DetectionBound.TotalSeconds:0} s, the bound for declaring a killed silo dead.");
        }

        if (options.TableRefreshInterval <= TimeSpan.Zero || options.TableRefreshInterval > DetectionBound)
        {
            failures.Add($"Silo:TableRefreshInterval must be positive and at most {DetectionBound.TotalSeconds:0} s.");
        }

        if (options.IdleTimeout <= TimeSpan.Zero || options.CollectionInterval <= TimeSpan.Zero
            || options.CallTimeout <= TimeSpan.Zero || options.DeactivationTimeout <= TimeSpan.Zero)
        {
            failures.Add("Silo:IdleTimeout, CollectionInterval, CallTimeout and DeactivationTimeout must be positive.");
        }
        else if (options.IdleTimeout <= options.CollectionInterval)
        {
            failures.Add("Silo:IdleTimeout must be longer than Silo:CollectionInterval (idle grains are looked for once per interval).");
        }

        if (options.HandoffGrace < TimeSpan.Zero || options.HandoffGrace > DetectionBound)
        {
            failures.Add($"Silo:HandoffGrace must be between 0 and {DetectionBound.TotalSeconds:0} s: it delays every graceful stop.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
