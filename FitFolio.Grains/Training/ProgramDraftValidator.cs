namespace FitFolio.Grains.Training;

/// <summary>Checks a program before it is stored; exercise ids are checked by the store, which knows whose they are.</summary>
public static class ProgramDraftValidator
{
    public static TrainingError? Validate(ProgramDraft draft)
    {
        if ((TextRules.Name(draft.Name, "name") ?? TextRules.Notes(draft.Notes, "notes")) is { } error)
        {
            return error;
        }

        var days = draft.Days ?? [];
        if (days.Count > TargetRules.MaxDays)
        {
            return TrainingError.Validation("days", $"A program has at most {TargetRules.MaxDays} days.");
        }

        for (var d = 0; d < days.Count; d++)
        {
            var day = days[d];
            if (day is null)
            {
                return TrainingError.Validation($"days[{d}]", "A day is an object.");
            }

            if (TextRules.Name(day.Name, $"days[{d}].name") is { } dayError)
            {
                return dayError;
            }

            var exercises = day.Exercises ?? [];
            if (exercises.Count > TargetRules.MaxExercisesPerDay)
            {
                return TrainingError.Validation($"days[{d}].exercises", $"A day has at most {TargetRules.MaxExercisesPerDay} exercises.");
            }

            for (var e = 0; e < exercises.Count; e++)
            {
                if (ValidateExercise(exercises[e], $"days[{d}].exercises[{e}]") is { } exerciseError)
                {
                    return exerciseError;
                }
            }
        }

        return null;
    }

    private static TrainingError? ValidateExercise(ProgramExerciseDraft? item, string path)
    {
        if (item is null)
        {
            return TrainingError.Validation(path, "An exercise is an object.");
        }

        if (item.ExerciseId is null)
        {
            return TrainingError.Validation($"{path}.exerciseId", "exerciseId is required.");
        }

        if (item.SupersetGroup is < 1 or > TargetRules.MaxSupersetGroup)
        {
            return TrainingError.Validation($"{path}.supersetGroup", $"supersetGroup is 1 to {TargetRules.MaxSupersetGroup}.");
        }

        if (item.TargetSets is < 1 or > TargetRules.MaxTargetSets)
        {
            return TrainingError.Validation($"{path}.targetSets", $"targetSets is 1 to {TargetRules.MaxTargetSets}.");
        }

        if (item.RepsMin is < 1 or > TargetRules.MaxReps)
        {
            return TrainingError.Validation($"{path}.repsMin", $"repsMin is 1 to {TargetRules.MaxReps}.");
        }

        if (item.RepsMax is < 1 or > TargetRules.MaxReps)
        {
            return TrainingError.Validation($"{path}.repsMax", $"repsMax is 1 to {TargetRules.MaxReps}.");
        }

        if (item.RepsMin is { } min && item.RepsMax is { } max && min > max)
        {
            return TrainingError.Validation($"{path}.repsMax", "repsMax must not be below repsMin.");
        }

        if (item.TargetWeight is null && item.WeightUnit is not null && !TrainingVocabulary.IsWeightUnit(item.WeightUnit))
        {
            return TrainingError.Validation($"{path}.weightUnit", "weightUnit is kg or lb.");
        }

        if (item.RestSeconds is < 0 or > TargetRules.MaxRestSeconds)
        {
            return TrainingError.Validation($"{path}.restSeconds", $"restSeconds is 0 to {TargetRules.MaxRestSeconds}.");
        }

        return TargetRules.Weight(item.TargetWeight, item.WeightUnit, $"{path}.targetWeight", $"{path}.weightUnit")
            ?? TargetRules.Effort(item.TargetRpe, item.TargetRir, $"{path}.targetRpe", $"{path}.targetRir")
            ?? TextRules.Notes(item.Notes, $"{path}.notes");
    }
}
