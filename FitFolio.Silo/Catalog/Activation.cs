using System.Diagnostics;
using FitFolio.Silo.Invocation;

namespace FitFolio.Silo.Catalog;

/// <summary>
/// The single in-memory instance of a grain on this silo, and its mailbox. Turn-based: one call
/// runs at a time, in arrival order; a call that finds the grain idle runs inline on the caller's
/// thread, so an uncontended call costs no thread hop. Grains that opt into interleaving run every
/// turn on an exclusive scheduler, so even interleaved code never runs on two threads at once.
/// </summary>
internal sealed class Activation : IThreadPoolWorkItem
{
    private readonly Queue<WorkItem> _queue = new();
    private readonly TaskScheduler? _exclusive;
    private ActivationState _state = ActivationState.Activating;
    private bool _running = true;
    private bool _deactivationQueued;
    private int _interleaved;
    private long _lastUsed = Environment.TickCount64;
    private Grain? _grain;

    // The call that caused this activation: loading its state belongs to that call's trace.
    private Activity? _activatedBy = Activity.Current;

    public Activation(SiloRuntime runtime, GrainInterface grainInterface, GrainId grainId)
    {
        Runtime = runtime;
        Interface = grainInterface;
        GrainId = grainId;
        if (grainInterface.HasInterleaving)
        {
            _exclusive = new ConcurrentExclusiveSchedulerPair().ExclusiveScheduler;
        }

        _queue.Enqueue(LifecycleItem.Activate);
    }

    public SiloRuntime Runtime { get; }

    public GrainInterface Interface { get; }

    public GrainId GrainId { get; }

    public ActivationState State => _state;

