using FitFolio.Silo;
using FitFolio.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace FitFolio.Tests.Runtime;

/// <summary>Grain semantics on one silo: turns, state, lifecycle, errors, timeouts.</summary>
public sealed class SingleSiloTests(TestDatabase database) : IClassFixture<TestDatabase>, IAsyncLifetime
{
    private TestCluster _cluster = null!;
    private TestSilo _silo = null!;

    public async ValueTask InitializeAsync()
    {
        _cluster = new TestCluster(database.ConnectionString, TestGrains.Register, new Dictionary<string, string?>
        {
            ["Silo:IdleTimeout"] = "00:00:00.300",
            ["Silo:CollectionInterval"] = "00:00:00.100",
            ["Silo:CallTimeout"] = "00:00:02",
        });
        _silo = await _cluster.StartSiloAsync();
    }

    public async ValueTask DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task A_grain_runs_one_call_at_a_time_under_1000_concurrent_callers()
    {
        var grain = _silo.Grains.GetGrain<ITurnGrain>("turns");
        var callers = Enumerable.Range(0, 1000).Select(_ => Task.Run(() => grain.Enter()));

        await Task.WhenAll(callers);

        Assert.Equal(1, await grain.MaxConcurrency());
        Assert.Equal(1000, await grain.Count());
    }

    [Fact]
    public async Task State_survives_deactivation_and_reactivation()
    {
        var grain = _silo.Grains.GetGrain<ICounterGrain>("survivor");
        await grain.Increment();
        await grain.Increment();
        var before = await grain.WhereAmI();

        await grain.Deactivate();
        var after = await grain.WhereAmI();

        Assert.NotEqual(before.ActivationId, after.ActivationId);
        Assert.Equal(2, after.Value);
        Assert.Equal(3, await grain.Increment());
    }

    [Fact]
    public async Task Activation_and_deactivation_hooks_run_and_idle_grains_are_deactivated()
    {
        var recorder = _silo.Host.Services.GetRequiredService<LifecycleRecorder>();
        var deactivated = recorder.WhenRecorded("idle", "deactivate:Idle");

        await _silo.Grains.GetGrain<ILifecycleGrain>("idle").Touch();
        await deactivated.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);

        Assert.Equal(["idle:activate", "idle:deactivate:Idle"], recorder.Events.Where(e => e.StartsWith("idle:", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_throwing_grain_method_gives_the_caller_the_exception()
    {
        var grain = _silo.Grains.GetGrain<IThrowingGrain>("thrower");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => grain.Throw("no such workout"));

        Assert.Equal("no such workout", error.Message);
    }

    [Fact]
    public async Task A_call_that_outlives_the_call_timeout_reaches_the_caller_as_a_timeout()
    {
        var grain = _silo.Grains.GetGrain<ISleepyGrain>("sleeper");

        var error = await Assert.ThrowsAsync<GrainCallTimeoutException>(() => grain.Sleep(TimeSpan.FromSeconds(4)));

        Assert.Contains("timed out after 2 s", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_reentrant_grain_interleaves_calls_yet_runs_one_thread_at_a_time()
    {
        var grain = _silo.Grains.GetGrain<IGateGrain>("gate");
        var waiters = Enumerable.Range(0, 20).Select(_ => grain.WaitAtGate()).ToList();
        while (await grain.Waiting() < 20)
        {
            await Task.Yield();
        }

        await grain.Open();
        var overlaps = await Task.WhenAll(waiters);

        Assert.All(overlaps, overlap => Assert.Equal(1, overlap));
    }

    [Fact]
    public async Task An_always_interleave_method_passes_a_blocked_turn_while_other_calls_wait()
    {
        var grain = _silo.Grains.GetGrain<IBlockingGrain>("blocked");
        var gate = _silo.Host.Services.GetRequiredService<GateKeeper>().For("blocked");
        var blocked = grain.Block();
        var queued = grain.QueuedPing();

        Assert.Equal("pong", await grain.Ping());
        Assert.False(queued.IsCompleted);

        gate.SetResult();
        await blocked;
        Assert.Equal("late pong", await queued);
    }

    [Fact]
    public async Task Grain_interfaces_that_are_not_registered_are_refused_clearly()
    {
        var error = Assert.Throws<ArgumentException>(() => _silo.Grains.GetGrain<IUnregisteredGrain>("x"));

        Assert.Contains("IUnregisteredGrain is not a registered grain interface", error.Message, StringComparison.Ordinal);
    }

    public interface IUnregisteredGrain : IGrainWithStringKey
    {
        Task Nothing();
    }
}
