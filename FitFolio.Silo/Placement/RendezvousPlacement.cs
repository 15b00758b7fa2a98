using FitFolio.Silo.Membership;

namespace FitFolio.Silo.Placement;

/// <summary>
/// Highest-random-weight hashing: each grain goes to the active silo scoring highest for it. Every
/// silo computes the same answer from the same view with no directory, and when a silo joins or
/// leaves only the grains that scored highest on it move.
/// </summary>
internal static class RendezvousPlacement
{
    /// <summary>The grain's home in <paramref name="view"/>, leaving out <paramref name="excluded"/> (a silo on its way out); null when no silo is left.</summary>
    public static SiloAddress? Place(GrainId grainId, MembershipSnapshot view, SiloAddress? excluded = null)
    {
        var silos = view.ActiveSilos;
        SiloAddress? best = null;
        var bestScore = 0UL;
        foreach (var silo in silos)
        {
            if (silo == excluded)
            {
                continue;
            }

            var score = StableHashing.Mix(grainId.StableHash ^ silo.StableHash);
            if (best is null || score > bestScore)
            {
                best = silo;
                bestScore = score;
            }
        }

        return best;
    }
}
