using System.Diagnostics;
using System.Diagnostics.Metrics;
using FitFolio.Silo.Invocation;

namespace FitFolio.Silo.Diagnostics;

/// <summary>
/// The runtime's traces and metrics, both named <see cref="Name"/>. A grain call gets one activity
/// on the silo that makes it (kind Internal when the grain is here, Client when the call is
/// forwarded) and, when forwarded, one more on the home silo (kind Server) whose parent arrives in
/// a W3C <c>traceparent</c> header, so one trace spans both silos.
/// Grain keys are never recorded: user grains are keyed by user id, but rate-limit counters are
/// keyed by email addresses and IPs. Exception messages are never recorded either (they name
/// grains, keys included); a failure is its exception type in <c>error.type</c>.
/// Everything here is skipped while nobody listens (<see cref="Enabled"/>), so an unobserved call
/// costs a few flag reads and no allocation.
/// </summary>
internal sealed class SiloTelemetry : IDisposable
{
    public const string Name = "FitFolio.Silo";

    public const string GrainTypeTag = "fitfolio.grain.type";
    public const string GrainMethodTag = "fitfolio.grain.method";
    public const string ForwardedTag = "fitfolio.grain.forwarded";
    public const string SiloTag = "fitfolio.silo";
    public const string TargetSiloTag = "fitfolio.silo.target";
    public const string ErrorTypeTag = "error.type";

    /// <summary>W3C Trace Context header names (https://www.w3.org/TR/trace-context/).</summary>
    public const string TraceParentHeader = "traceparent";
    public const string TraceStateHeader = "tracestate";

    public static readonly ActivitySource Source = new(Name, typeof(SiloTelemetry).Assembly.GetName().Version?.ToString());

    // Boxed once: a TagList holds objects, and a fresh bool box per call would be an allocation.
    private static readonly object True = true;
    private static readonly object False = false;

    private readonly Meter _meter;
    private readonly bool _ownsMeter;
    private readonly Counter<long> _calls;
    private readonly Histogram<double> _duration;
    private readonly Counter<long> _failures;
    private readonly Counter<long> _forwarded;
    private readonly Counter<long> _received;

    public SiloTelemetry(IMeterFactory? meterFactory, Func<int> activeActivations)
    {
        // A meter per silo (through the host's factory) lets a process hosting several silos, such
        // as the test cluster, tell their measurements apart by the meter's scope.
        _ownsMeter = meterFactory is null;
        _meter = meterFactory?.Create(Name) ?? new Meter(Name);
        _calls = _meter.CreateCounter<long>("fitfolio.grain.calls", "{call}", "Grain calls made on this silo, local or forwarded, by outcome.");
        _duration = _meter.CreateHistogram<double>(
            "fitfolio.grain.call.duration",
            "s",
            "Time from a grain call to its result as the caller sees it (queueing, forwarding and the turn itself).",
            tags: null,
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30] });
        _failures = _meter.CreateCounter<long>("fitfolio.grain.call.failures", "{call}", "Grain calls that ended in an exception, by error.type.");
        _forwarded = _meter.CreateCounter<long>("fitfolio.grain.calls.forwarded", "{call}", "Grain calls this silo sent to another silo, the grain's home.");
        _received = _meter.CreateCounter<long>("fitfolio.grain.calls.received", "{call}", "Grain calls another silo forwarded to this one.");
        _meter.CreateObservableUpDownCounter("fitfolio.grain.activations", activeActivations, "{activation}", "Grain activations living on this silo.");
    }

    /// <summary>True when any listener wants a grain call's activity or measurements.</summary>
    public bool Enabled => Source.HasListeners() || _calls.Enabled || _duration.Enabled || _failures.Enabled || _forwarded.Enabled;

    public bool ReceivedEnabled => Source.HasListeners() || _received.Enabled;

    public static Activity? StartCall(GrainMethod method, string silo, string? target)
    {
        var activity = Source.StartActivity(method.SpanName, target is null ? ActivityKind.Internal : ActivityKind.Client);
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag(GrainTypeTag, method.Owner.Name);
            activity.SetTag(GrainMethodTag, method.Method.Name);
            activity.SetTag(SiloTag, silo);
            activity.SetTag(ForwardedTag, target is null ? False : True);
            if (target is not null)
            {
                activity.SetTag(TargetSiloTag, target);
            }
        }

        return activity;
    }

    /// <summary>
    /// The activity for a call another silo forwarded here, continuing the caller's trace from its
    /// <c>traceparent</c>. When the internal endpoint's own HTTP activity already continues that
    /// trace, it is the parent instead.
    /// </summary>
    public static Activity? StartReceived(GrainMethod method, string silo, string? traceParent, string? traceState)
    {
        if (!Source.HasListeners())
        {
            return null;
        }

        Activity? activity;
        if (ActivityContext.TryParse(traceParent, traceState, isRemote: true, out var parent)
            && Activity.Current?.TraceId != parent.TraceId)
        {
            activity = Source.StartActivity(method.SpanName, ActivityKind.Server, parent);
        }
        else
        {
            activity = Source.StartActivity(method.SpanName, ActivityKind.Server);
        }

        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag(GrainTypeTag, method.Owner.Name);
            activity.SetTag(GrainMethodTag, method.Method.Name);
            activity.SetTag(SiloTag, silo);
        }

        return activity;
    }

    public static void Failed(Activity? activity, Exception exception)
    {
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetStatus(ActivityStatusCode.Error, exception.GetType().Name);
            activity.SetTag(ErrorTypeTag, exception.GetType().FullName);
        }
    }

    public void Forwarded(GrainMethod method)
    {
        if (_forwarded.Enabled)
        {
            _forwarded.Add(1, new KeyValuePair<string, object?>(GrainTypeTag, method.Owner.Name), new KeyValuePair<string, object?>(GrainMethodTag, method.Method.Name));
        }
    }

    public void Received(GrainMethod method)
    {
        if (_received.Enabled)
        {
            _received.Add(1, new KeyValuePair<string, object?>(GrainTypeTag, method.Owner.Name), new KeyValuePair<string, object?>(GrainMethodTag, method.Method.Name));
        }
    }

    public void CallEnded(GrainMethod method, bool forwarded, long startTimestamp, Exception? exception)
    {
        var tags = new TagList
        {
            { GrainTypeTag, method.Owner.Name },
            { GrainMethodTag, method.Method.Name },
            { ForwardedTag, forwarded ? True : False },
        };
        if (exception is not null)
        {
            tags.Add(ErrorTypeTag, exception.GetType().FullName);
            _failures.Add(1, tags);
        }

        _calls.Add(1, tags);
        if (_duration.Enabled)
        {
            _duration.Record(Stopwatch.GetElapsedTime(startTimestamp).TotalSeconds, tags);
        }
    }

    public void Dispose()
    {
        if (_ownsMeter)
        {
            _meter.Dispose();
        }
    }
}
