using System.Globalization;

namespace FitFolio.Grains.Training.Import;

/// <summary>
/// Reading the numbers of another app's CSV. Apps keep weights, reps and times as binary floating
/// point and print the shortest text that round-trips, so a 42.5 kg set can arrive as
/// <c>42.50000000000001</c> and a 12.9 kg one as <c>12.900000000000034</c> (Strong's 2025 export
/// does). Those digits are representation artefacts, not what the person entered: every value an
/// import reads is rounded to 3 decimals first (a double's artefacts sit 13 or more places down,
/// and nobody enters a thousandth of a kilogram), and only then do the rules of logged sets apply.
/// That is no plate rounding: 12.9 stays 12.9, 61.23 stays 61.23, and 12.345 is still refused by the
/// 2-decimal weight rule, exactly as if it had been typed.
/// </summary>
internal static class ImportNumbers
{
    /// <summary>Decimals kept when stripping artefacts; one more than any stored field has.</summary>
    public const int ArtefactDecimals = 3;

    /// <summary>A number as written (empty is null). With ';' as delimiter a decimal comma ("62,5") is what European exports write.</summary>
    public static bool TryExact(string raw, out decimal? value)
    {
        value = null;
        var text = raw.Trim();
        if (text.Length == 0)
        {
            return true;
        }

        if (text.Contains(',', StringComparison.Ordinal) && !text.Contains('.', StringComparison.Ordinal))
        {
            text = text.Replace(',', '.');
        }

        // Exponents too: float printers switch to them for small values ("5.551115123125783e-17" is a zero).
        if (decimal.TryParse(
            text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out var parsed))
        {
            value = parsed;
            return true;
        }

        return false;
    }

    /// <summary>A measurement the app wrote (weight, RPE, reps, seconds), without floating-point artefacts; empty is null.</summary>
    public static bool TryMeasure(string raw, out decimal? value)
    {
        if (!TryExact(raw, out value))
        {
            return false;
        }

        value = value is { } v ? WithoutArtefacts(v) : null;
        return true;
    }

    /// <summary>A whole number ("5", "5.0", or "5.000000000000001"), without artefacts; empty is null.</summary>
    public static bool TryWhole(string raw, out int? value)
    {
        value = null;
        if (!TryMeasure(raw, out var number))
        {
            return false;
        }

        if (number is { } n)
        {
            if (n != decimal.Truncate(n) || n < int.MinValue || n > int.MaxValue)
            {
                return false;
            }

            value = (int)n;
        }

        return true;
    }

    /// <summary>
    /// An imported set's measures from the numbers its row held, or null when it measured nothing (no reps, weight,
    /// time or distance): such a row is skipped. A zero time or RPE is how the apps write "none".
    /// </summary>
    public static SetMeasures? Measures(
        string type, int? reps, decimal? weight, string unit, int? seconds, decimal? distance, decimal metresPer, decimal? rpe) =>
        (reps ?? 0) == 0 && (weight ?? 0) == 0 && (seconds ?? 0) == 0 && (distance ?? 0) == 0
            ? null
            : new SetMeasures(type, reps, weight, unit, seconds is > 0 ? seconds : null, Metres(distance, metresPer), rpe is > 0 ? rpe : null);

    /// <summary>
    /// A distance in metres from the file's unit, kept to the centimetre the log stores (which also
    /// absorbs any artefact). Rounding the file's own unit to 3 decimals instead would cut a km value
    /// to whole metres. A value already beyond the largest distance is passed through unconverted:
    /// it is refused all the same, and the multiplication cannot overflow.
    /// </summary>
    public static decimal? Metres(decimal? distance, decimal metresPer) => distance switch
    {
        null or <= 0 => null,
        > SetValidator.MaxDistanceMeters => distance,
        { } d => Math.Round(d * metresPer, 2),
    };

    /// <summary>The value rounded to <see cref="ArtefactDecimals"/> decimals, its trailing zeros dropped.</summary>
    public static decimal WithoutArtefacts(decimal value) =>
        Math.Round(value, ArtefactDecimals, MidpointRounding.AwayFromZero) / 1.000m;
}
