namespace FitFolio.Grains.Training.Import;

/// <summary>The outcome of reading a file: a batch to store, or why the file as a whole was refused.</summary>
public sealed record ImportParse(ImportBatch? Batch, string? Code, string? Message)
{
    public static ImportParse Ok(ImportBatch batch) => new(batch, null, null);

    public static ImportParse Fail(string code, string message) => new(null, code, message);
}
