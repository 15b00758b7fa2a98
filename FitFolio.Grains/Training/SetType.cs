
namespace FitFolio.Grains.Training;

public static class SetType
{
    public const string Warmup = "warmup";
    public const string Working = "working";
    public const string Drop = "drop";
    public const string Failure = "failure";
}
