using System.Buffers.Text;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;

namespace FitFolio.Seed;

/// <summary>
/// One person's rows, from a random generator seeded with the run's seed and the person's number alone, so a
/// person is the same whichever batch, run or machine makes them. Histories look like a lifter's log: a program
/// changed every 8-16 weeks, 3-5 workouts a week (a missed one now and then), 4-8 exercises a workout led by a
/// main lift, warm-ups ramping to the working weight, loads rising a little each week with a deload every sixth.
/// </summary>
internal sealed class PersonGenerator(IReadOnlyList<CatalogueExercise> catalogue, SeedOptions options)
{
    private const decimal KgPerLb = 0.45359237m;

    // The lifts a day starts with: heavy compounds with warm-ups before them.
    private static readonly string[] MainLifts =
        ["squat-barbell", "bench-press-barbell", "deadlift-barbell", "overhead-press-barbell", "bent-over-row-barbell", "front-squat-barbell"];

    private static readonly string[] DayNames = ["Upper A", "Lower A", "Upper B", "Lower B", "Full Body"];

    private static readonly string[] UserAgents =
    [
        "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1",
        "Mozilla/5.0 (Linux; Android 15; Pixel 9) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/142.0 Mobile Safari/537.36",
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/142.0 Safari/537.36",
    ];

    private readonly CatalogueExercise[] _mainLifts = [.. catalogue.Where(e => MainLifts.Contains(e.Slug))];
    private readonly CatalogueExercise[] _accessories = [.. catalogue.Where(e => !MainLifts.Contains(e.Slug) && e.Kind is "weight_reps" or "bodyweight")];

    public static string EmailOf(int seed, int index) => $"p{index}.s{seed}@seed.fitfolio.example";

    public SeededPerson Generate(int index, SeedBatch batch)
    {
        var random = new Random(unchecked((options.Seed * 1_000_003) + index));
        var userId = NewId(random);
        var email = EmailOf(options.Seed, index);
        var today = new DateTimeOffset(options.Until.UtcDateTime.Date, TimeSpan.Zero);
        var historyDays = 14 + random.Next((int)Math.Max(1, (options.MaxYears * 365) - 14));
        var start = today.AddDays(-historyDays);
        var createdAt = start.AddDays(-random.Next(1, 30)).AddMinutes(random.Next(24 * 60));
        var pounds = random.NextDouble() < 0.3;
        var hasPasskeys = index % 3 == 0;
        batch.Add(SeedTables.Users, userId, email, createdAt.AddMinutes(2), createdAt, hasPasskeys ? Bytes(random, 32) : null);
        if (hasPasskeys)
        {
            AddPasskeys(random, batch, userId, createdAt);
        }

        AddSignIns(random, batch, userId, createdAt, today);
        var secrets = AddSessions(random, batch, userId, options.Until);
        if (options.Training)
        {
            AddTraining(random, batch, userId, start, today, pounds);
            AddBodyWeights(random, batch, userId, start, today, pounds);
        }

        return new SeededPerson(userId, email, secrets);
    }

    private static void AddPasskeys(Random random, SeedBatch batch, Guid userId, DateTimeOffset createdAt)
    {
        // Rows shaped like a registration's (random key material: they fill the table and the grain's state, they sign nobody in).
        var count = 1 + random.Next(2);
        for (var i = 0; i < count; i++)
        {
            var at = createdAt.AddDays(random.Next(1, 10));
            batch.Add(SeedTables.Passkeys, NewId(random), userId, Bytes(random, 32), Bytes(random, 77), -7, (long)random.Next(200), true, true,
                NewId(random), "none", at, at.AddDays(random.Next(0, 5)), i == 0 ? "iPhone" : "YubiKey");
        }
    }

    private static void AddSignIns(Random random, SeedBatch batch, Guid userId, DateTimeOffset from, DateTimeOffset until)
    {
        // The audit trail of a sign-in every one to three weeks over the whole history: what admin audit paging reads.
        for (var at = from; at < until; at = at.AddDays(random.Next(7, 22)).AddMinutes(random.Next(600)))
        {
            var ip = Ip(random);
            var agent = UserAgents[random.Next(UserAgents.Length)];
            var session = NewId(random).ToString();
            batch.Add(SeedTables.AuditEvents, at, userId, "magic_link_sent", ip, agent, "{}");
            batch.Add(SeedTables.AuditEvents, at.AddSeconds(40), userId, "magic_link_verified_success", ip, agent, "{}");
            batch.Add(SeedTables.AuditEvents, at.AddSeconds(40), userId, "session_created", ip, agent, $"{{\"session_id\": \"{session}\"}}");
        }
    }

