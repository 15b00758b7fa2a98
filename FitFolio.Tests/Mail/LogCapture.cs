using Microsoft.Extensions.Logging;

namespace FitFolio.Tests.Mail;

/// <summary>
/// A logger provider that keeps every entry, at every level, from every category, and lets a test
/// await an entry rather than sleep: log events are how the sender reports what it did.
/// </summary>
public sealed class LogCapture : ILoggerProvider
{
    private readonly Lock _gate = new();
    private readonly List<LogEntry> _entries = [];
    private readonly List<Action<List<LogEntry>>> _waiters = [];

    public IReadOnlyList<LogEntry> Entries
    {
        get
        {
            lock (_gate)
            {
                return [.. _entries];
            }
        }
    }

    public ILogger CreateLogger(string categoryName) => new CapturingLogger(this, categoryName);

    public void Dispose()
    {
    }

    public async Task<LogEntry> WaitForAsync(Func<LogEntry, bool> predicate, TimeSpan? timeout = null) =>
        (await WaitForCountAsync(1, predicate, timeout))[0];

    public async Task<IReadOnlyList<LogEntry>> WaitForCountAsync(int count, Func<LogEntry, bool> predicate, TimeSpan? timeout = null)
    {
        var done = new TaskCompletionSource<IReadOnlyList<LogEntry>>(TaskCreationOptions.RunContinuationsAsynchronously);
        void Probe(List<LogEntry> entries)
        {
            var matching = entries.Where(predicate).ToList();
            if (matching.Count >= count)
            {
                done.TrySetResult(matching);
            }
        }

        lock (_gate)
        {
            Probe(_entries);
            _waiters.Add(Probe);
        }

        try
        {
            return await done.Task.WaitAsync(timeout ?? TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        }
        catch (TimeoutException)
        {
            var seen = string.Join("\n", Entries.Select(entry => $"  {entry.Level} {entry.EventId.Name}: {entry.Message}"));
            throw new TimeoutException($"Expected {count} matching log entries; saw:\n{seen}");
        }
        finally
        {
            lock (_gate)
            {
                _waiters.Remove(Probe);
            }
        }
    }

    private void Add(Func<int, LogEntry> create)
    {
        lock (_gate)
        {
            _entries.Add(create(_entries.Count));
            foreach (var waiter in _waiters)
            {
                waiter(_entries);
            }
        }
    }

    private sealed class CapturingLogger(LogCapture capture, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var values = state as IReadOnlyList<KeyValuePair<string, object?>> ?? [];
            var message = formatter(state, exception);
            var rendered = values.Select(pair => $"{pair.Key}={pair.Value}").ToList();
            capture.Add(sequence => new LogEntry(sequence, category, logLevel, eventId, message, exception?.ToString(), rendered));
        }
    }
}

/// <summary>One captured log call; <see cref="Sequence"/> orders entries across threads.</summary>
public sealed record LogEntry(int Sequence, string Category, LogLevel Level, EventId EventId, string Message, string? Exception, IReadOnlyList<string> Values);
