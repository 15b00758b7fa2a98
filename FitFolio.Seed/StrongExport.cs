using System.Globalization;
using System.Text;

namespace FitFolio.Seed;

/// <summary>
/// A Strong CSV export (comma-separated, kg, the app's column set) of a given number of set rows, the same for the same
/// arguments: workouts every other day back from 2025-12-31, 6 exercises of Strong's own names, 5 sets each with a first
/// warm-up ("W"), loads in 2.5 kg steps slowly rising. Strong repeats a workout's notes on every row of it, so
/// <c>workoutNotesLength</c> makes an export as heavy with notes as a real one can be. For the import tests and the bench.
/// </summary>
public static class StrongExport
{
    public const int SetsPerExercise = 5;
    public const int ExercisesPerWorkout = 6;

    private static readonly string[] Exercises =
    [
        "Bench Press (Barbell)", "Squat (Barbell)", "Deadlift (Barbell)", "Overhead Press (Barbell)", "Bent Over Row (Barbell)",
        "Pull Up", "Lat Pulldown (Cable)", "Incline Bench Press (Dumbbell)", "Leg Press", "Bicep Curl (Dumbbell)",
        "Triceps Pushdown (Cable Straight Bar)", "Romanian Deadlift (Barbell)",
    ];

    /// <summary>The workouts an export of <paramref name="rows"/> set rows holds (its last one may be short).</summary>
    public static int WorkoutsOf(int rows) => (rows + (SetsPerExercise * ExercisesPerWorkout) - 1) / (SetsPerExercise * ExercisesPerWorkout);

    public static byte[] Write(int rows, int workoutNotesLength = 0)
    {
        var builder = new StringBuilder(rows * 100);
        builder.Append("Date,Workout Name,Duration,Exercise Name,Set Order,Weight (kg),Reps,Distance (km),Seconds,Notes,Workout Notes,RPE\n");
        var notes = workoutNotesLength == 0 ? "" : '"' + new string('n', workoutNotesLength) + '"';
        var workouts = WorkoutsOf(rows);
        var written = 0;
        for (var w = 0; w < workouts && written < rows; w++)
        {
            var day = new DateTime(2025, 12, 31, 18, 0, 0, DateTimeKind.Unspecified).AddDays(-2 * (workouts - w));
            for (var e = 0; e < ExercisesPerWorkout && written < rows; e++)
            {
                var exercise = (w * 5 + e) % Exercises.Length;
                for (var k = 0; k < SetsPerExercise && written < rows; k++, written++)
                {
                    var kg = Math.Round((20 + (exercise * 5) + (w * 0.1m) + (k * 2.5m)) / 2.5m) * 2.5m;
                    builder.Append(CultureInfo.InvariantCulture,
                        $"{day:yyyy-MM-dd HH:mm:ss},Day {w + 1},1h 5m,{Quoted(Exercises[exercise])},");
                    builder.Append(CultureInfo.InvariantCulture, $"{(k == 0 ? "W" : k.ToString(CultureInfo.InvariantCulture))},{kg},{3 + ((w + k) % 8)},0,0,,");
                    builder.Append(notes).Append(",\n");
                }
            }
        }

        return Encoding.UTF8.GetBytes(builder.ToString());
    }

    private static string Quoted(string name) => name.Contains(',', StringComparison.Ordinal) ? $"\"{name}\"" : name;
}
