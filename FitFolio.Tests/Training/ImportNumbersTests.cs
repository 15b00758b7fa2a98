using System.Globalization;
using System.Text;
using FitFolio.Grains.Training.Import;

namespace FitFolio.Tests.Training;

/// <summary>
/// The reading rules of an import, without a server: floating-point artefacts are stripped (3
/// decimals) and nothing else is rounded, and no value in a file can make the parser throw.
/// </summary>
public sealed class ImportNumbersTests
{
    [Theory]
    [InlineData("42.50000000000001", "42.5")]
    [InlineData("42.49999999999999", "42.5")]
    [InlineData("12.900000000000034", "12.9")]
    [InlineData("12.899999618530273", "12.9")]
    [InlineData("0.30000000000000004", "0.3")]
    [InlineData("225,00000000000003", "225")]
    [InlineData("5.551115123125783e-17", "0")]
    [InlineData("-1.4210854715202004E-14", "0")]
    [InlineData("12.9", "12.9")]
    [InlineData("61.23", "61.23")]
    [InlineData("12.345", "12.345")]
    [InlineData("12.3449999999999", "12.345")]
    [InlineData("100.0", "100")]
    [InlineData("79228162514264337593543950335", "79228162514264337593543950335")]
    public void A_measurement_loses_its_float_artefacts_and_nothing_else(string written, string read)
    {
        Assert.True(ImportNumbers.TryMeasure(written, out var value));
        Assert.Equal(read, value!.Value.ToString(CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("1e400")]
    [InlineData("4 2")]
    [InlineData("1,234.5")]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    public void Text_that_is_no_number_is_refused(string written) => Assert.False(ImportNumbers.TryMeasure(written, out _));

    [Theory]
    [InlineData("8", 8)]
    [InlineData("8.0", 8)]
    [InlineData("8.000000000000002", 8)]
    [InlineData("7.999999999999998", 8)]
    [InlineData("1799.9999999999998", 1800)]
    [InlineData("", null)]
    public void A_whole_number_may_carry_artefacts(string written, int? read)
    {
        Assert.True(ImportNumbers.TryWhole(written, out var value));
        Assert.Equal(read, value);
    }

    [Theory]
    [InlineData("8.5")]
    [InlineData("8.001")]
    [InlineData("2147483648")]
    [InlineData("1e10")]
    public void A_fraction_or_an_overflow_is_no_whole_number(string written) => Assert.False(ImportNumbers.TryWhole(written, out _));

    [Theory]
    [InlineData("5.000000000000001", 1000, "5000")]
    [InlineData("5.2345", 1000, "5234.5")]
    [InlineData("1609.3440000000001", 1, "1609.34")]
    [InlineData("1.2999999999999998", 1609.344, "2092.15")]
    [InlineData("79228162514264337593543950335", 1609.344, "79228162514264337593543950335")]
    public void A_distance_is_converted_to_metres_and_kept_to_the_centimetre(string written, double metresPer, string metres)
    {
        Assert.True(ImportNumbers.TryExact(written, out var value));
        Assert.Equal(decimal.Parse(metres, CultureInfo.InvariantCulture), ImportNumbers.Metres(value, (decimal)metresPer));
    }

    [Theory]
    [InlineData("3912", 3912)]
    [InlineData("1830.0000000000002", 1830)]
    [InlineData("1h 5m", 3900)]
    [InlineData("45m", 2700)]
    [InlineData("86400", 86400)]
    [InlineData("86401", null)]
    [InlineData("2147483647h", null)]
    [InlineData("9999999999", null)]
    [InlineData("-60", null)]
    [InlineData("5x", null)]
    [InlineData("h", null)]
    public void A_workout_duration_is_read_in_either_form_and_never_beyond_a_day(string written, int? seconds) =>
        Assert.Equal(seconds, ImportFields.Duration(written) is { } length ? (int)length.TotalSeconds : null);

    [Fact]
    public void A_workout_at_the_end_of_time_has_no_end_rather_than_an_overflow()
    {
        Assert.Null(ImportFields.End(DateTimeOffset.MaxValue.AddMinutes(-30), TimeSpan.FromHours(1)));
        Assert.Equal(DateTimeOffset.MaxValue, ImportFields.End(DateTimeOffset.MaxValue.AddHours(-1), TimeSpan.FromHours(1)));
    }

    [Theory]
    [InlineData("2024-11-02 6:15:00\u202fPM", "2024-11-02T18:15:00")]
    [InlineData("2024-11-02 6:15:00\u00a0pm", "2024-11-02T18:15:00")]
    [InlineData("2024-11-03 12:05:00\u202fAM", "2024-11-03T00:05:00")]
    [InlineData("2024-11-03 12:05:00 PM", "2024-11-03T12:05:00")]
    [InlineData("2024-11-03 06:05:00 AM", "2024-11-03T06:05:00")]
    [InlineData("2025-02-03 18:04:11", "2025-02-03T18:04:11")]
    public void Twelve_hour_times_with_any_space_before_the_marker_are_read(string written, string utc)
    {
        string[] formats = ["yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd h:mm:ss tt"];
        Assert.True(ImportFields.TryLocalTime(written, formats, TimeZoneInfo.Utc, out var time));
        Assert.Equal(DateTime.Parse(utc, CultureInfo.InvariantCulture), time.UtcDateTime);
    }

    [Theory]
    [InlineData("0001-01-01 00:00:00", "Europe/Berlin")]
    [InlineData("9999-12-31 23:59:59", "America/New_York")]
    public void A_local_time_no_instant_can_hold_is_no_time(string written, string zone) =>
        Assert.False(ImportFields.TryLocalTime(written, ["yyyy-MM-dd HH:mm:ss"], TimeZoneInfo.FindSystemTimeZoneById(zone), out _));

    [Fact]
    public void No_value_in_a_file_makes_the_parser_throw()
    {
        string[] values = ["", "0", "-1", "1e400", "79228162514264337593543950335", "-79228162514264337593543950335", "2147483647h 2147483647m",
            "9999999999", "0001-01-01 00:00:00", "9999-12-31 23:59:59", "W", "Rest Timer", "\"", "\u202f", new string('9', 500)];
        var columns = new[] { "Date", "Workout Name", "Duration", "Exercise Name", "Set Order", "Weight", "Reps", "Distance", "Seconds", "RPE" };
        var zones = new[] { TimeZoneInfo.Utc, TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin"), TimeZoneInfo.FindSystemTimeZoneById("Pacific/Kiritimati") };
        var file = new StringBuilder(string.Join(';', columns)).Append('\n');
        for (var column = 0; column < columns.Length; column++)
        {
            foreach (var value in values)
            {
                var row = new[] { "2024-01-01 10:00:00", "W", "1h", "Squat (Barbell)", "1", "100", "5", "1", "0", "8" };
                row[column] = value.Replace("\"", "\"\"", StringComparison.Ordinal);
                file.AppendJoin(';', row.Select(v => $"\"{v}\"")).Append('\n');
            }
        }

        foreach (var zone in zones)
        {
            var parsed = ImportParser.Parse(Encoding.UTF8.GetBytes(file.ToString()), zone);
            Assert.NotNull(parsed.Batch);
        }
    }
}
