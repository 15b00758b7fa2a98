namespace FitFolio.Silo;

/// <summary>Configuration section <c>Silo</c>: how this process takes part in the Orleans cluster.</summary>
public sealed class SiloOptions
{
    public const string Section = "Silo";

    /// <summary>Port of the silo-to-silo endpoint. Default 11111; 0 picks a free port at start (tests, one-machine runs).</summary>
    public int Port { get; set; } = 11111;

    /// <summary>
    /// Address the silo endpoint listens on. Default <c>127.0.0.1</c>; use the private address (or
    /// <c>0.0.0.0</c> on a private network) when silos run on several machines. Mutual TLS
    /// (<c>Silo:Tls</c>) authenticates every peer, and the port still never faces the internet.
    /// </summary>
    public string ListenAddress { get; set; } = "127.0.0.1";

    /// <summary>
    /// The private network the silo port belongs on, as a CIDR block (<c>10.89.0.0/24</c>). Default none. When set it
    /// replaces <see cref="ListenAddress"/>: the silo listens on (and advertises) this machine's one IPv4 address inside
    /// the block, so on a host with a public and a private interface (compose's "edge" and "internal") the port is
    /// opened on the private one only. No such address, or several, stops the start.
    /// </summary>
    public string? ListenNetwork { get; set; }

    /// <summary>
    /// Host or IP other silos use to reach this one. Default: <c>127.0.0.1</c> when listening on
    /// loopback, otherwise this machine's first non-loopback IPv4 address (what a container replica needs).
    /// </summary>
    public string? AdvertisedHost { get; set; }

    /// <summary>
    /// How long a silo waits for a peer's answer to a liveness probe. Default 1 second: with
    /// <see cref="MissedProbesLimit"/> 3 a killed silo is declared dead in about 3 s (measured
    /// 2.9–3.2 s at load average 50), inside the 10 s bound; Orleans' default 5 s took 15 s.
    /// </summary>
    public TimeSpan ProbeTimeout { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Missed probes before a silo suspects a peer and votes it dead. Default 3 (Orleans' default).</summary>
    public int MissedProbesLimit { get; set; } = 3;

    /// <summary>
    /// How often the membership table is read even without gossip, and how often a silo writes
    /// that it is alive. Default 5 seconds (Orleans: 60 s and 30 s), so a silo that missed the
    /// gossip about a death still learns it within the 10 s bound.
    /// </summary>
    public TimeSpan TableRefreshInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>An activation not called for this long is deactivated. Default 15 minutes.</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How often idle activations are looked for. Default 1 minute.</summary>
    public TimeSpan CollectionInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>A grain call not answered within this reaches its caller as a <see cref="TimeoutException"/>. Default 30 seconds.</summary>
    public TimeSpan CallTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a grain's deactivation (its last flush) may take. Default 10 seconds.</summary>
    public TimeSpan DeactivationTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How long a stopping silo keeps forwarding late calls after its grains are handed off, before
    /// it leaves membership. Default 2 seconds (0.5 s sufficed in every measured stop), so a caller
    /// never sees a call fail that in fact ran. Counts against the host's shutdown timeout.
    /// </summary>
    public TimeSpan HandoffGrace { get; set; } = TimeSpan.FromSeconds(2);
}
