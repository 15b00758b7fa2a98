using System.Globalization;
using FitFolio.Grains.Training;

namespace FitFolio.Tests.Training;

/// <summary>
/// <see cref="Epley"/> takes 1 + r/30 from a table computed once; the estimate must be the one the formula as written gives,
/// text included (its decimal rounding of r/30 makes 1.65 kg × 1 rep 1.70, where exact arithmetic gives 1.71).
/// </summary>
public sealed class EpleyTests
{
    [Fact]
    public void The_tabled_factor_gives_what_the_formula_as_written_gives_for_every_load_to_the_cent()
    {
        var differing = 0;
        for (var cents = 0; cents <= 200_000; cents++)
        {
            var kg = new decimal(cents, 0, 0, false, 2);
            for (var reps = -1; reps <= Epley.MaxReps + 3; reps++)
            {
                decimal? written = reps is >= 1 and <= Epley.MaxReps
                    ? Math.Round(kg * (1 + (reps / 30m)), 2, MidpointRounding.AwayFromZero)
                    : null;
                var tabled = Epley.OneRepMax(kg, reps);
                if (written != tabled || written?.Scale != tabled?.Scale)
                {
                    Assert.Fail($"{kg} kg x {reps}: formula {Text(written)}, table {Text(tabled)}");
                }

                differing += written is { } w && w != Math.Round(kg * (30 + reps) / 30, 2, MidpointRounding.AwayFromZero) ? 1 : 0;
            }
        }

        // The table keeps the formula's decimal rounding, not exact arithmetic's (bench/README.md, third pass: 7,438 pairs).
        Assert.True(differing > 0, "no load where decimal and exact arithmetic part");
    }

    [Fact]
    public void A_single_of_1_65_kg_is_1_70_as_the_app_has_always_said()
    {
        Assert.Equal("1.70", Text(Epley.OneRepMax(1.65m, 1)));
        Assert.Null(Epley.OneRepMax(100m, 0));
        Assert.Null(Epley.OneRepMax(100m, 13));
    }

    private static string Text(decimal? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "null";
}
