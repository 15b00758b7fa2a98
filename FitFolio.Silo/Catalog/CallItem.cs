using System.Diagnostics;
using FitFolio.Silo.Invocation;

namespace FitFolio.Silo.Catalog;

/// <summary>A grain call that had to wait for its turn.</summary>
internal sealed class CallItem<TResult>(GrainId grainId, GrainMethod<TResult> method, object?[] arguments, bool forwarded) : WorkItem
{
    // Continuations run asynchronously so a caller's code never runs inside the activation's pump.
    private readonly TaskCompletionSource<TResult> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

    // The mailbox runs turns on pool threads without the caller's execution context, so the
    // caller's activity travels with the call: the grain's own calls and queries join its trace.
    private readonly Activity? _caller = Activity.Current;

    public Task<TResult> Task => _completion.Task;

    public override bool Interleaves => method.Owner.Reentrant || method.AlwaysInterleave;

    public override void Run(Activation activation)
    {
        var turn = _caller is null ? activation.RunTurn(method, arguments) : RunInCallersTrace(activation);
        if (turn.IsCompleted)
        {
            Complete(turn, activation);
            return;
        }

        turn.ContinueWith(
            static (task, state) =>
            {
                var (item, activation) = ((CallItem<TResult>, Activation))state!;
                item.Complete(task, activation);
            },
            (this, activation),
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    private Task<TResult> RunInCallersTrace(Activation activation)
    {
        var previous = Activity.Current;
        Activity.Current = _caller;
        try
        {
            return activation.RunTurn(method, arguments);
        }
        finally
        {
            Activity.Current = previous;
        }
    }

    public override void Reroute(SiloRuntime runtime)
    {
        // A call forwarded here by another silo stays here; a call made on this silo is placed afresh.
        var rerouted = forwarded
            ? runtime.InvokeLocalAsync(grainId, method, arguments)
            : runtime.InvokeAsync(grainId, method, arguments);
        rerouted.ContinueWith(
            static (task, state) => ((CallItem<TResult>)state!).CopyFrom(task),
            this,
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    public override void Fail(Exception exception) => _completion.TrySetException(exception);

    private void Complete(Task<TResult> turn, Activation activation)
    {
        CopyFrom(turn);
        if (Interleaves)
        {
            activation.InterleavedEnded(turn);
        }
        else
        {
            activation.TurnEnded(turn);
        }
    }

    private void CopyFrom(Task<TResult> task)
    {
        if (task.IsCompletedSuccessfully)
        {
            _completion.TrySetResult(task.Result);
        }
        else if (task.IsCanceled)
        {
            _completion.TrySetCanceled();
        }
        else
        {
            _completion.TrySetException(task.Exception!.InnerExceptions);
        }
    }
}
