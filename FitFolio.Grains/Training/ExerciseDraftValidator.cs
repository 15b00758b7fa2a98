namespace FitFolio.Grains.Training;

/// <summary>Checks a custom exercise before it is stored.</summary>
public static class ExerciseDraftValidator
{
    public static TrainingError? Validate(ExerciseDraft draft)
    {
        if (TextRules.Name(draft.Name, "name") is { } nameError)
        {
            return nameError;
        }

        if (!TrainingVocabulary.IsCategory(draft.Category))
        {
            return TrainingError.Validation("category", $"category is one of: {string.Join(", ", TrainingVocabulary.Categories)}.");
        }

        if (!TrainingVocabulary.IsEquipment(draft.Equipment))
        {
            return TrainingError.Validation("equipment", $"equipment is one of: {string.Join(", ", TrainingVocabulary.Equipment)}.");
        }

        if (!TrainingVocabulary.IsKind(draft.Kind))
        {
            return TrainingError.Validation("kind", $"kind is one of: {string.Join(", ", TrainingVocabulary.Kinds)}.");
        }

        if (draft.PrimaryMuscles is not { Count: > 0 and <= 6 })
        {
            return TrainingError.Validation("primaryMuscles", "Give 1 to 6 primary muscles.");
        }

        for (var i = 0; i < draft.PrimaryMuscles.Count; i++)
        {
            if (!TrainingVocabulary.IsMuscle(draft.PrimaryMuscles[i]))
            {
                return TrainingError.Validation($"primaryMuscles[{i}]", "Not a known muscle; see GET /api/v1/training/meta.");
            }
        }

        var secondary = draft.SecondaryMuscles ?? [];
        if (secondary.Count > 10)
        {
            return TrainingError.Validation("secondaryMuscles", "Give at most 10 secondary muscles.");
        }

        for (var i = 0; i < secondary.Count; i++)
        {
            if (!TrainingVocabulary.IsMuscle(secondary[i]))
            {
                return TrainingError.Validation($"secondaryMuscles[{i}]", "Not a known muscle; see GET /api/v1/training/meta.");
            }
        }

        return null;
    }
}
