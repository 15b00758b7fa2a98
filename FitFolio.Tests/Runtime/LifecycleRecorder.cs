using System.Collections.Concurrent;

namespace FitFolio.Tests.Runtime;

/// <summary>Collects one silo's grain lifecycle events and lets a test await one instead of sleeping.</summary>
public sealed class LifecycleRecorder
{
    private readonly ConcurrentQueue<string> _events = new();
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _waiters = new();

    public IReadOnlyCollection<string> Events => _events;

    public void Record(string key, string what)
    {
        var entry = $"{key}:{what}";
        _events.Enqueue(entry);
        Waiter(entry).TrySetResult();
    }

    public Task WhenRecorded(string key, string what) => Waiter($"{key}:{what}").Task;

    private TaskCompletionSource Waiter(string entry) =>
        _waiters.GetOrAdd(entry, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
}
