namespace FitFolio.Grains.Training;

/// <summary>The states of an import job, as stored in <c>training_imports.status</c> and answered to the app.</summary>
public static class ImportStatus
{
    public const string Running = "running";
    public const string Finished = "finished";
    public const string Failed = "failed";

    /// <summary>What a failed import says: the transaction rolled back, so nothing of it is stored, and the import is idempotent.</summary>
    public const string TryAgain =
        "The import stopped before it finished and nothing of it was stored. Import the file again: what is already there is not added twice.";
}
