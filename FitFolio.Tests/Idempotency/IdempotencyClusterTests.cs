using System.Net;
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
}
