using Microsoft.Extensions.Configuration;

namespace FitFolio.Silo.Telemetry;

/// <summary>
/// Whether the silo makes a span of every grain call (Orleans' activity propagation, with <see cref="GrainKeyRedaction"/>
/// taking the keys off): <c>Telemetry:GrainCallSpans</c> when set, otherwise whenever traces are exported
/// (<c>Telemetry:OtlpEndpoint</c> or <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>, as FitFolio.Api's telemetry decides).
/// Off, none of those filters is installed: a grain call filter costs on every call even when nobody listens, because
/// Orleans then sends the call through its filter pipeline and each filter adds its own frames (a local call allocated
/// 1,642 B with them and 1,291 B without, bench/README.md).
/// </summary>
public static class GrainCallTracing
{
    public const string Setting = "Telemetry:GrainCallSpans";

    public static bool IsOn(IConfiguration configuration) =>
        configuration.GetValue<bool?>(Setting)
        ?? (!string.IsNullOrWhiteSpace(configuration["Telemetry:OtlpEndpoint"]) || !string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]));
}
