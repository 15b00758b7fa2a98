namespace FitFolio.Grains.Training;

/// <summary>Length rules for the free text of the training log.</summary>
public static class TextRules
{
    public const int MaxNameLength = 100;
    public const int MaxNotesLength = 2000;

    /// <summary>A required name: 1 to 100 characters after trimming, no control characters.</summary>
    public static TrainingError? Name(string? value, string field)
    {
        var trimmed = value?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            return TrainingError.Validation(field, $"{field} is required.");
        }

        if (trimmed.Length > MaxNameLength)
        {
            return TrainingError.Validation(field, $"{field} is at most {MaxNameLength} characters.");
        }

        return trimmed.Any(char.IsControl) ? TrainingError.Validation(field, $"{field} must not contain control characters.") : null;
    }

    public static TrainingError? Notes(string? value, string field) =>
        value is { Length: > MaxNotesLength } ? TrainingError.Validation(field, $"{field} is at most {MaxNotesLength} characters.") : null;

    /// <summary>Blank notes are stored as none.</summary>
    public static string? NormalizeNotes(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
