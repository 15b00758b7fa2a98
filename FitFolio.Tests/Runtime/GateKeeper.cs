using System.Collections.Concurrent;

namespace FitFolio.Tests.Runtime;

/// <summary>Test-controlled gates, one silo's singleton, so a test can see a grain's call arrive at one and release it.</summary>
public sealed class GateKeeper
{
    private readonly ConcurrentDictionary<string, Gate> _gates = new();

    public Gate For(string key) => _gates.GetOrAdd(key, _ => new Gate());

    public sealed class Gate
    {
        /// <summary>Set by the grain when its call has reached the gate (the grain's turn has begun).</summary>
        public TaskCompletionSource Reached { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>Set by the test to let the call finish.</summary>
        public TaskCompletionSource Opened { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
