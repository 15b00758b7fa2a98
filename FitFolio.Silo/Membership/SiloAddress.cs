namespace FitFolio.Silo.Membership;

/// <summary>
/// One silo incarnation: where it listens and when it started. A restarted process is a new
/// incarnation (new generation), so a stale row of its former life can never be mistaken for it.
/// </summary>
public sealed record SiloAddress(string Host, int Port, long Generation)
{
    public string Id { get; } = $"{Host}:{Port}@{Generation}";

    public Uri Endpoint { get; } = new($"http://{(Host.Contains(':', StringComparison.Ordinal) ? $"[{Host}]" : Host)}:{Port}/");

    /// <summary>Stable across processes: the silo's weight in rendezvous placement.</summary>
    internal ulong StableHash { get; } = StableHashing.Hash($"{Host}:{Port}@{Generation}");

    public static SiloAddress Parse(string id, string endpoint)
    {
        var at = id.LastIndexOf('@');
        var uri = new Uri(endpoint);
        return new SiloAddress(uri.IdnHost, uri.Port, long.Parse(id.AsSpan(at + 1), System.Globalization.CultureInfo.InvariantCulture));
    }

    public override string ToString() => Id;
}
