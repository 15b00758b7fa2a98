using System.Net;
using System.Text;
using FitFolio.Silo;
using FitFolio.Silo.Membership;
using FitFolio.Silo.Placement;
using FitFolio.Tests.Infrastructure;

namespace FitFolio.Tests.Runtime;

/// <summary>A 3-silo cluster on one database: placement, forwarding, failure and recovery.</summary>
public sealed class ClusterTests(TestDatabase database) : IClassFixture<TestDatabase>, IAsyncLifetime
{
    private TestCluster _cluster = null!;

    public async ValueTask InitializeAsync()
    {
        _cluster = new TestCluster(database.ConnectionString, TestGrains.Register, TestCluster.FastFailureDetection);
        await _cluster.StartSilosAsync(3);
    }

    public async ValueTask DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task Calls_made_on_every_silo_reach_the_same_activation()
    {
        foreach (var key in Enumerable.Range(0, 20).Select(i => $"shared-{i}"))
        {
            var seen = await Task.WhenAll(_cluster.Silos.Select(s => s.Grains.GetGrain<ICounterGrain>(key).WhereAmI()));

            Assert.Single(seen.Select(w => w.ActivationId).Distinct());
        }
    }

    [Fact]
    public async Task Grains_spread_over_every_silo()
    {
        var homes = await Task.WhenAll(Enumerable.Range(0, 60).Select(i => _cluster.Silos[0].Grains.GetGrain<ICounterGrain>($"spread-{i}").WhereAmI()));

        Assert.Equal(3, homes.Select(h => h.Silo).Distinct().Count());
    }

    [Fact]
    public async Task A_throwing_grain_on_another_silo_gives_the_caller_the_exception_type_and_message()
    {
        var key = KeyHomedOn<IThrowingGrain>(_cluster.Silos[1], "remote-thrower");
        var grain = _cluster.Silos[0].Grains.GetGrain<IThrowingGrain>(key);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => grain.Throw("weight must be positive"));
        var unbuildable = await Assert.ThrowsAsync<GrainCallException>(() => grain.ThrowUnbuildable());

