namespace FitFolio.Grains.Training;

/// <summary>What a <see cref="RecordBook"/> knows after the last set it read, as stored in <c>record_books.state</c> (JSON).</summary>
public sealed record RecordBookState(IReadOnlyList<RecordBookState.Entry> Bests, RecordBook.Session? Session)
{
    /// <summary>One best: <see cref="AtWeightKg"/> is set for most reps at a weight only.</summary>
    public sealed record Entry(string Type, decimal? AtWeightKg, decimal Value, Guid? SetId, Guid WorkoutId, DateTimeOffset AchievedAt)
    {
        public static Entry Of(string type, decimal? atWeightKg, RecordBook.Best best) =>
            new(type, atWeightKg, best.Value, best.SetId, best.WorkoutId, best.AchievedAt);
    }
}
