namespace FitFolio.Grains.Training.Import;

/// <summary>
/// Gathers set rows into workouts (by start time and title) and, within a workout, into exercise
/// blocks: a new block starts whenever the exercise changes, as both apps write one block per exercise.
/// Titles are compared as <see cref="ImportFields.Key"/> compares them (ignoring case), so two
/// spellings of one title at one start are one workout rather than a second whose key is taken.
/// </summary>
internal sealed class WorkoutAccumulator(string format)
{
    private readonly List<Draft> _workouts = [];
    private readonly Dictionary<(DateTimeOffset, string), Draft> _byKey = [];

    public void Add(
        DateTimeOffset startedAt, string name, DateTimeOffset? endedAt, string? notes, string exercise, string? exerciseNotes, int? superset, ImportedSet set)
    {
        var key = (startedAt, name.Trim().ToLowerInvariant());
        if (!_byKey.TryGetValue(key, out var workout))
        {
            workout = new Draft(startedAt, name, endedAt, string.IsNullOrWhiteSpace(notes) ? null : notes.Trim());
            _byKey[key] = workout;
            _workouts.Add(workout);
        }

        if (workout.Exercises.Count == 0 || !string.Equals(workout.Exercises[^1].Name, exercise, StringComparison.OrdinalIgnoreCase))
        {
            workout.Exercises.Add((exercise, string.IsNullOrWhiteSpace(exerciseNotes) ? null : exerciseNotes.Trim(), superset, []));
        }

        workout.Exercises[^1].Sets.Add(set);
    }

    public IReadOnlyList<ImportedWorkout> Build() =>
        [.. _workouts.Select(w => new ImportedWorkout(
            ImportFields.Key(format, w.StartedAt, w.Name), w.Name, w.StartedAt, w.EndedAt is { } e && e >= w.StartedAt ? e : null, w.Notes,
            [.. w.Exercises.Select(x => new ImportedExercise(x.Name, x.Notes, x.Superset, x.Sets))]))];

    private sealed record Draft(DateTimeOffset StartedAt, string Name, DateTimeOffset? EndedAt, string? Notes)
    {
        public List<(string Name, string? Notes, int? Superset, List<ImportedSet> Sets)> Exercises { get; } = [];
    }
}
