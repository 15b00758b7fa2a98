
namespace FitFolio.Grains.Training;

public static class WorkoutStatus
{
    public const string InProgress = "in_progress";
    public const string Finished = "finished";
    public const string Abandoned = "abandoned";
}