    /// <summary>Begins activation; called once, by whoever added this activation to the catalog.</summary>
    public void Start() => ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);

    public Task<TResult> Call<TResult>(GrainMethod<TResult> method, object?[] arguments, bool forwarded)
    {
        var interleave = Interface.Reentrant || method.AlwaysInterleave;
        lock (_queue)
        {
            switch (_state)
            {
                case ActivationState.Active when interleave:
                    _interleaved++;
                    break;
                case ActivationState.Active when !_running:
                    _running = true;
                    break;
                case ActivationState.Dead:
                    return forwarded ? Runtime.InvokeLocalAsync(GrainId, method, arguments) : Runtime.InvokeAsync(GrainId, method, arguments);
                default:
                    var item = new CallItem<TResult>(GrainId, method, arguments, forwarded);
                    _queue.Enqueue(item);
                    return item.Task;
            }
        }

        var task = RunTurn(method, arguments);
        if (interleave)
        {
            task.ContinueWith(static (t, state) => ((Activation)state!).InterleavedEnded(t), this, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }
        else if (task.IsCompleted)
        {
            TurnEnded(task);
        }
        else
        {
            task.ContinueWith(static (t, state) => ((Activation)state!).TurnEnded(t), this, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }

        return task;
    }

    public Task<TResult> RunTurn<TResult>(GrainMethod<TResult> method, object?[] arguments)
    {
        _lastUsed = Environment.TickCount64;
        var grain = _grain!;
        grain.ReloadOnFailure = false;
        if (_exclusive is null)
        {
            return method.Invoke(grain, arguments);
        }

        return Task.Factory.StartNew(() => method.Invoke(grain, arguments), CancellationToken.None, TaskCreationOptions.DenyChildAttach, _exclusive).Unwrap();
    }

    public void TurnEnded(Task turn)
    {
        if (IsStale(turn))
        {
            Drop(reroute: true);
            return;
        }

        lock (_queue)
        {
            if (_queue.Count == 0)
            {
                _running = false;
                return;
            }
        }

        ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: true);
    }

    void IThreadPoolWorkItem.Execute()
    {
        WorkItem? item;
        List<WorkItem>? interleaving = null;
        lock (_queue)
        {
            if (_state == ActivationState.Dead)
            {
                _running = false;
                return;
            }

            // Interleaving calls that queued (during activation, or behind a turn) never wait for turns.
            if (Interface.HasInterleaving && _state == ActivationState.Active)
            {
                interleaving = TakeInterleaving();
                _interleaved += interleaving.Count;
            }

            if (!_queue.TryDequeue(out item))
            {
                _running = false;
            }
        }

        if (interleaving is not null)
        {
            foreach (var call in interleaving)
            {
                call.Run(this);
            }
        }

        item?.Run(this);
    }

    private List<WorkItem> TakeInterleaving()
    {
        var taken = new List<WorkItem>();
        var count = _queue.Count;
        for (var i = 0; i < count; i++)
        {
            var queued = _queue.Dequeue();
            if (queued.Interleaves)
            {
                taken.Add(queued);
            }
            else
            {
                _queue.Enqueue(queued);
            }
        }

        return taken;
    }

    public void RequestDeactivation(DeactivationReason reason)
    {
        lock (_queue)
        {
            if (_state is not (ActivationState.Active or ActivationState.Activating) || _deactivationQueued)
            {
                return;
            }

            _deactivationQueued = true;
            _queue.Enqueue(new LifecycleItem(reason));
            if (_running)
            {
                return;
            }

            _running = true;
        }

        ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
    }

    /// <summary>True when nothing runs or waits and the last call is older than <paramref name="idleFor"/>.</summary>
    public bool IsIdle(long now, TimeSpan idleFor) =>
        _state == ActivationState.Active && !_running && Volatile.Read(ref _interleaved) == 0
        && now - Volatile.Read(ref _lastUsed) >= (long)idleFor.TotalMilliseconds;

    internal async Task ActivateAsync()
    {
        if (_activatedBy is not null)
        {
            // Set inside this async method, so it flows into the activation's awaits and no further.
            Activity.Current = _activatedBy;
            _activatedBy = null;
        }

        try
        {
            await RunLifecycle(async () =>
            {
                var grain = (Grain)Interface.Factory(Runtime.Services, null);
                grain.Attach(this);
                if (grain is IStatefulGrain stateful)
                {
                    await stateful.ReadStateAsync(Runtime.Services, CancellationToken.None);
                }

                await grain.OnActivateAsync(CancellationToken.None);
                _grain = grain;
            });
        }
        catch (Exception exception)
        {
            Runtime.Log.ActivationFailed(exception, GrainId);
            foreach (var item in Kill())
            {
                item.Fail(exception);
            }

            return;
        }

        lock (_queue)
        {
            _state = ActivationState.Active;
        }

        TurnEnded(Task.CompletedTask);
    }

    internal async Task DeactivateAsync(DeactivationReason reason)
    {
        lock (_queue)
        {
            _state = ActivationState.Deactivating;
        }

        try
        {
            using var timeout = new CancellationTokenSource(Runtime.Options.DeactivationTimeout);
            await RunLifecycle(() => _grain!.OnDeactivateAsync(reason, timeout.Token));
        }
        catch (Exception exception)
        {
            Runtime.Log.DeactivationFailed(exception, GrainId, reason);
        }

        Drop(reroute: true);
    }

    /// <summary>Removes this activation at once; waiting calls go wherever they belong now.</summary>
    public void Drop(bool reroute)
    {
        var pending = Kill();
        foreach (var item in pending)
        {
            if (reroute)
            {
                item.Reroute(Runtime);
            }
            else
            {
                item.Fail(new GrainCallException($"Silo {Runtime.SiloName} stopped before {GrainId} could run the call."));
            }
        }
    }

    private List<WorkItem> Kill()
    {
        List<WorkItem> pending;
        lock (_queue)
        {
            _state = ActivationState.Dead;
            _running = false;
            pending = [.. _queue];
            _queue.Clear();
        }

        Runtime.Catalog.Remove(this);
        return pending;
    }

    public void InterleavedEnded(Task turn)
    {
        Interlocked.Decrement(ref _interleaved);
        if (IsStale(turn))
        {
            Drop(reroute: true);
        }
    }

    private Task RunLifecycle(Func<Task> step) =>
        _exclusive is null ? step() : Task.Factory.StartNew(step, CancellationToken.None, TaskCreationOptions.DenyChildAttach, _exclusive).Unwrap();

    private bool IsStale(Task turn) =>
        turn.IsFaulted && (turn.Exception!.InnerException is InconsistentStateException || _grain?.ReloadOnFailure == true);
}