    private static List<string> AddSessions(Random random, SeedBatch batch, Guid userId, DateTimeOffset until)
    {
        // Two to four devices, each signed in during the two days before Until: live for the bench and the tests.
        var secrets = new List<string>();
        var count = 2 + random.Next(3);
        for (var i = 0; i < count; i++)
        {
            var secret = Base64Url.EncodeToString(Bytes(random, 32));
            var created = until.AddMinutes(-random.Next(60, 2 * 24 * 60));
            var method = random.Next(3) switch { 0 => "passkey", 1 => "code", _ => "magic_link" };
            var hash = SHA256.HashData(Encoding.ASCII.GetBytes(secret));
            var agent = UserAgents[random.Next(UserAgents.Length)];
            batch.Add(SeedTables.Sessions, NewId(random), userId, hash, created, created.AddMinutes(random.Next(30)), created, created.AddDays(14), Ip(random),
                agent, created, method);
            secrets.Add(secret);
        }

        return secrets;
    }

    private void AddTraining(Random random, SeedBatch batch, Guid userId, DateTimeOffset start, DateTimeOffset today, bool pounds)
    {
        var perWeek = 3 + random.Next(3);
        // Working weight in kg per exercise, set when the exercise is first met and raised week by week.
        var loads = new Dictionary<Guid, double>();
        var week = 0;
        var blockStart = start;
        while (blockStart < today)
        {
            var blockWeeks = 8 + random.Next(9);
            var blockEnd = blockStart.AddDays(7 * blockWeeks) < today ? blockStart.AddDays(7 * blockWeeks) : today;
            var days = AddProgram(random, batch, userId, blockStart, blockEnd, perWeek, blockEnd < today);
            for (var weekStart = blockStart; weekStart < blockEnd; weekStart = weekStart.AddDays(7), week++)
            {
                var deload = week % 6 == 5;
                var weekdays = Enumerable.Range(0, 7).OrderBy(_ => random.Next()).Take(perWeek).Order().ToList();
                for (var d = 0; d < weekdays.Count; d++)
                {
                    var day = weekStart.AddDays(weekdays[d]);
                    // About one workout in twelve is missed.
                    if (day >= blockEnd || random.Next(12) == 0)
                    {
                        continue;
                    }

                    AddWorkout(random, batch, userId, days[d % days.Count], day, loads, deload, pounds);
                }

                foreach (var exercise in loads.Keys.ToList())
                {
                    loads[exercise] *= 1 + (random.NextDouble() * 0.015);
                }
            }

            blockStart = blockEnd;
        }
    }

    private List<ProgramDay> AddProgram(Random random, SeedBatch batch, Guid userId, DateTimeOffset from, DateTimeOffset until, int perWeek, bool archived)
    {
        var programId = NewId(random);
        batch.Add(SeedTables.Programs, programId, userId, $"Block from {from:yyyy-MM-dd}", archived ? until : null, from.AddHours(-2), from.AddHours(-2));
        var days = new List<ProgramDay>();
        for (var position = 0; position < perWeek; position++)
        {
            var dayId = NewId(random);
            var name = DayNames[position % DayNames.Length];
            batch.Add(SeedTables.ProgramDays, dayId, programId, userId, position, name);
            var exercises = new List<ProgramExercise>();
            var count = 4 + random.Next(5);
            var picked = new HashSet<Guid>();
            exercises.Add(new ProgramExercise(_mainLifts[random.Next(_mainLifts.Length)], 3 + random.Next(3), 3 + random.Next(3), 5 + random.Next(2)));
            picked.Add(exercises[0].Exercise.Id);
            while (exercises.Count < count)
            {
                var accessory = _accessories[random.Next(_accessories.Length)];
                if (picked.Add(accessory.Id))
                {
                    exercises.Add(new ProgramExercise(accessory, 3, 8, 12));
                }
            }

            for (var i = 0; i < exercises.Count; i++)
            {
                var e = exercises[i];
                batch.Add(SeedTables.ProgramExercises, NewId(random), dayId, userId, i, e.Exercise.Id, e.Sets, e.RepsMin, e.RepsMax, i == 0 ? 180 : 90);
            }

            days.Add(new ProgramDay(programId, dayId, name, exercises));
        }

        return days;
    }

