using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace FitFolio.Tests.Telemetry;

/// <summary>A logger provider that keeps each entry with the scope values around it (request id, trace id, span id).</summary>
public sealed class ScopeCapture : ILoggerProvider, ISupportExternalScope
{
    private readonly ConcurrentQueue<ScopedEntry> _entries = new();
    private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

    public IReadOnlyList<ScopedEntry> Entries => [.. _entries];

    public ILogger CreateLogger(string categoryName) => new ScopedLogger(this, categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    public void Dispose()
    {
    }

    private sealed class ScopedLogger(ScopeCapture capture, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => capture._scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var values = new Dictionary<string, string?>(StringComparer.Ordinal);
            capture._scopes.ForEachScope(
                static (scope, values) =>
                {
                    if (scope is IEnumerable<KeyValuePair<string, object?>> pairs)
                    {
                        foreach (var (key, value) in pairs)
                        {
                            values[key] = value?.ToString();
                        }
                    }
                },
                values);
            capture._entries.Enqueue(new ScopedEntry(category, logLevel, formatter(state, exception), values));
        }
    }
}

/// <summary>One log entry and its scope values.</summary>
public sealed record ScopedEntry(string Category, LogLevel Level, string Message, IReadOnlyDictionary<string, string?> Scope);
