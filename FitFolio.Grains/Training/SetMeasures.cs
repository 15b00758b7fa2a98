using FitFolio.Grains.Common;
using Npgsql;

namespace FitFolio.Grains.Training;

/// <summary>
/// What a set measured — its type, reps, load, time, distance and effort — as stored, imported or shown as last
/// time's set. One type so the three cannot drift apart, and one reader for the columns that hold it.
/// </summary>
[GenerateSerializer, Immutable, Alias("fitfolio.training.set-measures")]
public sealed record SetMeasures(
    [property: Id(0)] string Type,
    [property: Id(1)] int? Reps,
    [property: Id(2)] decimal? Weight,
    [property: Id(3)] string? WeightUnit,
    [property: Id(4)] int? DurationSeconds,
    [property: Id(5)] decimal? DistanceMeters,
    [property: Id(6)] decimal? Rpe)
{
    /// <summary>The columns <see cref="Read"/> expects, in its order.</summary>
    public const string Columns = "set_type, reps, weight, weight_unit, duration_seconds, distance_m, rpe";

    public decimal? WeightKg => Weight is { } w && WeightUnit is { } unit ? Weights.ToKg(w, unit) : null;

    /// <summary>Reads <see cref="Columns"/> starting at <paramref name="first"/>.</summary>
    public static SetMeasures Read(NpgsqlDataReader reader, int first) => new(
        reader.GetString(first),
        reader.Nullable<int>(first + 1),
        reader.Nullable<decimal>(first + 2),
        reader.NullableString(first + 3),
        reader.Nullable<int>(first + 4),
        reader.Nullable<decimal>(first + 5),
        reader.Nullable<decimal>(first + 6));
}
