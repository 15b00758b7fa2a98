namespace FitFolio.Grains.Training;

/// <summary>Limits shared by sets and program targets.</summary>
public static class TargetRules
{
    public const int MaxReps = 1000;
    public const int MaxDays = 14;
    public const int MaxExercisesPerDay = 30;
    public const int MaxTargetSets = 20;
    public const int MaxRestSeconds = 3600;
    public const int MaxSupersetGroup = 99;

    public static TrainingError? Weight(decimal? weight, string? unit, string field, string unitField)
    {
        if (weight is null)
        {
            return null;
        }

        if (!TrainingVocabulary.IsWeightUnit(unit))
        {
            return TrainingError.Validation(unitField, $"{unitField} is kg or lb.");
        }

        if (weight < 0)
        {
            return TrainingError.Validation(field, $"{field} cannot be negative (assistance is given as a positive number).");
        }

        if (decimal.Round(weight.Value, 2) != weight)
        {
            return TrainingError.Validation(field, $"{field} has at most 2 decimals.");
        }

        return Weights.ToKg(weight.Value, unit!) > Weights.MaxKg
            ? TrainingError.Validation(field, $"{field} is at most {Weights.MaxKg} kg (4409.24 lb).")
            : null;
    }

    /// <summary>RPE 1 to 10 in half steps, or RIR 0 to 10, never both.</summary>
    public static TrainingError? Effort(decimal? rpe, int? rir, string rpeField, string rirField)
    {
        if (rpe is { } r && (r < 1 || r > 10 || decimal.Round(r * 2) != r * 2))
        {
            return TrainingError.Validation(rpeField, $"{rpeField} is 1 to 10 in steps of 0.5.");
        }

        if (rir is < 0 or > 10)
        {
            return TrainingError.Validation(rirField, $"{rirField} is 0 to 10.");
        }

        return rpe is not null && rir is not null ? TrainingError.Validation(rirField, "Give RPE or RIR, not both.") : null;
    }
}
