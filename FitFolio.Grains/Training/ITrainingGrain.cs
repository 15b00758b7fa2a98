using Orleans.Concurrency;

namespace FitFolio.Grains.Training;

/// <summary>
/// One person's training log writes (key: user id, "N" format). Every change to a workout and its
/// sets goes through here, one at a time, so record detection (which compares a set with everything
/// before it) never races a concurrent write of the same person. Reads go straight to SQL.
/// </summary>
[Alias("fitfolio.training")]
public interface ITrainingGrain : IGrainWithStringKey
{
    Task<TrainingOutcome<WorkoutView>> StartWorkout(StartWorkoutCommand command);

    /// <summary>Changes a workout's own fields; with <paramref name="expectedVersion"/> (If-Match) only from that version.</summary>
    Task<TrainingOutcome<WorkoutView>> UpdateWorkout(Guid workoutId, WorkoutPatch patch, long? expectedVersion = null);

    Task<TrainingOutcome<WorkoutView>> FinishWorkout(Guid workoutId, DateTimeOffset? endedAt);

    /// <summary>Ends a workout without finishing it: its sets stop counting for records and progress.</summary>
    Task<TrainingOutcome<WorkoutView>> AbandonWorkout(Guid workoutId);

    Task<TrainingOutcome<bool>> DeleteWorkout(Guid workoutId, long? expectedVersion = null);

    Task<TrainingOutcome<WorkoutExerciseView>> AddExercise(Guid workoutId, AddExerciseCommand command);

    Task<TrainingOutcome<WorkoutExerciseView>> UpdateExercise(Guid workoutId, Guid workoutExerciseId, WorkoutExercisePatch patch);

    Task<TrainingOutcome<WorkoutExerciseView>> SwapExercise(Guid workoutId, Guid workoutExerciseId, Guid? exerciseId);

    Task<TrainingOutcome<WorkoutView>> ReorderExercises(Guid workoutId, IReadOnlyList<Guid>? order);

    Task<TrainingOutcome<bool>> RemoveExercise(Guid workoutId, Guid workoutExerciseId);

    /// <summary>Logs a set, idempotently by its client-generated id; Created is false for a retry.</summary>
    Task<TrainingOutcome<SetLogged>> LogSet(Guid workoutId, Guid workoutExerciseId, SetInput input);

    Task<TrainingOutcome<SetLogged>> ReplaceSet(Guid workoutId, Guid setId, SetInput input);

    Task<TrainingOutcome<bool>> DeleteSet(Guid workoutId, Guid setId);

    /// <summary>
    /// Starts storing parsed workouts from another app as a job this grain owns, and answers its first progress at once
    /// (nothing written yet). Interleaves: a running import holds the grain, and a second one must hear 409, not queue.
    /// </summary>
    [AlwaysInterleave]
    Task<TrainingOutcome<ImportProgress>> BeginImport(ImportBatch batch);

    /// <summary>
    /// Runs the job <see cref="BeginImport"/> started (the grain sends it to itself, one way): an ordinary turn, so the
    /// person's other writes wait for the import as they did when it was one call, while progress reads interleave.
    /// </summary>
    [OneWay]
    Task RunImport(Guid importId);

    /// <summary>An import's progress, or its outcome once it ended (stored, so it survives a restart); null if it is not this person's.</summary>
    [AlwaysInterleave]
    Task<ImportProgress?> GetImport(Guid importId);

    /// <summary>Replays every exercise's history into its stored records and set marks (the repair path); answers how many exercises have records.</summary>
    Task<int> RebuildRecords();
}
