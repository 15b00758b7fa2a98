namespace FitFolio.Grains.Training;

/// <summary>
/// How far an import is: the rows the file held (parsed before the job started), the workouts gone through of all of them
/// (written, or found already imported), the sets written so far; the summary once it finished, the reason once it failed.
/// <see cref="Percent"/> reaches 100 only with the summary: after the last workout the records are replayed, at 99.
/// </summary>
[GenerateSerializer, Alias("fitfolio.training.import-progress")]
public sealed record ImportProgress(
    [property: Id(0)] Guid Id,
    [property: Id(1)] string Status,
    [property: Id(2)] string Format,
    [property: Id(3)] int RowsRead,
    [property: Id(4)] int WorkoutsTotal,
    [property: Id(5)] int WorkoutsDone,
    [property: Id(6)] int SetsWritten,
    [property: Id(7)] int Percent,
    [property: Id(8)] ImportSummary? Summary,
    [property: Id(9)] string? Failure);
