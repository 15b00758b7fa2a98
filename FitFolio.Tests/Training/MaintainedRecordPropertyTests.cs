using System.Globalization;
using System.Net;
using System.Text;
using FitFolio.Grains.Training;
using FitFolio.Tests.Infrastructure;
using FsCheck;
using FsCheck.Fluent;
using static FitFolio.Tests.Training.TrainingTestData;

namespace FitFolio.Tests.Training;

/// <summary>
/// The records kept as sets are written (record_books) against the replay of the whole history, the oracle:
/// FsCheck drives random sequences of logging, editing, deleting, importing and starting or abandoning workouts
/// (some started in the past, so history is also written out of order), through the API, and after every step
/// <c>GET /records</c> and every set's marks must equal what <see cref="RecordKeeper.ReplayAsync"/> finds.
/// </summary>
public sealed class MaintainedRecordPropertyTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    private static readonly (string Slug, string Name)[] Exercises =
        [("bench-press-barbell", "Bench Press (Barbell)"), ("squat-barbell", "Squat (Barbell)"), ("pull-up", "Pull Up")];

    private int _people;

    [Fact]
    public void Maintained_records_equal_the_replay_after_every_step()
    {
        var step = Gen.Frequency(
                (5, Gen.Constant(RecordStepKind.Log)), (1, Gen.Constant(RecordStepKind.LogWarmup)), (2, Gen.Constant(RecordStepKind.Edit)),
                (2, Gen.Constant(RecordStepKind.Delete)), (1, Gen.Constant(RecordStepKind.Import)), (2, Gen.Constant(RecordStepKind.NewWorkout)),
                (1, Gen.Constant(RecordStepKind.Abandon)))
            .SelectMany(kind => Gen.Choose(0, Exercises.Length - 1), (kind, exercise) => (kind, exercise))
            .SelectMany(_ => Gen.Choose(0, 8), (t, weight) => (t.kind, t.exercise, weight))
            .SelectMany(_ => Gen.Choose(1, 6), (t, reps) => (t.kind, t.exercise, t.weight, reps))
            .SelectMany(_ => Gen.Choose(0, 50), (t, pick) => (t.kind, t.exercise, t.weight, t.reps, pick))
            .SelectMany(_ => Gen.Choose(0, 20), (t, days) => new RecordStep(t.kind, t.exercise, 20 + (t.weight * 5), t.reps, t.pick, days));
        var steps = Gen.Choose(4, 12).SelectMany(n => Gen.ArrayOf(step, n));

        // 8 sequences of 4-12 steps: each a new person, each step checked (a few seconds in all).
        Check.One(
            Config.QuickThrowOnFailure.WithMaxTest(8).WithStartSize(12),
            Prop.ForAll(Arb.From(steps), sequence => Task.Run(() => RunAsync(sequence)).GetAwaiter().GetResult()));
    }

    private async Task<bool> RunAsync(RecordStep[] sequence)
    {
        using var client = await api.SignedInClientAsync($"records-{Interlocked.Increment(ref _people)}@example.com");
        var userId = Guid.Parse(await client.UserIdAsync());
        var person = new Person(client);
        foreach (var step in sequence)
        {
            await person.ApplyAsync(step);
            await AssertAgreesWithReplayAsync(client, userId, step);
        }

        return true;
    }

    private async Task AssertAgreesWithReplayAsync(ApiClient client, Guid userId, RecordStep step)
    {
        var (replayed, marks) = await RecordKeeper.ReplayAsync(api.Database.DataSource, userId, default);
        var response = await client.GetAsync($"{Base}/records");
        Assert.Equal(HttpStatusCode.OK, response.Status);
        var maintained = response.Body.GetProperty("items").EnumerateArray().Select(r => string.Join('|',
            r.GetProperty("exerciseId").GetString(), r.GetProperty("type").GetString(),
            r.GetProperty("value").GetDecimal().ToString("0.00", CultureInfo.InvariantCulture),
            r.GetProperty("atWeightKg").ToString(), r.GetProperty("setId").ToString(), r.GetProperty("workoutId").GetString(),
            r.GetProperty("achievedAt").GetDateTimeOffset().ToUnixTimeMilliseconds())).ToList();
        var expected = replayed.Select(r => string.Join('|',
            r.ExerciseId, r.Type, r.Value.ToString("0.00", CultureInfo.InvariantCulture), r.AtWeightKg?.ToString(CultureInfo.InvariantCulture) ?? "",
            r.SetId?.ToString() ?? "", r.WorkoutId, r.AchievedAt.ToUnixTimeMilliseconds())).ToList();
        Assert.True(
            expected.SequenceEqual(maintained),
            $"after {step}: records\n  replay:     {string.Join("\n    ", expected)}\n  maintained: {string.Join("\n    ", maintained)}");

        await using var command = api.Database.DataSource.CreateCommand("select id, records from workout_sets where user_id = @user");
        command.Parameters.AddWithValue("user", userId);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var id = reader.GetGuid(0);
            var stored = reader.GetFieldValue<string[]>(1);
            Assert.True(
                marks[id].SequenceEqual(stored),
                $"after {step}: set {id} is marked {string.Join(',', stored)}, the replay says {string.Join(',', marks[id])}");
        }
    }

    /// <summary>The person the steps act for: the workout in progress, its exercises, and the sets that may still be edited.</summary>
    private sealed class Person(ApiClient client)
    {
        private readonly List<(string Workout, string Set, int Exercise)> _sets = [];
        private readonly Dictionary<int, string> _exercises = [];
        private string? _workout;
        private int _imports;

        public async Task ApplyAsync(RecordStep step)
        {
            switch (step.Kind)
            {
                case RecordStepKind.Log or RecordStepKind.LogWarmup:
                    _workout ??= await StartAsync(0);
                    if (!_exercises.TryGetValue(step.Exercise, out var target))
                    {
                        var added = await client.PostAsync(
                            $"{Base}/workouts/{_workout}/exercises", new { exerciseId = Exercise(Exercises[step.Exercise].Slug) });
                        Assert.Equal(HttpStatusCode.Created, added.Status);
                        _exercises[step.Exercise] = target = added.Body.Id();
                    }

                    var id = Guid.NewGuid().ToString();
                    var type = step.Kind == RecordStepKind.LogWarmup ? "warmup" : "working";
                    var logged = await client.LogAsync(_workout, target, new { id, weight = Load(step), weightUnit = "kg", reps = step.Reps, type });
                    Assert.True(logged.Status == HttpStatusCode.Created, logged.Text);
                    _sets.Add((_workout, id, step.Exercise));
                    break;
                case RecordStepKind.Edit when _sets.Count > 0:
                    var (workout, set, exercise) = _sets[step.Pick % _sets.Count];
                    var edit = new { weight = Load(step with { Exercise = exercise }), weightUnit = "kg", reps = step.Reps, type = "working" };
                    var edited = await client.PutAsync($"{Base}/workouts/{workout}/sets/{set}", edit);
                    Assert.True(edited.Status == HttpStatusCode.OK, edited.Text);
                    break;
                case RecordStepKind.Delete when _sets.Count > 0:
                    var victim = _sets[step.Pick % _sets.Count];
                    Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"{Base}/workouts/{victim.Workout}/sets/{victim.Set}")).Status);
                    _sets.Remove(victim);
                    break;
                case RecordStepKind.Import:
                    var at = DateTime.UtcNow.AddDays(-step.DaysAgo).AddMinutes(-++_imports);
                    var csv = new StringBuilder(
                        "Date,Workout Name,Duration,Exercise Name,Set Order,Weight (kg),Reps,Distance (km),Seconds,Notes,Workout Notes,RPE\n");
                    for (var i = 0; i < 3; i++)
                    {
                        var e = (step.Exercise + i) % Exercises.Length;
                        var order = i == 0 ? "W" : i.ToString(CultureInfo.InvariantCulture);
                        var load = Load(step with { Exercise = e, Weight = step.Weight + (i * 5) });
                        csv.Append(CultureInfo.InvariantCulture, $"{at:yyyy-MM-dd HH:mm:ss},Imported {_imports},45m,{Exercises[e].Name},{order},")
                            .Append(CultureInfo.InvariantCulture, $"{load},{step.Reps + i},0,0,,,\n");
                    }

                    await client.ImportCsvAsync($"{Base}/import?tz=UTC", Encoding.UTF8.GetBytes(csv.ToString()));
                    break;
                case RecordStepKind.NewWorkout:
                    if (_workout is not null)
                    {
                        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync($"{Base}/workouts/{_workout}/finish", new { })).Status);
                    }

                    _workout = await StartAsync(step.DaysAgo);
                    break;
                case RecordStepKind.Abandon when _workout is not null:
                    Assert.Equal(HttpStatusCode.OK, (await client.PostAsync($"{Base}/workouts/{_workout}/abandon")).Status);
                    _sets.RemoveAll(s => s.Workout == _workout);
                    _workout = null;
                    break;
            }
        }

        // Pull ups are a body-weight exercise: the load is added weight, often none.
        private static decimal Load(RecordStep step) => Exercises[step.Exercise].Slug == "pull-up" ? step.Weight % 15 : step.Weight;

        private async Task<string> StartAsync(int daysAgo)
        {
            _exercises.Clear();
            var startedAt = DateTimeOffset.UtcNow.AddDays(-daysAgo).AddSeconds(-daysAgo);
            var started = await client.PostAsync($"{Base}/workouts", new { name = "Property", startedAt });
            Assert.True(started.Status == HttpStatusCode.Created, started.Text);
            return started.Body.Id();
        }
    }
}
