namespace FitFolio.Grains.Training;

/// <summary>
/// Finds personal records by walking one exercise's sets in the order they were done. A set sets a
/// record when it strictly beats every counted set before it: a tie is not a record. Warm-ups and
/// sets of abandoned workouts are not counted. Weights are compared in kg at 0.01 kg, so 225 lb
/// (102.06 kg) beats 100 kg and a plate-for-plate tie across units is still a tie.
/// Records are derived from the sets every time rather than kept as running totals, so editing,
/// deleting, importing older history or abandoning a workout can never leave a stale record.
/// </summary>
public sealed class RecordBook(string kind)
{
    private readonly Dictionary<string, Best> _best = new(StringComparer.Ordinal);
    private readonly Dictionary<decimal, Best> _repsAtWeight = [];
    private readonly Dictionary<Guid, List<RecordHit>> _hits = [];

    /// <summary>The records each set set, by set id (sets with none are absent).</summary>
    public IReadOnlyDictionary<Guid, List<RecordHit>> Hits => _hits;

    public static RecordBook Replay(string kind, IEnumerable<RecordCandidate> chronological)
    {
        var book = new RecordBook(kind);
        foreach (var workout in chronological.GroupBy(c => c.WorkoutId))
        {
            book.AddWorkout([.. workout]);
        }

        return book;
    }

    /// <summary>The current bests, each held by the first set (or workout) that reached it.</summary>
    public IEnumerable<(string Type, Best Best, decimal? AtWeightKg)> Current() =>
        _best.Select(b => (b.Key, b.Value, (decimal?)null))
            .Concat(_repsAtWeight.OrderBy(r => r.Key).Select(r => (RecordType.MostRepsAtWeight, r.Value, (decimal?)r.Key)));

    private void AddWorkout(IReadOnlyList<RecordCandidate> sets)
    {
        var sessionBefore = _best.TryGetValue(RecordType.BestSessionVolume, out var session) ? session.Value : (decimal?)null;
        var sessionTotal = 0m;
        var sessionFlagged = false;
        foreach (var set in sets)
        {
            if (!set.Counted || set.Type == SetType.Warmup)
            {
                continue;
            }

            var reps = set.Reps ?? 0;
            var kg = set.WeightKg is { } w ? Math.Round(w, 2, MidpointRounding.AwayFromZero) : (decimal?)null;
            switch (kind)
            {
                case ExerciseKind.WeightReps when kg is { } weight && reps >= 1:
                    Try(set, RecordType.HeaviestWeight, weight);
                    if (Epley.OneRepMax(weight, reps) is { } e1rm)
                    {
                        Try(set, RecordType.BestE1rm, e1rm);
                    }

                    TryRepsAt(set, weight, reps);
                    var volume = Math.Round(weight * reps, 2, MidpointRounding.AwayFromZero);
                    if (volume > 0)
                    {
                        Try(set, RecordType.BestSetVolume, volume);
                    }

                    sessionTotal += volume;
                    if (!sessionFlagged && sessionTotal > 0 && (sessionBefore is null || sessionTotal > sessionBefore))
                    {
                        sessionFlagged = true;
                        Hit(set, new RecordHit(RecordType.BestSessionVolume, sessionTotal, sessionBefore, null));
                    }

                    break;
                case ExerciseKind.Bodyweight when reps >= 1:
                    if (kg is > 0)
                    {
                        Try(set, RecordType.HeaviestWeight, kg.Value);
                    }

                    TryRepsAt(set, kg ?? 0, reps);
                    break;
                case ExerciseKind.Assisted when kg is { } assistance && reps >= 1:
                    TryRepsAt(set, assistance, reps);
                    break;
                case ExerciseKind.Time when set.DurationSeconds is { } seconds:
                    Try(set, RecordType.LongestDuration, seconds);
                    break;
                case ExerciseKind.Distance when set.DistanceMeters is { } metres:
                    Try(set, RecordType.LongestDistance, metres);
                    break;
            }
        }

        if (sessionTotal > 0 && (sessionBefore is null || sessionTotal > sessionBefore))
        {
            var first = sets[0];
            _best[RecordType.BestSessionVolume] = new Best(sessionTotal, null, first.WorkoutId, first.AchievedAt);
        }
    }

    private void Try(RecordCandidate set, string type, decimal value)
    {
        var had = _best.TryGetValue(type, out var best);
        if (had && value <= best!.Value)
        {
            return;
        }

        _best[type] = new Best(value, set.SetId, set.WorkoutId, set.AchievedAt);
        Hit(set, new RecordHit(type, value, had ? best!.Value : null, null));
    }

    private void TryRepsAt(RecordCandidate set, decimal weightKg, int reps)
    {
        var had = _repsAtWeight.TryGetValue(weightKg, out var best);
        if (had && reps <= best!.Value)
        {
            return;
        }

        _repsAtWeight[weightKg] = new Best(reps, set.SetId, set.WorkoutId, set.AchievedAt);
        Hit(set, new RecordHit(RecordType.MostRepsAtWeight, reps, had ? best!.Value : null, weightKg));
    }

    private void Hit(RecordCandidate set, RecordHit hit)
    {
        if (!_hits.TryGetValue(set.SetId, out var list))
        {
            _hits[set.SetId] = list = [];
        }

        list.Add(hit);
    }

    /// <summary>A best value and who holds it.</summary>
    public sealed record Best(decimal Value, Guid? SetId, Guid WorkoutId, DateTimeOffset AchievedAt);
}
