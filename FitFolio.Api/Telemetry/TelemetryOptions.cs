namespace FitFolio.Api.Telemetry;

/// <summary>Configuration section <c>Telemetry</c>: where traces, metrics and logs are exported.</summary>
public sealed class TelemetryOptions
{
    public const string Section = "Telemetry";

    /// <summary>
    /// Base URL of an OTLP/HTTP receiver (an OpenTelemetry Collector, say <c>http://otel-collector:4318</c>);
    /// <c>/v1/traces</c>, <c>/v1/metrics</c> and <c>/v1/logs</c> are appended. Default: none, and then
    /// the standard <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> (with its <c>OTEL_EXPORTER_OTLP_PROTOCOL</c>)
    /// is used if set; with neither, nothing is exported and no listener is attached at all.
    /// </summary>
    public Uri? OtlpEndpoint { get; set; }

    /// <summary>The <c>service.name</c> resource attribute. Default <c>fitfolio</c>.</summary>
    public string ServiceName { get; set; } = "fitfolio";

    /// <summary>
    /// Share of new traces recorded, 0 to 1. Default 1: FitFolio's request rate is modest and a
    /// missing trace is worse than storage. A caller's sampling decision (an incoming <c>traceparent</c>) is followed.
    /// </summary>
    public double TraceSampleRatio { get; set; } = 1.0;

    /// <summary>
    /// Whether grain calls are traced (a span per call, front door to grain). Default: when traces are exported
    /// (an endpoint above or <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>); otherwise no tracing filter is installed in the silo,
    /// since Orleans' filter pipeline costs on every call even with nobody listening (FitFolio.Silo's GrainCallTracing).
    /// </summary>
    public bool? GrainCallSpans { get; set; }
}
