
namespace FitFolio.Grains.Training;

public static class RecordType
{
    public const string HeaviestWeight = "heaviest_weight";
    public const string BestE1rm = "best_e1rm";
    public const string MostRepsAtWeight = "most_reps_at_weight";
    public const string BestSetVolume = "best_set_volume";
    public const string BestSessionVolume = "best_session_volume";
    public const string LongestDuration = "longest_duration";
    public const string LongestDistance = "longest_distance";
}
