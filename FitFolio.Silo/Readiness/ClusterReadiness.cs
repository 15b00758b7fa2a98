namespace FitFolio.Silo.Readiness;

/// <summary>
/// Whether this silo should take traffic: its own membership row says Active. A silo that is
/// joining, shutting down, or was declared dead by its peers (a long pause, a partition) must not
/// answer session checks from memory, so readiness turns it away at the proxy.
/// </summary>
public sealed class ClusterReadiness(IClusterMembershipService membership, ILocalSiloDetails local)
{
    public SiloAddress Self => local.SiloAddress;

    public bool IsActive =>
        membership.CurrentSnapshot.Members.TryGetValue(local.SiloAddress, out var self) && self.Status == SiloStatus.Active;

    /// <summary>The silos this one sees as active.</summary>
    public IReadOnlyList<SiloAddress> ActiveSilos =>
        [.. membership.CurrentSnapshot.Members.Values.Where(m => m.Status == SiloStatus.Active)
            .Select(m => m.SiloAddress)
            .OrderBy(a => a.ToParsableString(), StringComparer.Ordinal)];
}
