using Orleans.Placement;

namespace FitFolio.Grains.Common;

/// <summary>
/// The placement of a grain keyed by one person (their user, training and preferences grains): activated on the silo whose
/// front door first calls it (Orleans' prefer-local), not on one picked by load. The proxy keeps a browser on the silo it
/// first reached, so a person's requests and grains meet in one process, and the session check every signed-in request
/// makes is a call inside it (docs/architecture.md, "Where a person's grains live").
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
internal sealed class PersonGrainPlacementAttribute() : PlacementAttribute(new PreferLocalPlacement());
