namespace FitFolio.Tests.Training;

/// <summary>The writes that change records: logging (working or warm-up), editing, deleting, importing, starting or abandoning a workout.</summary>
public enum RecordStepKind
{
    Log,
    LogWarmup,
    Edit,
    Delete,
    Import,
    NewWorkout,
    Abandon,
}
