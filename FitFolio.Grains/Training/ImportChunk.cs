namespace FitFolio.Grains.Training;

/// <summary>The rows of one round of an import's COPY: the workouts, their exercises and their sets not yet written.</summary>
internal sealed class ImportChunk
{
    public List<ImportedWorkout> Workouts { get; } = [];

    public List<(Guid Id, Guid WorkoutId, int Position, Guid ExerciseId, int? Superset, string? Notes)> Exercises { get; } = [];

    public List<(Guid Id, Guid WorkoutId, Guid WorkoutExerciseId, Guid ExerciseId, int Position, SetContent Content, DateTimeOffset At)> Sets { get; } = [];

    public void Clear()
    {
        Workouts.Clear();
        Exercises.Clear();
        Sets.Clear();
    }
}
