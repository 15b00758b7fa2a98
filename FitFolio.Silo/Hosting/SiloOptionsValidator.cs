using System.Net;
using Microsoft.Extensions.Options;

namespace FitFolio.Silo.Hosting;

internal sealed class SiloOptionsValidator : IValidateOptions<SiloOptions>
{
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

        if (options.HeartbeatInterval <= TimeSpan.Zero || options.DeathTimeout < options.HeartbeatInterval * 3)
        {
            failures.Add("Silo:DeathTimeout must be at least three Silo:HeartbeatInterval, so one late heartbeat never kills a silo.");
        }

        if (options.MembershipRefreshInterval <= TimeSpan.Zero || options.IdleTimeout <= TimeSpan.Zero
            || options.CollectionInterval <= TimeSpan.Zero || options.CallTimeout <= TimeSpan.Zero || options.DeactivationTimeout <= TimeSpan.Zero)
        {
            failures.Add("Silo:MembershipRefreshInterval, IdleTimeout, CollectionInterval, CallTimeout and DeactivationTimeout must be positive.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
