namespace FitFolio.Grains.Training;

/// <summary>The sets of the most recent workout (before a given one) that included an exercise.</summary>
[GenerateSerializer, Alias("fitfolio.training.previous-performance")]
public sealed record PreviousPerformance(
    [property: Id(0)] Guid? WorkoutId,
    [property: Id(1)] DateTimeOffset? PerformedAt,
    [property: Id(2)] IReadOnlyList<PreviousSet> Sets);
