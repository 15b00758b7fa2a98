
namespace FitFolio.Grains.Training;

/// <summary>What a set of an exercise records.</summary>
public static class ExerciseKind
{
    public const string WeightReps = "weight_reps";
    public const string Bodyweight = "bodyweight";
    public const string Assisted = "assisted";
    public const string Time = "time";
    public const string Distance = "distance";
}
