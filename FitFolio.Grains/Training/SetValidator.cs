namespace FitFolio.Grains.Training;

/// <summary>
/// Checks a set against its exercise's kind and turns it into <see cref="SetContent"/>. Reps of 0
/// are a failed attempt, so only a <c>failure</c> set may have them. Weights are never negative:
/// an assisted set gives its assistance as a positive number.
/// </summary>
public static class SetValidator
{
    public const int MaxDurationSeconds = 86_400;
    public const decimal MaxDistanceMeters = 1_000_000m;

    public static TrainingOutcome<SetContent> Validate(SetInput input, string kind)
    {
        var type = input.Type ?? SetType.Working;
        if (!TrainingVocabulary.IsSetType(type))
        {
            return TrainingError.Validation("type", $"type is one of: {string.Join(", ", TrainingVocabulary.SetTypes)}.");
        }

        var needsReps = kind is ExerciseKind.WeightReps or ExerciseKind.Bodyweight or ExerciseKind.Assisted;
        if (input.Reps is null && needsReps)
        {
            return TrainingError.Validation("reps", "reps is required for this exercise.");
        }

        if (input.Reps is < 0 or > TargetRules.MaxReps)
        {
            return TrainingError.Validation("reps", $"reps is 0 to {TargetRules.MaxReps}.");
        }

        if (input.Reps == 0 && type != SetType.Failure)
        {
            return TrainingError.Validation("reps", "0 reps is only a failed attempt: log it with type failure.");
        }

        var needsWeight = kind is ExerciseKind.WeightReps or ExerciseKind.Assisted;
        if (input.Weight is null && needsWeight)
        {
            return TrainingError.Validation(
                "weight", kind == ExerciseKind.Assisted ? "weight (the assistance) is required for this exercise." : "weight is required for this exercise.");
        }

        if (TargetRules.Weight(input.Weight, input.WeightUnit, "weight", "weightUnit") is { } weightError)
        {
            return weightError;
        }

        if (input.DurationSeconds is null && kind == ExerciseKind.Time)
        {
            return TrainingError.Validation("durationSeconds", "durationSeconds is required for this exercise.");
        }

        if (input.DurationSeconds is < 1 or > MaxDurationSeconds)
        {
            return TrainingError.Validation("durationSeconds", $"durationSeconds is 1 to {MaxDurationSeconds}.");
        }

        if (input.DistanceMeters is null && kind == ExerciseKind.Distance)
        {
            return TrainingError.Validation("distanceMeters", "distanceMeters is required for this exercise.");
        }

        if (input.DistanceMeters is { } distance && (distance <= 0 || distance > MaxDistanceMeters || decimal.Round(distance, 2) != distance))
        {
            return TrainingError.Validation("distanceMeters", $"distanceMeters is above 0 and at most {MaxDistanceMeters}, with at most 2 decimals.");
        }

        if ((TargetRules.Effort(input.Rpe, input.Rir, "rpe", "rir") ?? TextRules.Notes(input.Notes, "notes")) is { } error)
        {
            return error;
        }

        return TrainingOutcome<SetContent>.Ok(new SetContent(
            new SetMeasures(
                type, input.Reps, input.Weight, input.Weight is null ? null : input.WeightUnit, input.DurationSeconds, input.DistanceMeters, input.Rpe),
            input.Rir,
            TextRules.NormalizeNotes(input.Notes)));
    }
}
