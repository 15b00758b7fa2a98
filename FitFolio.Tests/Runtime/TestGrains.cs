using System.Collections.Concurrent;
using FitFolio.Silo;
using FitFolio.Silo.Hosting;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace FitFolio.Tests.Runtime;

public sealed record CounterState
{
    public int Value { get; set; }
}

public sealed record Whereabouts(string ActivationId, string Silo, int Value);

public interface ICounterGrain : IGrainWithStringKey
{
    Task<int> Increment();

    Task<int> Get();

    Task<Whereabouts> WhereAmI();

    Task Deactivate();
}

public sealed class CounterGrain(Silo.Hosting.Silo silo) : Grain<CounterState>, ICounterGrain
{
    private readonly string _activationId = Guid.NewGuid().ToString("N");

    public async Task<int> Increment()
    {
        State.Value++;
        await WriteStateAsync();
        return State.Value;
    }

    public Task<int> Get() => Task.FromResult(State.Value);

    public Task<Whereabouts> WhereAmI() => Task.FromResult(new Whereabouts(_activationId, silo.Address?.Id ?? "", State.Value));

    public Task Deactivate()
    {
        DeactivateOnIdle();
        return Task.CompletedTask;
    }
}

public interface ITurnGrain : IGrainWithStringKey
{
    Task Enter();

    ValueTask<int> MaxConcurrency();

    Task<int> Count();
}

/// <summary>Detects overlap: if two calls ever run at once, the observed maximum exceeds one.</summary>
public sealed class TurnGrain : Grain, ITurnGrain
{
    private int _inside;
    private int _max;
    private int _count;

    public async Task Enter()
    {
        var inside = Interlocked.Increment(ref _inside);
        _max = Math.Max(_max, inside);
        await Task.Yield();
        _count++;
        Interlocked.Decrement(ref _inside);
    }

    public ValueTask<int> MaxConcurrency() => ValueTask.FromResult(_max);

    public Task<int> Count() => Task.FromResult(_count);
}

public interface IGateGrain : IGrainWithStringKey
{
    Task<int> WaitAtGate();

    Task Open();

    Task<int> Waiting();
}

/// <summary>Reentrant: a call waiting at the gate must not stop the call that opens it.</summary>
[Reentrant]
public sealed class GateGrain : Grain, IGateGrain
{
    private TaskCompletionSource _gate = new();
    private int _waiting;
    private int _threadsInside;

    public async Task<int> WaitAtGate()
    {
        _waiting++;
        await _gate.Task;
        var overlap = Interlocked.Increment(ref _threadsInside);
        Interlocked.Decrement(ref _threadsInside);
        return overlap;
    }

    public Task Open()
    {
        _gate.TrySetResult();
        _gate = new TaskCompletionSource();
        return Task.CompletedTask;
    }

    public Task<int> Waiting() => Task.FromResult(_waiting);
}

public interface IBlockingGrain : IGrainWithStringKey
{
    Task Block();

    [AlwaysInterleave]
    Task<string> Ping();

    Task<string> QueuedPing();
}

/// <summary>Not reentrant; Ping opts in per method and must pass a blocked turn, QueuedPing must wait.</summary>
public sealed class BlockingGrain(GateKeeper gates) : Grain, IBlockingGrain
{
    public Task Block() => gates.For(Key).Task;

    public Task<string> Ping() => Task.FromResult("pong");

    public Task<string> QueuedPing() => Task.FromResult("late pong");
}

/// <summary>Test-controlled gates, shared through DI so a test can release a grain's blocked call.</summary>
public sealed class GateKeeper
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _gates = new();

    public TaskCompletionSource For(string key) => _gates.GetOrAdd(key, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
}

public interface IThrowingGrain : IGrainWithStringKey
{
    Task Throw(string message);

    Task<int> ThrowUnbuildable();
}

public sealed class ThrowingGrain : Grain, IThrowingGrain
{
    public Task Throw(string message) => throw new InvalidOperationException(message);

    public Task<int> ThrowUnbuildable() => throw new UnbuildableException(42);
}

/// <summary>Has no (string) constructor, so another silo cannot recreate it.</summary>
public sealed class UnbuildableException(int code) : Exception($"unbuildable {code}");

public interface ILifecycleGrain : IGrainWithStringKey
{
    Task Touch();
}

public sealed class LifecycleGrain(LifecycleRecorder recorder) : Grain, ILifecycleGrain
{
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        recorder.Record(Key, "activate");
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        recorder.Record(Key, "deactivate:" + reason);
        return Task.CompletedTask;
    }

    public Task Touch() => Task.CompletedTask;
}

/// <summary>Collects lifecycle events and lets a test await one instead of sleeping.</summary>
public sealed class LifecycleRecorder
{
    private readonly ConcurrentQueue<string> _events = new();
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _waiters = new();

    public IReadOnlyCollection<string> Events => _events;

    public void Record(string key, string what)
    {
        var entry = $"{key}:{what}";
        _events.Enqueue(entry);
        _waiters.GetOrAdd(entry, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
    }

    public Task WhenRecorded(string key, string what) =>
        _waiters.GetOrAdd($"{key}:{what}", _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;
}

public interface ISleepyGrain : IGrainWithStringKey
{
    Task Sleep(TimeSpan duration);
}

public sealed class SleepyGrain : Grain, ISleepyGrain
{
    public Task Sleep(TimeSpan duration) => Task.Delay(duration);
}

public static class TestGrains
{
    public static void Register(SiloBuilder silo)
    {
        silo.AddGrain<ICounterGrain, CounterGrain>()
            .AddGrain<ITurnGrain, TurnGrain>()
            .AddGrain<IGateGrain, GateGrain>()
            .AddGrain<IBlockingGrain, BlockingGrain>()
            .AddGrain<IThrowingGrain, ThrowingGrain>()
            .AddGrain<ILifecycleGrain, LifecycleGrain>()
            .AddGrain<ISleepyGrain, SleepyGrain>();
        silo.Services.TryAddSingleton<LifecycleRecorder>();
        silo.Services.TryAddSingleton<GateKeeper>();
    }
}
