namespace FitFolio.Grains.Training;

/// <summary>Workouts parsed from another app's export, ready to store, and the rows the parser skipped.</summary>
[GenerateSerializer, Alias("fitfolio.training.import-batch")]
public sealed record ImportBatch(
    [property: Id(0)] string Format,
    [property: Id(1)] IReadOnlyList<ImportedWorkout> Workouts,
    [property: Id(2)] IReadOnlyList<ImportSkip> Skipped);

/// <summary>
/// One workout of an import. <see cref="Key"/> identifies it across imports (app, start time,
/// title), so importing the same file twice adds nothing.
/// </summary>
[GenerateSerializer, Alias("fitfolio.training.imported-workout")]
public sealed record ImportedWorkout(
    [property: Id(0)] string Key,
    [property: Id(1)] string Name,
    [property: Id(2)] DateTimeOffset StartedAt,
    [property: Id(3)] DateTimeOffset? EndedAt,
    [property: Id(4)] string? Notes,
    [property: Id(5)] IReadOnlyList<ImportedExercise> Exercises);

[GenerateSerializer, Alias("fitfolio.training.imported-exercise")]
public sealed record ImportedExercise(
    [property: Id(0)] string Name,
    [property: Id(1)] string? Notes,
    [property: Id(2)] int? SupersetGroup,
    [property: Id(3)] IReadOnlyList<ImportedSet> Sets);

/// <summary>A set as the other app wrote it; <see cref="Row"/> is its line in the file, for reporting.</summary>
[GenerateSerializer, Immutable, Alias("fitfolio.training.imported-set")]
public sealed record ImportedSet(
    [property: Id(0)] int Row,
    [property: Id(1)] string Type,
    [property: Id(2)] int? Reps,
    [property: Id(3)] decimal? Weight,
    [property: Id(4)] string? WeightUnit,
    [property: Id(5)] int? DurationSeconds,
    [property: Id(6)] decimal? DistanceMeters,
    [property: Id(7)] decimal? Rpe,
    [property: Id(8)] string? Notes);

/// <summary>A row that was not imported, and why.</summary>
[GenerateSerializer, Immutable, Alias("fitfolio.training.import-skip")]
public sealed record ImportSkip(
    [property: Id(0)] int Row,
    [property: Id(1)] string Reason);

[GenerateSerializer, Immutable, Alias("fitfolio.training.created-exercise")]
public sealed record CreatedExercise(
    [property: Id(0)] Guid Id,
    [property: Id(1)] string Name);

/// <summary>What an import did.</summary>
[GenerateSerializer, Alias("fitfolio.training.import-summary")]
public sealed record ImportSummary(
    [property: Id(0)] string Format,
    [property: Id(1)] int WorkoutsImported,
    [property: Id(2)] int WorkoutsAlreadyPresent,
    [property: Id(3)] int SetsImported,
    [property: Id(4)] IReadOnlyList<CreatedExercise> ExercisesCreated,
    [property: Id(5)] IReadOnlyList<ImportSkip> Skipped);
