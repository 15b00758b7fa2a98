namespace FitFolio.Grains.Training;

/// <summary>
/// Finds personal records by walking one exercise's sets in the order they were done. A set sets a
/// record when it strictly beats every counted set before it: a tie is not a record. Warm-ups and
/// sets of abandoned workouts are not counted. Weights are compared in kg at 0.01 kg, so 225 lb
/// (102.06 kg) beats 100 kg and a plate-for-plate tie across units is still a tie.
/// The book is incremental: <see cref="Add"/> reads one more set, and <see cref="Save"/> /
/// <see cref="Restore"/> keep its state between writes (<see cref="RecordKeeper"/> stores it per
/// exercise), so logging a set after the last one costs one set, not the whole history. Any other
/// change (an edit, a delete, an import of older history, an abandoned workout) replays the
/// exercise from its first set, which is also the repair path and the tests' oracle.
/// </summary>
public sealed class RecordBook(string kind)
{
    private readonly Dictionary<string, Best> _best = new(StringComparer.Ordinal);
    private readonly Dictionary<decimal, Best> _repsAtWeight = [];
    private readonly Dictionary<Guid, List<RecordHit>> _hits = [];
    private Session? _session;

    /// <summary>The records each set read since the book was made or restored set (sets with none are absent).</summary>
    public IReadOnlyDictionary<Guid, List<RecordHit>> Hits => _hits;

    public static RecordBook Replay(string kind, IEnumerable<RecordCandidate> chronological)
    {
        var book = new RecordBook(kind);
        foreach (var set in chronological)
        {
            book.Add(set);
        }

        return book;
    }

    public static RecordBook Restore(string kind, RecordBookState state)
    {
        var book = new RecordBook(kind);
        foreach (var best in state.Bests)
        {
            var value = new Best(best.Value, best.SetId, best.WorkoutId, best.AchievedAt);
            if (best.AtWeightKg is { } weight)
            {
                book._repsAtWeight[weight] = value;
            }
            else
            {
                book._best[best.Type] = value;
            }
        }

        book._session = state.Session;
        return book;
    }

    public RecordBookState Save() => new(
        [.. _best.Select(b => RecordBookState.Entry.Of(b.Key, null, b.Value)),
         .. _repsAtWeight.Select(r => RecordBookState.Entry.Of(RecordType.MostRepsAtWeight, r.Key, r.Value))],
        _session);

    /// <summary>The current bests, each held by the first set (or workout) that reached it.</summary>
    public IEnumerable<(string Type, Best Best, decimal? AtWeightKg)> Current() =>
        _best.Select(b => (b.Key, b.Value, (decimal?)null))
            .Concat(_repsAtWeight.OrderBy(r => r.Key).Select(r => (RecordType.MostRepsAtWeight, r.Value, (decimal?)r.Key)));

    /// <summary>Reads the next set of the exercise's history (every set, counted or not: the first of a workout dates its session).</summary>
    public void Add(RecordCandidate set)
    {
        if (_session?.WorkoutId != set.WorkoutId)
        {
            var before = _best.GetValueOrDefault(RecordType.BestSessionVolume);
            _session = new Session(set.WorkoutId, set.AchievedAt, before?.Value, 0, false);
        }

        if (!set.Counted || set.Type == SetType.Warmup)
        {
            return;
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

                AddSessionVolume(set, volume);
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

    /// <summary>
    /// A workout's volume is a record once its running total beats the best of the workouts before it; the set that
    /// crosses it is marked (once), and the best names the workout, dated by its first set. Weights are never
    /// negative, so the total only grows and the best after the workout's last set is its whole volume.
    /// </summary>
    private void AddSessionVolume(RecordCandidate set, decimal volume)
    {
        var session = _session!;
        var total = session.Total + volume;
        var beats = total > 0 && (session.Before is null || total > session.Before);
        if (beats && !session.Flagged)
        {
            Hit(set, new RecordHit(RecordType.BestSessionVolume, total, session.Before, null));
        }

        _session = session with { Total = total, Flagged = session.Flagged || beats };
        if (beats)
        {
            _best[RecordType.BestSessionVolume] = new Best(total, null, session.WorkoutId, session.FirstAt);
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

    /// <summary>
    /// The workout the book read last: where it began, the best session volume before it, its volume so far, and
    /// whether a set of it was already marked for beating that best.
    /// </summary>
    public sealed record Session(Guid WorkoutId, DateTimeOffset FirstAt, decimal? Before, decimal Total, bool Flagged);
}
