namespace FitFolio.Api.Hosting;

/// <summary>Configuration section <c>Shutdown</c>: how a replica leaves on SIGTERM without failing a request.</summary>
public sealed class ShutdownOptions
{
    public const string Section = "Shutdown";

    /// <summary>
    /// How long the process keeps serving after SIGTERM while <c>/healthz/ready</c> answers 503, so
    /// the load balancer takes it out before it stops listening. Set it above the balancer's check
    /// interval plus its check timeout. Must be shorter than the host's shutdown timeout
    /// (<c>DOTNET_shutdownTimeoutSeconds</c>), which also bounds in-flight requests and the grain
    /// hand-off that follow. Default 5 seconds; 0 stops at once.
    /// </summary>
    public TimeSpan DrainDelay { get; set; } = TimeSpan.FromSeconds(5);
}
