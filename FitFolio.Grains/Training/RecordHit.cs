namespace FitFolio.Grains.Training;

/// <summary>A record one set set: the new value and the one it beat.</summary>
public sealed record RecordHit(string Type, decimal Value, decimal? Previous, decimal? AtWeightKg)
{
    public string Unit => UnitOf(Type);

    public static string UnitOf(string type) => type switch
    {
        RecordType.MostRepsAtWeight => "reps",
        RecordType.LongestDuration => "s",
        RecordType.LongestDistance => "m",
        _ => "kg",
    };
}
