namespace FitFolio.Silo;

/// <summary>Configuration section <c>Silo</c>: how this process takes part in the cluster.</summary>
public sealed class SiloOptions
{
    public const string Section = "Silo";

    /// <summary>Port of the internal silo-to-silo endpoint. Default 11111; 0 picks a free port (tests).</summary>
    public int Port { get; set; } = 11111;

    /// <summary>Address the internal endpoint listens on. Default <c>127.0.0.1</c>; use <c>0.0.0.0</c> on a private network.</summary>
    public string ListenAddress { get; set; } = "127.0.0.1";

    /// <summary>
    /// Host other silos use to reach this one. Default: <c>127.0.0.1</c> when listening on loopback,
    /// otherwise this machine's first non-loopback IPv4 address (what a container replica needs).
    /// </summary>
    public string? AdvertisedHost { get; set; }

    /// <summary>How often this silo proves it is alive. Default 1 second.</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>A silo whose last heartbeat is older than this is declared dead. Default 6 seconds, so a dead silo is found within 10.</summary>
    public TimeSpan DeathTimeout { get; set; } = TimeSpan.FromSeconds(6);

    /// <summary>How often the membership table is read even without a change notification. Default 1 second.</summary>
    public TimeSpan MembershipRefreshInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>An activation not called for this long is deactivated. Default 15 minutes.</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How often idle activations are looked for. Default 1 minute.</summary>
    public TimeSpan CollectionInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>A grain call not answered within this reaches its caller as <see cref="GrainCallTimeoutException"/>. Default 30 seconds.</summary>
    public TimeSpan CallTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long <see cref="Grain.OnDeactivateAsync"/> may take before its token is cancelled. Default 10 seconds.</summary>
    public TimeSpan DeactivationTimeout { get; set; } = TimeSpan.FromSeconds(10);
}
