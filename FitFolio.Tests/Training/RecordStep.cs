namespace FitFolio.Tests.Training;

/// <summary>
/// One random write of <see cref="MaintainedRecordPropertyTests"/>: which <see cref="RecordStepKind"/>, on which
/// exercise (an index into the test's three), with what load, and which earlier set or how many days back it picks.
/// </summary>
public sealed record RecordStep(RecordStepKind Kind, int Exercise, int Weight, int Reps, int Pick, int DaysAgo)
{
    public override string ToString() => $"{Kind}(exercise {Exercise}, {Weight} kg x {Reps}, pick {Pick}, {DaysAgo} days ago)";
}
