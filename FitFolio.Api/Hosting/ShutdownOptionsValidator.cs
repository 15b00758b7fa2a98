using Microsoft.Extensions.Options;

namespace FitFolio.Api.Hosting;

/// <summary>The drain must leave time, within the host's shutdown timeout, for requests in flight and the grain hand-off.</summary>
public sealed class ShutdownOptionsValidator(IOptions<HostOptions> host) : IValidateOptions<ShutdownOptions>
{
    public ValidateOptionsResult Validate(string? name, ShutdownOptions options)
    {
        if (options.DrainDelay < TimeSpan.Zero)
        {
            return ValidateOptionsResult.Fail("Shutdown:DrainDelay must not be negative.");
        }

        var timeout = host.Value.ShutdownTimeout;
        return options.DrainDelay >= timeout
            ? ValidateOptionsResult.Fail(
                $"Shutdown:DrainDelay ({options.DrainDelay.TotalSeconds:0.###} s) must be shorter than the host's shutdown timeout ({timeout.TotalSeconds:0.###} s, DOTNET_shutdownTimeoutSeconds): requests in flight and the grain hand-off need time after it.")
            : ValidateOptionsResult.Success;
    }
}
