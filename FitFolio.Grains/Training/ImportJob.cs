namespace FitFolio.Grains.Training;

/// <summary>
/// The import a training grain is running, in memory: progress is read far more often than it changes and is worthless once
/// the job ends, so only the outcome is stored (<c>training_imports</c>). The batch is dropped as soon as the job ends.
/// </summary>
internal sealed class ImportJob(Guid id, ImportBatch batch)
{
    public Guid Id { get; } = id;

    public ImportBatch? Batch { get; private set; } = batch;

    public string Format { get; } = batch.Format;

    public int RowsRead { get; } = batch.Workouts.Sum(w => w.Exercises.Sum(e => e.Sets.Count)) + batch.Skipped.Count;

    public int WorkoutsTotal { get; } = batch.Workouts.Count;

    public int WorkoutsDone { get; set; }

    public int SetsWritten { get; set; }

    public string Status { get; private set; } = ImportStatus.Running;

    public ImportSummary? Summary { get; private set; }

    public bool Running => Status == ImportStatus.Running;

    public void Finish(ImportSummary summary)
    {
        (Status, Summary, Batch) = (ImportStatus.Finished, summary, null);
        WorkoutsDone = WorkoutsTotal;
    }

    public void Fail() => (Status, Batch) = (ImportStatus.Failed, null);

    public ImportProgress Snapshot()
    {
        var percent = Status == ImportStatus.Finished ? 100 : Math.Min(99, WorkoutsDone * 100 / Math.Max(1, WorkoutsTotal));
        var failure = Status == ImportStatus.Failed ? ImportStatus.TryAgain : null;
        return new ImportProgress(Id, Status, Format, RowsRead, WorkoutsTotal, WorkoutsDone, SetsWritten, percent, Summary, failure);
    }
}
