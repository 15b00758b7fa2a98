using System.Collections.Concurrent;
using System.Diagnostics;
using FitFolio.Api.Telemetry;

namespace FitFolio.Tests.Telemetry;

/// <summary>
/// An in-process listener that records every activity of the sources FitFolio exports
/// (<see cref="TelemetryServiceCollectionExtensions.Sources"/>, and ASP.NET Core's requests), as the
/// OpenTelemetry SDK would see them. Test classes run in parallel in one process, so tests pick
/// their own activities out by trace id or request id.
/// </summary>
public sealed class ActivityCollector : IDisposable
{
    private readonly ActivityListener _listener;
    private readonly ConcurrentQueue<Activity> _stopped = new();

    public ActivityCollector()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Microsoft.AspNetCore" || TelemetryServiceCollectionExtensions.Sources.Contains(source.Name),
            Sample = (ref _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = _stopped.Enqueue,
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public IReadOnlyList<Activity> Stopped => [.. _stopped];

    public IReadOnlyList<Activity> InTrace(ActivityTraceId traceId) => [.. _stopped.Where(a => a.TraceId == traceId)];

    /// <summary>The ASP.NET Core request activity tagged with this request id, once it has stopped.</summary>
    public async Task<Activity> RequestAsync(string requestId)
    {
        Activity? found = null;
        await Infrastructure.Eventually.TrueAsync(
            () => (found = _stopped.FirstOrDefault(
                a => a.Source.Name == "Microsoft.AspNetCore" && (a.GetTagItem("fitfolio.request_id") as string) == requestId)) is not null,
            TimeSpan.FromSeconds(10),
            $"the request activity of {requestId}");
        return found!;
    }

    public void Dispose() => _listener.Dispose();
}