    private static void AddWorkout(
        Random random, SeedBatch batch, Guid userId, ProgramDay day, DateTimeOffset date, Dictionary<Guid, double> loads, bool deload, bool pounds)
    {
        var workoutId = NewId(random);
        var startedAt = date.AddHours(6 + random.Next(15)).AddMinutes(random.Next(60));
        var at = startedAt;
        for (var position = 0; position < day.Exercises.Count; position++)
        {
            var planned = day.Exercises[position];
            var exerciseId = planned.Exercise.Id;
            var workoutExerciseId = NewId(random);
            batch.Add(SeedTables.WorkoutExercises, workoutExerciseId, workoutId, userId, position, exerciseId, true, planned.Sets, planned.RepsMin,
                planned.RepsMax, position == 0 ? 180 : 90);
            var weighted = planned.Exercise.Kind == "weight_reps";
            if (!loads.TryGetValue(exerciseId, out var load))
            {
                load = position == 0 ? 40 + (random.NextDouble() * 60) : 10 + (random.NextDouble() * 30);
                loads[exerciseId] = load;
            }

            var working = deload ? load * 0.9 : load;
            var setPosition = 0;
            // Warm-ups ramp to the main lift's working weight (two or three) and to a heavy accessory's (one, sometimes).
            var warmUps = !weighted ? 0 : position == 0 ? 2 + random.Next(2) : random.Next(3) == 0 ? 1 : 0;
            for (var w = 0; w < warmUps; w++)
            {
                at = at.AddSeconds(60 + random.Next(60));
                var fraction = 0.4 + (0.5 * w / warmUps);
                AddSet(
                    random, batch, userId, workoutId, workoutExerciseId, exerciseId, setPosition++, "warmup", 8 - (2 * w), working * fraction, pounds, at,
                    false);
            }

            for (var s = 0; s < planned.Sets; s++)
            {
                at = at.AddSeconds(90 + random.Next(120));
                var reps = planned.RepsMin + random.Next(planned.RepsMax - planned.RepsMin + 1);
                AddSet(random, batch, userId, workoutId, workoutExerciseId, exerciseId, setPosition++, "working", weighted ? reps : reps + 4,
                    weighted ? working : (double?)null, pounds, at, true);
            }
        }

        batch.Add(SeedTables.Workouts, workoutId, userId, day.Name, "finished", day.ProgramId, day.DayId, startedAt, at.AddMinutes(3), startedAt);
    }

    private static void AddSet(
        Random random, SeedBatch batch, Guid userId, Guid workoutId, Guid workoutExerciseId, Guid exerciseId, int position, string type, int reps,
        double? kilograms, bool pounds, DateTimeOffset at, bool rated)
    {
        decimal? weight = null;
        decimal? weightKg = null;
        if (kilograms is { } kg)
        {
            // Plates: 2.5 kg or 5 lb steps, as people load a bar.
            weight = pounds ? Math.Max(5, Math.Round((decimal)(kg / (double)KgPerLb) / 5) * 5) : Math.Max(2.5m, Math.Round((decimal)kg / 2.5m) * 2.5m);
            weightKg = pounds ? Math.Round(weight.Value * KgPerLb, 4) : weight;
        }

        decimal? rpe = rated && random.Next(3) == 0 ? 7 + (random.Next(6) * 0.5m) : null;
        batch.Add(SeedTables.Sets, NewId(random), userId, workoutId, workoutExerciseId, exerciseId, position, type, reps, weight,
            weight is null ? null : pounds ? "lb" : "kg", weightKg, rpe, at, at);
    }

    private static void AddBodyWeights(Random random, SeedBatch batch, Guid userId, DateTimeOffset start, DateTimeOffset today, bool pounds)
    {
        var kg = 60 + (random.NextDouble() * 40);
        var drift = (random.NextDouble() - 0.5) * 0.2;
        for (var day = start; day < today; day = day.AddDays(3 + random.Next(6)))
        {
            kg += drift + ((random.NextDouble() - 0.5) * 0.6);
            var weight = Math.Round((decimal)(pounds ? kg / (double)KgPerLb : kg), 1);
            batch.Add(SeedTables.BodyWeights, userId, DateOnly.FromDateTime(day.UtcDateTime), weight, pounds ? "lb" : "kg",
                pounds ? Math.Round(weight * KgPerLb, 4) : weight);
        }
    }

    private static Guid NewId(Random random)
    {
        Span<byte> bytes = stackalloc byte[16];
        random.NextBytes(bytes);
        // Version 4, RFC 9562 variant: ids look like the app's own.
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes);
    }

    private static byte[] Bytes(Random random, int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }

    private static IPAddress Ip(Random random) =>
        IPAddress.Parse(string.Create(CultureInfo.InvariantCulture, $"10.{random.Next(256)}.{random.Next(256)}.{1 + random.Next(254)}"));
}
