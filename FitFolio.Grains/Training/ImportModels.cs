namespace FitFolio.Grains.Training;

/// <summary>Workouts parsed from another app's export, ready to store, and the rows the parser skipped.</summary>
public sealed record ImportBatch(string Format, IReadOnlyList<ImportedWorkout> Workouts, IReadOnlyList<ImportSkip> Skipped);

/// <summary>
/// One workout of an import. <see cref="Key"/> identifies it across imports (app, start time,
/// title), so importing the same file twice adds nothing.
/// </summary>
public sealed record ImportedWorkout(
    string Key,
    string Name,
    DateTimeOffset StartedAt,
    DateTimeOffset? EndedAt,
    string? Notes,
    IReadOnlyList<ImportedExercise> Exercises);

public sealed record ImportedExercise(string Name, string? Notes, int? SupersetGroup, IReadOnlyList<ImportedSet> Sets);

/// <summary>A set as the other app wrote it; <see cref="Row"/> is its line in the file, for reporting.</summary>
public sealed record ImportedSet(
    int Row,
    string Type,
    int? Reps,
    decimal? Weight,
    string? WeightUnit,
    int? DurationSeconds,
    decimal? DistanceMeters,
    decimal? Rpe,
    string? Notes);

/// <summary>A row that was not imported, and why.</summary>
public sealed record ImportSkip(int Row, string Reason);

public sealed record CreatedExercise(Guid Id, string Name);

/// <summary>What an import did.</summary>
public sealed record ImportSummary(
    string Format,
    int WorkoutsImported,
    int WorkoutsAlreadyPresent,
    int SetsImported,
    IReadOnlyList<CreatedExercise> ExercisesCreated,
    IReadOnlyList<ImportSkip> Skipped);
