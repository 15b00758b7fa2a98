using FitFolio.Grains.Sessions;

namespace FitFolio.Grains.Passkeys;

/// <summary>The name a person gives a passkey, so they can tell their devices apart in the list.</summary>
public static class PasskeyNames
{
    public const int MaxLength = 100;

    /// <summary>"Passkey on Chrome on Linux": a sensible name when the person gives none.</summary>
    public static string Default(string? userAgent) =>
        string.IsNullOrWhiteSpace(userAgent) ? "Passkey" : Cut("Passkey on " + DeviceNames.Describe(userAgent));

    /// <summary>
    /// Trims the name and accepts 1 to 100 characters without control characters: it is shown back in
    /// the UI and, via the audit log, to admins, so no line breaks or terminal escapes.
    /// </summary>
    public static bool TryNormalize(string? input, out string name)
    {
        name = input?.Trim() ?? "";
        return name.Length is > 0 and <= MaxLength && !name.Any(char.IsControl) && !HasLoneSurrogate(name);
    }

    private static bool HasLoneSurrogate(string value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            if (char.IsHighSurrogate(value[i]) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(value[i]))
            {
                return true;
            }
        }

        return false;
    }

    private static string Cut(string value) => value.Length <= MaxLength ? value : value[..MaxLength];
}
