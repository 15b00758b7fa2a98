using System.Net;
using System.Text.Json;
using FitFolio.Grains.Idempotency;
using FitFolio.Grains.Training;
using FitFolio.Tests.Infrastructure;
using static FitFolio.Tests.Idempotency.KeyedRequests;
using static FitFolio.Tests.Training.TrainingTestData;

namespace FitFolio.Tests.Idempotency;

/// <summary>
/// Two front doors, each with its silo: the answer stored with a key is in PostgreSQL, so a retry that reaches the
/// other front door (the first one's connection dropped, a load balancer's choice) gets it too, and writes nothing.
/// </summary>
public sealed class IdempotencyClusterTests(TestDatabase database) : IClassFixture<TestDatabase>, IAsyncLifetime
{
    private ApiCluster _cluster = null!;

    public async ValueTask InitializeAsync() =>
        _cluster = await ApiCluster.StartAsync(database.ConnectionString, 2, ApiFixture.GenerousLimits);

    public ValueTask DisposeAsync() => _cluster.DisposeAsync();

    [Fact]
    public async Task A_retry_through_the_other_front_door_gets_the_stored_answer()
    {
        using var first = await _cluster.SignInAsync(_cluster.Hosts[0], "idem-cluster@example.com");
        using var second = ApiCluster.CloneOnto(first, _cluster.Hosts[1]);
        var (workout, exercises) = await first.StartWorkoutAsync("squat-barbell");
        var set = new { id = Guid.NewGuid(), reps = 5, weight = 100, weightUnit = "kg" };
        var key = NewKey();
        var rename = new { name = "Heavy squats" };

        var original = await first.KeyedAsync(HttpMethod.Patch, $"{Base}/workouts/{workout}", rename, key);
        var retried = await second.KeyedAsync(HttpMethod.Patch, $"{Base}/workouts/{workout}", rename, key);
        var logged = await first.KeyedAsync(HttpMethod.Post, $"{Base}/workouts/{workout}/exercises/{exercises[0]}/sets", set, NewKey());
        var stale = await second.KeyedAsync(HttpMethod.Patch, $"{Base}/workouts/{workout}", rename, key);

        Assert.Equal(HttpStatusCode.OK, original.Status);
        Assert.Equal(HttpStatusCode.OK, retried.Status);
        Assert.True(retried.Replayed());
        Assert.Equal(original.Text, retried.Text);
        Assert.Equal(HttpStatusCode.Created, logged.Status);
        // The stored answer is the first one, byte for byte, even after the workout changed (it now has a set).
        Assert.Equal(original.Text, stale.Text);
        Assert.NotEqual(original.Text, (await second.GetAsync($"{Base}/workouts/{workout}")).Text);
    }

    [Fact]
    public async Task A_retried_create_through_the_other_front_door_says_where_it_is_and_its_version()
    {
        using var first = await _cluster.SignInAsync(_cluster.Hosts[0], "idem-cluster-headers@example.com");
        using var second = ApiCluster.CloneOnto(first, _cluster.Hosts[1]);
        var start = NewKey();
        var program = NewKey();
        var copy = NewKey();
        var day = new { name = "A", exercises = new[] { new { exerciseId = Exercise("squat-barbell"), targetSets = 3 } } };
        var plan = new { name = "Plan", days = new[] { day } };

        var started = await first.KeyedAsync(HttpMethod.Post, $"{Base}/workouts", new { name = "Stored headers" }, start);
        var startedAgain = await second.KeyedAsync(HttpMethod.Post, $"{Base}/workouts", new { name = "Stored headers" }, start);
        var created = await first.KeyedAsync(HttpMethod.Post, $"{Base}/programs", plan, program);
        var copied = await first.KeyedAsync(HttpMethod.Post, $"{Base}/programs/{created.Body.Id()}/copy", new { name = "Plan B" }, copy);
        var copiedAgain = await second.KeyedAsync(HttpMethod.Post, $"{Base}/programs/{created.Body.Id()}/copy", new { name = "Plan B" }, copy);

        Assert.Equal(HttpStatusCode.Created, started.Status);
        Assert.Equal($"/api/v1/training/workouts/{started.Body.Id()}", started.Headers["Location"]);
        Assert.True(startedAgain.Replayed());
        Assert.Equal(HttpStatusCode.Created, startedAgain.Status);
        Assert.Equal(started.Headers["Location"], startedAgain.Headers["Location"]);
        Assert.Equal(started.Headers["ETag"], startedAgain.Headers["ETag"]);
        Assert.Equal(HttpStatusCode.Created, copied.Status);
        Assert.Equal($"/api/v1/training/programs/{copied.Body.Id()}", copied.Headers["Location"]);
        Assert.True(copiedAgain.Replayed());
        Assert.Equal(copied.Headers["Location"], copiedAgain.Headers["Location"]);
        Assert.Equal(copied.Headers["ETag"], copiedAgain.Headers["ETag"]);
        Assert.Equal(2L, await database.CountAsync("select count(*) from programs where user_id = @u", ("u", Guid.Parse(await first.UserIdAsync()))));
    }

    [Fact]
    public async Task The_write_stores_its_answers_headers_in_its_own_transaction_without_the_front_door()
    {
        using var client = await _cluster.SignInAsync(_cluster.Hosts[0], "idem-cluster-grain@example.com");
        var user = Guid.Parse(await client.UserIdAsync());
        var key = NewKey();

        // The keyed write as the front door hands it over, called on the other silo: nothing but the grain touches the row,
        // so the headers a retry gets are committed with the workout, its status and body, or not at all.
        new IdempotencyRequest($"person:{user:N}", key, user, "hash", new AnswerHeaderRecipe(true, "/api/v1/training/workouts/{id}")).Enter();
        TrainingOutcome<WorkoutView> outcome;
        try
        {
            var grain = _cluster.Hosts[1].Grains.GetGrain<ITrainingGrain>(user.ToString("N"));
            outcome = await grain.StartWorkout(new StartWorkoutCommand("Direct", null, null, null));
        }
        finally
        {
            IdempotencyRequest.Leave();
        }

        var workout = outcome.Value!;
        Assert.Equal(1L, await database.CountAsync("select count(*) from idempotency_keys where key = @k", ("k", key)));
        var stored = await database.ScalarAsync<string>("select headers::text from idempotency_keys where key = @k", ("k", key));
        var headers = JsonDocument.Parse(stored).RootElement;
        Assert.Equal($"/api/v1/training/workouts/{workout.Id}", headers.GetProperty("Location").GetString());
        Assert.Equal($"\"{workout.Version}\"", headers.GetProperty("ETag").GetString());
        Assert.Equal((short)201, await database.ScalarAsync<short>("select status from idempotency_keys where key = @k", ("k", key)));
    }
}
