using System.Globalization;
using FitFolio.Grains.Training;

namespace FitFolio.Tests.Training;

/// <summary>
/// A progress point is computed in one pass over a workout's weighed sets, loads in cents (<c>ExerciseSeries.Point</c>); it must
/// equal, text and scale included, the LINQ over cent-rounded decimal loads it replaced, kept here as the oracle.
/// </summary>
public sealed class ProgressPointTests
{
    [Fact]
    public void A_point_from_loads_in_cents_equals_the_decimal_computation_it_replaced()
    {
        var random = new Random(17);
        for (var workout = 0; workout < 20_000; workout++)
        {
            var sets = random.Next(0, 12);
            // Loads as numeric(10,4) holds them (scale 4): whole plates, pounds converted, half-cents, zero, the largest.
            var loads = Enumerable.Range(0, sets).Select(_ => random.Next(6) switch
            {
                0 => 2.5m * random.Next(0, 120) + 0.0000m,
                1 => Math.Round(random.Next(1, 600) * 0.45359237m, 4),
                2 => random.Next(0, 200_000) / 100m + 0.0050m,
                3 => 0.0000m,
                4 => 999_999.9999m,
                _ => new decimal(random.Next(0, 20_000_000), 0, 0, false, 4),
            }).ToArray();
            var reps = Enumerable.Range(0, sets).Select(_ => random.Next(1, 20)).ToArray();
            var cents = loads.Select(kg => (int)(Math.Round(kg, 2, MidpointRounding.AwayFromZero) * 100)).ToArray();
            var date = new DateOnly(2026, 1, 1).AddDays(workout % 365);
            var id = Guid.NewGuid();

            var point = ExerciseSeries.Point(date, id, reps, cents, reps.Sum(), sets + 1);
            Assert.Equal(Text(Replaced(date, id, loads, reps, reps.Sum(), sets + 1)), Text(point));
        }
    }

    /// <summary>The computation of <c>ExerciseSeries</c> until 2026-12-07 (the loads came as numeric, rounded to the cent here).</summary>
    private static ExerciseProgressPoint Replaced(DateOnly date, Guid id, decimal[] kg, int[] reps, int totalReps, int sets)
    {
        var weighed = kg.Select(k => Math.Round(k, 2, MidpointRounding.AwayFromZero)).Zip(reps).ToList();
        return new ExerciseProgressPoint(
            date,
            id,
            weighed.Select(s => Epley.OneRepMax(s.First, s.Second)).Max(),
            weighed.Count == 0 ? null : weighed.Max(s => s.First),
            weighed.Sum(s => Math.Round(s.First * s.Second, 2, MidpointRounding.AwayFromZero)),
            totalReps,
            sets);
    }

    private static string Text(ExerciseProgressPoint point) => string.Join('|',
        point.Date, point.WorkoutId, Json(point.BestE1rmKg), Json(point.BestWeightKg), Json(point.VolumeKg), point.TotalReps, point.Sets);

    private static string Json(decimal? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "null";
}