        Assert.Equal("weight must be positive", error.Message);
        Assert.Equal("unbuildable 42", unbuildable.Message);
        Assert.StartsWith(typeof(UnbuildableException).FullName!, unbuildable.RemoteExceptionType, StringComparison.Ordinal);
    }

    [Fact]
    public async Task After_a_silo_is_killed_its_grains_answer_from_another_silo_and_no_acknowledged_write_is_lost()
    {
        var victim = _cluster.Silos[2];
        var caller = _cluster.Silos[0];
        var keys = Enumerable.Range(0, 5).Select(i => KeyHomedOn<ICounterGrain>(victim, $"victim{i}")).ToList();

        foreach (var key in keys)
        {
            for (var n = 0; n < 3; n++)
            {
                await caller.Grains.GetGrain<ICounterGrain>(key).Increment();
            }
        }

        await victim.KillAsync();
        var reloaded = await Task.WhenAll(keys.Select(k => SiloFailure.AnswerAfterFailoverAsync(() => caller.Grains.GetGrain<ICounterGrain>(k).WhereAmI())));
        var answered = await Task.WhenAll(keys.Select(k => caller.Grains.GetGrain<ICounterGrain>(k).Increment()));

        Assert.All(reloaded, where => Assert.Equal(3, where.Value));
        Assert.All(answered, value => Assert.Equal(4, value));
        var homes = await Task.WhenAll(keys.Select(k => caller.Grains.GetGrain<ICounterGrain>(k).WhereAmI()));
        Assert.DoesNotContain(homes, h => h.Silo == victim.Id);
        await _cluster.WaitForViewAsync();
    }

    [Fact]
    public async Task A_stopped_silo_flushes_its_grains_and_leaves_the_cluster_and_a_restart_rejoins()
    {
        var leaving = _cluster.Silos[1];
        var key = KeyHomedOn<ICounterGrain>(leaving, "leaver");
        await _cluster.Silos[0].Grains.GetGrain<ICounterGrain>(key).Increment();

        await leaving.StopAsync();
        await _cluster.WaitForViewAsync();

        Assert.Equal(2, _cluster.Silos[0].Silo.View.ActiveSilos.Length);
        Assert.Equal("dead", await StatusOfAsync(leaving.Id));
        Assert.Equal(2, await _cluster.Silos[0].Grains.GetGrain<ICounterGrain>(key).Increment());

        await _cluster.StartSiloAsync();
        await _cluster.WaitForViewAsync();
        Assert.Equal(3, _cluster.Silos[0].Silo.View.ActiveSilos.Length);
    }

    [Fact]
    public async Task When_two_silos_disagree_about_membership_only_one_write_wins_and_the_stale_activation_reloads()
    {
        var a = _cluster.Silos[0];
        var b = _cluster.Silos[1];
        a.Silo.Membership!.PinView(new MembershipSnapshot(1000, [a.Silo.Address!]));
        b.Silo.Membership!.PinView(new MembershipSnapshot(1000, [b.Silo.Address!]));
        try
        {
            var onA = a.Grains.GetGrain<ICounterGrain>("split-brain");
            var onB = b.Grains.GetGrain<ICounterGrain>("split-brain");
            var activationA = await onA.WhereAmI();
            var activationB = await onB.WhereAmI();
            Assert.NotEqual(activationA.ActivationId, activationB.ActivationId);

            Assert.Equal(1, await onA.Increment());
            await Assert.ThrowsAsync<InconsistentStateException>(() => onB.Increment());

            var reloaded = await onB.WhereAmI();
            Assert.NotEqual(activationB.ActivationId, reloaded.ActivationId);
            Assert.Equal(1, reloaded.Value);
            Assert.Equal(2, await onB.Increment());
            await Assert.ThrowsAsync<InconsistentStateException>(() => onA.Increment());
            Assert.Equal(3, await onA.Increment());
        }
        finally
        {
            a.Silo.Membership.PinView(null);
            b.Silo.Membership.PinView(null);
        }
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("wrong-secret-wrong-secret-wrong-secret-wrong")]
    public async Task Internal_calls_without_the_cluster_secret_are_refused_and_change_nothing(string? secret)
    {
        var target = _cluster.Silos[1];
        var key = KeyHomedOn<ICounterGrain>(target, "guarded");
        var body = $$"""{"grain":"ICounterGrain","key":"{{key}}","method":"Increment()","args":[]}""";

        var response = await PostInternalAsync(target, body, secret);

        Assert.Equal(HttpStatusCode.Unauthorized, response.Status);
        Assert.Contains("\"unauthorized\"", response.Body, StringComparison.Ordinal);
        Assert.Equal(0, await _cluster.Silos[0].Grains.GetGrain<ICounterGrain>(key).Get());
    }

    [Theory]
    [InlineData("not json", HttpStatusCode.BadRequest, "malformed")]
    [InlineData("[]", HttpStatusCode.BadRequest, "malformed")]
    [InlineData("""{"grain":"ICounterGrain","key":"k","method":"Increment()"}""", HttpStatusCode.BadRequest, "malformed")]
    [InlineData("""{"grain":"ICounterGrain","key":"k","method":"Increment()","args":[1,2]}""", HttpStatusCode.BadRequest, "malformed")]
    [InlineData("""{"grain":"ICounterGrain","key":7,"method":"Increment()","args":[]}""", HttpStatusCode.BadRequest, "malformed")]
    [InlineData("""{"grain":"INoSuchGrain","key":"k","method":"Increment()","args":[]}""", HttpStatusCode.NotFound, "unknown_grain_type")]
    [InlineData("""{"grain":"ICounterGrain","key":"k","method":"Explode()","args":[]}""", HttpStatusCode.NotFound, "unknown_method")]
    [InlineData("""{"grain":"ISleepyGrain","key":"k","method":"Sleep(TimeSpan)","args":["not a timespan"]}""", HttpStatusCode.BadRequest, "malformed")]
    public async Task Malformed_forwarded_messages_get_a_clear_error_and_activate_nothing(string body, HttpStatusCode status, string code)
    {
        var target = _cluster.Silos[2];
        var before = target.Silo.ActivationCount;

        var response = await PostInternalAsync(target, body, TestCluster.Secret);

        Assert.Equal(status, response.Status);
        Assert.Contains($"\"{code}\"", response.Body, StringComparison.Ordinal);
        Assert.Equal(before, target.Silo.ActivationCount);
    }

    /// <summary>A key whose grain of type <typeparamref name="TGrain"/> lives on <paramref name="silo"/>, by the placement every silo computes.</summary>
    private static string KeyHomedOn<TGrain>(TestSilo silo, string prefix) where TGrain : IGrainWithStringKey
    {
        for (var i = 0; ; i++)
        {
            var key = $"{prefix}-{i}";
            if (RendezvousPlacement.Place(new GrainId(typeof(TGrain).Name, key), silo.Silo.View) == silo.Silo.Address)
            {
                return key;
            }
        }
    }

    private async Task<string> StatusOfAsync(string siloId)
    {
        await using var command = database.DataSource.CreateCommand("select status from cluster_silos where silo_id = @id");
        command.Parameters.AddWithValue("id", siloId);
        return (string)(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken))!;
    }

    private static async Task<(HttpStatusCode Status, string Body)> PostInternalAsync(TestSilo silo, string body, string? secret)
    {
        using var client = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(silo.Silo.Address!.Endpoint, "silo/v1/calls"))
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        if (secret is not null)
        {
            request.Headers.Add("X-Cluster-Secret", secret);
        }

        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }
}
