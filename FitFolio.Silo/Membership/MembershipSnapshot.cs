using System.Collections.Immutable;

namespace FitFolio.Silo.Membership;

/// <summary>
/// The active silos as of one membership table version: what placement hashes over. Immutable,
/// so a call reads one consistent view with a single volatile load.
/// </summary>
public sealed class MembershipSnapshot
{
    public static MembershipSnapshot Empty { get; } = new(0, []);

    public MembershipSnapshot(long version, IEnumerable<SiloAddress> activeSilos)
    {
        Version = version;
        ActiveSilos = [.. activeSilos.OrderBy(s => s.Id, StringComparer.Ordinal)];
    }

    public long Version { get; }

    public ImmutableArray<SiloAddress> ActiveSilos { get; }

    public bool Contains(SiloAddress silo) => ActiveSilos.Contains(silo);

    public bool SameSilosAs(MembershipSnapshot other) => ActiveSilos.SequenceEqual(other.ActiveSilos);

    public override string ToString() => $"v{Version} [{string.Join(", ", ActiveSilos)}]";
}
