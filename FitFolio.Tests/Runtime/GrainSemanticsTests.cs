using System.Diagnostics;
using FitFolio.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace FitFolio.Tests.Runtime;

/// <summary>Grain semantics on three silos configured as production: turns, reentrancy, errors across silos, timeouts, lifecycle, state.</summary>
public sealed class GrainSemanticsTests(GrainSemanticsTests.Silos silos) : IClassFixture<GrainSemanticsTests.Silos>
{
    /// <summary>Production's configuration with short idle and call timeouts, so those tests take seconds.</summary>
    public sealed class Silos(PostgresServer server) : SharedRuntimeCluster(server)
    {
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["Silo:IdleTimeout"] = "00:00:03",
            ["Silo:CollectionInterval"] = "00:00:01",
            // Long enough for the last of 1,000 queued calls on a loaded machine; short enough to wait for.
            ["Silo:CallTimeout"] = "00:00:05",
        };
    }

    [Fact]
    public async Task A_grain_runs_one_call_at_a_time_under_1000_concurrent_callers_spread_over_three_silos()
    {
        var callers = Enumerable.Range(0, 1000).Select(i => Task.Run(() => silos.On(i % 3).GetGrain<ITurnGrain>("turns").Enter()));

        var entered = await Task.WhenAll(callers);

        Assert.Equal(Enumerable.Range(1, 1000), entered.Order());
        Assert.Equal(1, await silos.On(0).GetGrain<ITurnGrain>("turns").MaxConcurrency());
    }

    [Fact]
    public async Task A_reentrant_grain_interleaves_calls_yet_runs_one_thread_at_a_time()
    {
        var waiters = Enumerable.Range(0, 20).Select(i => silos.On(i % 3).GetGrain<IGateGrain>("gate").WaitAtGate()).ToList();
        var gate = silos.On(1).GetGrain<IGateGrain>("gate");
        await Eventually.TrueAsync(async () => await gate.Waiting() == 20, TimeSpan.FromSeconds(30), "all 20 calls waiting inside the grain at once");

        await gate.Open();
        var overlaps = await Task.WhenAll(waiters);

        Assert.All(overlaps, overlap => Assert.Equal(1, overlap));
    }

    [Fact]
    public async Task An_always_interleave_method_passes_a_blocked_turn_while_other_calls_wait()
    {
        var gate = silos.Cluster.Services(silos.Cluster.Silos[0]).GetRequiredService<GateKeeper>().For("blocked");
        var blocked = silos.On(0).GetGrain<IBlockingGrain>("blocked").Block();
        await gate.Reached.Task.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        var queued = silos.On(2).GetGrain<IBlockingGrain>("blocked").QueuedPing();

        Assert.Equal("pong", await silos.On(1).GetGrain<IBlockingGrain>("blocked").Ping());
        Assert.False(queued.IsCompleted);

        gate.Opened.SetResult();
        await blocked;
        Assert.Equal("late pong", await queued);
    }

    [Fact]
    public async Task A_grain_exception_reaches_a_caller_on_another_silo_with_its_type_and_message()
    {
        var home = silos.Cluster.Silos[1];
        Assert.Equal(home.SiloAddress, await silos.On(1).GetGrain<IThrowingGrain>("thrower").Silo());

        var error = await Assert.ThrowsAsync<RequestRejectedException>(() => silos.On(0).GetGrain<IThrowingGrain>("thrower").Reject("weight must be positive"));

        Assert.Equal("weight must be positive", error.Message);
    }

    [Fact]
    public async Task A_call_that_outlives_the_call_timeout_reaches_the_caller_as_a_timeout()
    {
        var clock = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<TimeoutException>(() => silos.On(0).GetGrain<ISleepyGrain>("sleeper").Sleep(TimeSpan.FromSeconds(10)));

        Assert.Contains("00:00:05", error.Message, StringComparison.Ordinal);
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(9));
    }

    [Fact]
    public async Task Activation_and_deactivation_hooks_run_and_idle_grains_are_deactivated()
    {
        var recorder = silos.Cluster.Services(silos.Cluster.Silos[2]).GetRequiredService<LifecycleRecorder>();
        var deactivated = recorder.WhenRecorded("idle", "deactivate:" + DeactivationReasonCode.ActivationIdle);

        await silos.On(2).GetGrain<ILifecycleGrain>("idle").Touch();
        await deactivated.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);

        Assert.Equal(["idle:activate", "idle:deactivate:ActivationIdle"], recorder.Events.Where(e => e.StartsWith("idle:", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task State_survives_deactivation_and_reactivation()
    {
        var grain = silos.On(0).GetGrain<ICounterGrain>("survivor");
        await grain.Increment();
        await grain.Increment();
        var before = await grain.WhereAmI();

        await grain.Deactivate();
        var after = await grain.WhereAmI();

        Assert.NotEqual(before.ActivationId, after.ActivationId);
        Assert.Equal(2, after.Value);
        Assert.Equal(3, await grain.Increment());
        Assert.Equal(3, await CounterRows.StoredValueAsync(silos.Database.DataSource, "survivor"));
    }
}
