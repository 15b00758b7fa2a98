using FitFolio.Silo;
using FitFolio.Silo.Membership;
using FitFolio.Silo.Placement;

namespace FitFolio.Bench.Infrastructure;

internal static class GrainKeys
{
    public static string[] Sequential(string prefix, int count) =>
        [.. Enumerable.Range(0, count).Select(i => prefix + i.ToString(System.Globalization.CultureInfo.InvariantCulture))];

    /// <summary>The first <paramref name="count"/> keys that rendezvous placement homes on <paramref name="home"/> in <paramref name="view"/>.</summary>
    public static string[] HomedOn(string grainType, SiloAddress home, MembershipSnapshot view, int count) =>
        [.. Enumerable.Range(0, int.MaxValue)
            .Select(i => "k" + i.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .Where(key => RendezvousPlacement.Place(new GrainId(grainType, key), view) == home)
            .Take(count)];
}
