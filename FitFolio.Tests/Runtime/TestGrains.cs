using Orleans.Concurrency;
using Orleans.Placement;

namespace FitFolio.Tests.Runtime;

[Alias("test.turn")]
public interface ITurnGrain : IGrainWithStringKey
{
    /// <summary>Returns how many calls had entered, this one included.</summary>
    Task<int> Enter();

    Task<int> MaxConcurrency();
}

/// <summary>Detects overlap: if two calls ever run at once, the observed maximum exceeds one.</summary>
[GrainType("test-turn")]
public sealed class TurnGrain : Grain, ITurnGrain
{
    private int _inside;
    private int _max;
    private int _count;

    public async Task<int> Enter()
    {
        _max = Math.Max(_max, ++_inside);
        // Gives the scheduler the chance to start another call before this one ends.
        await Task.Yield();
        _inside--;
        return ++_count;
    }

    public Task<int> MaxConcurrency() => Task.FromResult(_max);
}

[Alias("test.gate")]
public interface IGateGrain : IGrainWithStringKey
{
    /// <summary>Waits until the gate opens; returns how many threads were inside the grain at once just after.</summary>
    Task<int> WaitAtGate();

    Task Open();

    Task<int> Waiting();
}

/// <summary>Reentrant: calls waiting at the gate must not stop the call that opens it.</summary>
[GrainType("test-gate")]
[Reentrant]
public sealed class GateGrain : Grain, IGateGrain
{
    private readonly TaskCompletionSource _gate = new();
    private int _waiting;
    private int _threadsInside;

    public async Task<int> WaitAtGate()
    {
        _waiting++;
        await _gate.Task;
        var overlap = Interlocked.Increment(ref _threadsInside);
        Thread.SpinWait(1000);
        Interlocked.Decrement(ref _threadsInside);
        return overlap;
    }

    public Task Open()
    {
        _gate.TrySetResult();
        return Task.CompletedTask;
    }

    public Task<int> Waiting() => Task.FromResult(_waiting);
}

[Alias("test.blocking")]
public interface IBlockingGrain : IGrainWithStringKey
{
    Task Block();

    [AlwaysInterleave]
    Task<string> Ping();

    Task<string> QueuedPing();
}

/// <summary>
/// Not reentrant; Ping opts in per method and must pass a blocked turn, QueuedPing must wait. Lives where first called, beside the test's gate.
/// </summary>
[GrainType("test-blocking")]
[PreferLocalPlacement]
public sealed class BlockingGrain(GateKeeper gates) : Grain, IBlockingGrain
{
    public Task Block()
    {
        var gate = gates.For(this.GetPrimaryKeyString());
        gate.Reached.TrySetResult();
        return gate.Opened.Task;
    }

    public Task<string> Ping() => Task.FromResult("pong");

    public Task<string> QueuedPing() => Task.FromResult("late pong");
}

[Alias("test.throwing")]
public interface IThrowingGrain : IGrainWithStringKey
{
    Task<SiloAddress> Silo();

    Task Reject(string reason);
}

[GrainType("test-throwing")]
[PreferLocalPlacement]
public sealed class ThrowingGrain(ILocalSiloDetails silo) : Grain, IThrowingGrain
{
    public Task<SiloAddress> Silo() => Task.FromResult(silo.SiloAddress);

    public Task Reject(string reason) => throw new RequestRejectedException(reason);
}

[Alias("test.lifecycle")]
public interface ILifecycleGrain : IGrainWithStringKey
{
    Task Touch();
}

/// <summary>Records its activation and deactivation in its silo's <see cref="LifecycleRecorder"/>.</summary>
[GrainType("test-lifecycle")]
[PreferLocalPlacement]
public sealed class LifecycleGrain(LifecycleRecorder recorder) : Grain, ILifecycleGrain
{
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        recorder.Record(this.GetPrimaryKeyString(), "activate");
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        recorder.Record(this.GetPrimaryKeyString(), "deactivate:" + reason.ReasonCode);
        return Task.CompletedTask;
    }

    public Task Touch() => Task.CompletedTask;
}

[Alias("test.sleepy")]
public interface ISleepyGrain : IGrainWithStringKey
{
    Task Sleep(TimeSpan duration);
}

[GrainType("test-sleepy")]
public sealed class SleepyGrain : Grain, ISleepyGrain
{
    public Task Sleep(TimeSpan duration) => Task.Delay(duration);
}

[Alias("test.placed")]
public interface IPlacedGrain : IGrainWithStringKey
{
    Task<SiloAddress> Silo();
}

/// <summary>Placed as production grains are (Orleans' default placement): answers where it runs.</summary>
[GrainType("test-placed")]
public sealed class PlacedGrain(ILocalSiloDetails silo) : Grain, IPlacedGrain
{
    public Task<SiloAddress> Silo() => Task.FromResult(silo.SiloAddress);
}
