using System.Text.Json.Serialization;

namespace FitFolio.Grains.Training;

/// <summary>
/// A set from the last time an exercise was done: what the app prefills. Its JSON stays flat
/// (<c>{"position","type","reps",…,"rir"}</c>, the shape the API documents), so the measures are
/// written out member by member rather than nested.
/// </summary>
[GenerateSerializer, Immutable, Alias("fitfolio.training.previous-set")]
public sealed record PreviousSet(
    [property: Id(0)] int Position,
    [property: Id(1), JsonIgnore] SetMeasures Measures,
    [property: Id(2)] int? Rir)
{
    public string Type => Measures.Type;

    public int? Reps => Measures.Reps;

    public decimal? Weight => Measures.Weight;

    public string? WeightUnit => Measures.WeightUnit;

    public int? DurationSeconds => Measures.DurationSeconds;

    public decimal? DistanceMeters => Measures.DistanceMeters;

    public decimal? Rpe => Measures.Rpe;
}
