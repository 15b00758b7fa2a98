using System.Net;
using FitFolio.Grains.Maintenance;
using FitFolio.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using static FitFolio.Tests.Idempotency.KeyedRequests;
using static FitFolio.Tests.Training.TrainingTestData;

namespace FitFolio.Tests.Idempotency;

/// <summary>
/// <c>Idempotency-Key</c> on the training log's writes: a retry gets the first answer and writes nothing; the key with
/// another request is 422; a retry while the first still runs is 409; refusals are not stored; keys are per caller;
/// malformed keys are 400; routes that carry credentials ignore the header; maintenance forgets keys after 24 hours.
/// </summary>
public sealed class IdempotencyKeyTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    private static readonly HttpMethod Patch = HttpMethod.Patch;

    [Fact]
    public async Task A_retry_gets_the_first_answer_and_writes_nothing_again()
    {
        using var client = await api.SignedInClientAsync("idem-replay@example.com");
        var (workout, _) = await client.StartWorkoutAsync();
        var add = new { exerciseId = Exercise("squat-barbell") };
        var key = NewKey();

        var first = await client.KeyedAsync(HttpMethod.Post, $"{Base}/workouts/{workout}/exercises", add, key);
        var retry = await client.KeyedAsync(HttpMethod.Post, $"{Base}/workouts/{workout}/exercises", add, key);

        Assert.Equal(HttpStatusCode.Created, first.Status);
        Assert.False(first.Replayed());
        Assert.Equal(HttpStatusCode.Created, retry.Status);
        Assert.True(retry.Replayed());
        Assert.Equal(first.Text, retry.Text);
        Assert.Equal(1L, await api.Database.CountAsync("select count(*) from workout_exercises where workout_id = @w", ("w", Guid.Parse(workout))));
        Assert.Equal((short)201, await api.Database.ScalarAsync<short>("select status from idempotency_keys where key = @k", ("k", key)));
        Assert.Equal(first.Text, await api.Database.ScalarAsync<string>("select body from idempotency_keys where key = @k", ("k", key)));

        // A deletion answers 204 once; its retry gets the same 204, not the 404 a second run would give.
        var removeKey = NewKey();
        var exercise = first.Body.Id();
        var removed = await client.KeyedAsync(HttpMethod.Delete, $"{Base}/workouts/{workout}/exercises/{exercise}", null, removeKey);
        var removedAgain = await client.KeyedAsync(HttpMethod.Delete, $"{Base}/workouts/{workout}/exercises/{exercise}", null, removeKey);
        Assert.Equal(HttpStatusCode.NoContent, removed.Status);
        Assert.Equal(HttpStatusCode.NoContent, removedAgain.Status);
        Assert.True(removedAgain.Replayed());
        Assert.Equal(HttpStatusCode.NotFound, (await client.DeleteAsync($"{Base}/workouts/{workout}/exercises/{exercise}")).Status);
    }

    [Fact]
    public async Task The_same_key_with_another_request_is_refused_with_422_and_changes_nothing()
    {
        using var client = await api.SignedInClientAsync("idem-reused@example.com");
        var (workout, _) = await client.StartWorkoutAsync();
        var key = NewKey();
        Assert.Equal(
            HttpStatusCode.Created,
            (await client.KeyedAsync(HttpMethod.Post, $"{Base}/workouts/{workout}/exercises", new { exerciseId = Exercise("squat-barbell") }, key)).Status);

        var otherBody = await client.KeyedAsync(
            HttpMethod.Post, $"{Base}/workouts/{workout}/exercises", new { exerciseId = Exercise("bench-press-barbell") }, key);
        var otherRoute = await client.KeyedAsync(Patch, $"{Base}/workouts/{workout}", new { name = "Renamed" }, key);

        foreach (var refused in new[] { otherBody, otherRoute })
        {
            Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.Status);
            Assert.Equal("idempotency_key_reused", refused.ErrorCode);
            Assert.False(string.IsNullOrEmpty(refused.Body.GetProperty("error").GetProperty("message").GetString()));
            Assert.False(string.IsNullOrEmpty(refused.Body.GetProperty("error").GetProperty("request_id").GetString()));
        }

        Assert.Equal(1L, await api.Database.CountAsync("select count(*) from workout_exercises where workout_id = @w", ("w", Guid.Parse(workout))));
        Assert.Equal("Test session", (await client.GetAsync($"{Base}/workouts/{workout}")).Body.GetProperty("name").GetString());
    }

    [Fact]
    public async Task A_retry_while_the_first_is_still_running_gets_409_and_then_the_first_answer()
    {
        using var client = await api.SignedInClientAsync("idem-in-flight@example.com");
        var (workout, _) = await client.StartWorkoutAsync();
        var key = NewKey();
        var patch = new { name = "Leg day" };

        // Hold the workout's row: the first request claims its key, then waits on the row inside its transaction.
        await using var hold = await api.Database.DataSource.OpenConnectionAsync(TestContext.Current.CancellationToken);
        await using var holding = await hold.BeginTransactionAsync(TestContext.Current.CancellationToken);
        await using (var lockRow = new Npgsql.NpgsqlCommand("select 1 from workouts where id = @id for update", hold, holding))
        {
            lockRow.Parameters.AddWithValue("id", Guid.Parse(workout));
            await lockRow.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        }

        var firstCall = client.KeyedAsync(Patch, $"{Base}/workouts/{workout}", patch, key);
        await Eventually.TrueAsync(
            async () => await api.Database.CountAsync("select count(*) from pg_locks where locktype = 'advisory' and classid = 7648 and granted") > 0,
            TimeSpan.FromSeconds(30),
            "the first request to claim its key");

        var whileRunning = await client.KeyedAsync(Patch, $"{Base}/workouts/{workout}", patch, key);
        Assert.False(firstCall.IsCompleted);
        await holding.RollbackAsync(TestContext.Current.CancellationToken);
        var first = await firstCall;
        var afterwards = await client.KeyedAsync(Patch, $"{Base}/workouts/{workout}", patch, key);

        Assert.Equal(HttpStatusCode.Conflict, whileRunning.Status);
        Assert.Equal("idempotency_key_in_flight", whileRunning.ErrorCode);
        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.Equal("Leg day", first.Body.GetProperty("name").GetString());
        Assert.Equal(HttpStatusCode.OK, afterwards.Status);
        Assert.True(afterwards.Replayed());
        Assert.Equal(first.Text, afterwards.Text);
    }

    [Fact]
    public async Task A_refusal_is_not_stored_so_the_same_key_runs_again_once_the_state_allows_it()
    {
        using var client = await api.SignedInClientAsync("idem-refusal@example.com");
        var (workout, _) = await client.StartWorkoutAsync();
        var key = NewKey();
        var start = new { name = "Second" };

        var refused = await client.KeyedAsync(HttpMethod.Post, $"{Base}/workouts", start, key);
        Assert.Equal(HttpStatusCode.Conflict, refused.Status);
        Assert.Equal("workout_in_progress", refused.ErrorCode);
        Assert.Equal(0L, await api.Database.CountAsync("select count(*) from idempotency_keys where key = @k", ("k", key)));

        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync($"{Base}/workouts/{workout}/abandon")).Status);
        var started = await client.KeyedAsync(HttpMethod.Post, $"{Base}/workouts", start, key);

        Assert.Equal(HttpStatusCode.Created, started.Status);
        Assert.False(started.Replayed());
        Assert.Equal("Second", started.Body.GetProperty("name").GetString());
    }

    [Fact]
    public async Task A_key_belongs_to_its_caller_so_another_person_using_it_runs_their_own_write()
    {
        using var alice = await api.SignedInClientAsync("idem-alice@example.com");
        using var bob = await api.SignedInClientAsync("idem-bob@example.com");
        var key = NewKey();
        var start = new { name = "Same key" };

        var hers = await alice.KeyedAsync(HttpMethod.Post, $"{Base}/workouts", start, key);
        var his = await bob.KeyedAsync(HttpMethod.Post, $"{Base}/workouts", start, key);

        Assert.Equal(HttpStatusCode.Created, hers.Status);
        Assert.Equal(HttpStatusCode.Created, his.Status);
        Assert.False(his.Replayed());
        Assert.NotEqual(hers.Body.Id(), his.Body.Id());
        Assert.Equal(HttpStatusCode.NotFound, (await bob.GetAsync($"{Base}/workouts/{hers.Body.Id()}")).Status);
        Assert.Equal(2L, await api.Database.CountAsync("select count(*) from idempotency_keys where key = @k", ("k", key)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("with space")]
    [InlineData("bell\u0007")]
    [InlineData("tab\tinside")]
    [InlineData("x256")]
    [InlineData("two values")]
    public async Task A_malformed_key_is_refused_with_400_and_nothing_is_written(string shape)
    {
        using var client = await api.SignedInClientAsync($"idem-malformed-{shape.Length}-{shape.GetHashCode():x}@example.com");
        string[] keys = shape switch
        {
            "x256" => [new string('k', 256)],
            "two values" => [NewKey(), NewKey()],
            _ => [shape],
        };

        var refused = await client.KeyedAsync(HttpMethod.Post, $"{Base}/workouts", new { name = "Never" }, keys);

        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Equal("invalid_idempotency_key", refused.ErrorCode);
        Assert.Equal("Idempotency-Key", refused.Body.GetProperty("error").GetProperty("field").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"{Base}/workouts/active")).Status);
    }

    [Fact]
    public async Task The_longest_key_and_any_visible_ascii_are_accepted()
    {
        using var client = await api.SignedInClientAsync("idem-long-key@example.com");
        var key = new string('k', 250) + "!~{}/";

        var started = await client.KeyedAsync(HttpMethod.Post, $"{Base}/workouts", new { name = "Long key" }, key);

        Assert.Equal(HttpStatusCode.Created, started.Status);
        Assert.Equal(1L, await api.Database.CountAsync("select count(*) from idempotency_keys where key = @k", ("k", key)));
    }

    [Fact]
    public async Task A_route_whose_answer_carries_a_credential_ignores_the_header_and_stores_nothing()
    {
        using var client = await api.SignedInClientAsync("idem-logout@example.com");
        var before = await api.Database.CountAsync("select count(*) from idempotency_keys");

        // Even a malformed key is ignored there: the route never looks at it.
        var signedOut = await client.KeyedAsync(HttpMethod.Post, "/api/v1/auth/logout", null, "");

        Assert.True(signedOut.Status is HttpStatusCode.OK or HttpStatusCode.NoContent, signedOut.Text);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/auth/me")).Status);
        Assert.Equal(before, await api.Database.CountAsync("select count(*) from idempotency_keys"));
    }

    [Fact]
    public async Task Maintenance_forgets_keys_after_24_hours_and_keeps_younger_ones()
    {
        using var client = await api.SignedInClientAsync("idem-expiry@example.com");
        var oldKey = NewKey();
        var youngKey = NewKey();
        var first = await client.KeyedAsync(HttpMethod.Post, $"{Base}/exercises", CustomExercise("Expiring press"), oldKey);
        Assert.Equal(HttpStatusCode.Created, first.Status);
        Assert.Equal(HttpStatusCode.Created, (await client.KeyedAsync(HttpMethod.Post, $"{Base}/exercises", CustomExercise("Young press"), youngKey)).Status);
        await Eventually.TrueAsync(
            async () => await api.Database.CountAsync("select count(*) from maintenance_runs where job = 'cleanup' and last_run_at > 'epoch'") == 1,
            TimeSpan.FromSeconds(30),
            "the start-up maintenance run");
        await api.Database.ScalarAsync<int>(
            """
            update idempotency_keys set created_at = now() - interval '25 hours' where key = @k;
            update maintenance_runs set last_run_at = 'epoch';
            select 1
            """,
            ("k", oldKey));

        var report = await api.Host.App.Services.GetRequiredService<ClusterMaintenance>().RunOnceAsync(TestContext.Current.CancellationToken);

        Assert.True(report!.IdempotencyKeys >= 1);
        Assert.Equal(0L, await api.Database.CountAsync("select count(*) from idempotency_keys where key = @k", ("k", oldKey)));
        Assert.Equal(1L, await api.Database.CountAsync("select count(*) from idempotency_keys where key = @k", ("k", youngKey)));
        // The forgotten key is a new key again: the same request runs, and meets the exercise it made the first time.
        var again = await client.KeyedAsync(HttpMethod.Post, $"{Base}/exercises", CustomExercise("Expiring press"), oldKey);
        Assert.Equal(HttpStatusCode.Conflict, again.Status);
        Assert.Equal("duplicate_name", again.ErrorCode);
        Assert.True((await client.KeyedAsync(HttpMethod.Post, $"{Base}/exercises", CustomExercise("Young press"), youngKey)).Replayed());
    }

    private static object CustomExercise(string name) =>
        new { name, category = "legs", primaryMuscles = new[] { "quads" }, equipment = "barbell", kind = "weight_reps" };
}
