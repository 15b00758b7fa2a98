using FitFolio.Api.Hosting;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace FitFolio.Api.Telemetry;

/// <summary>
/// Exports what the process already emits through System.Diagnostics (ASP.NET Core's
/// <c>Microsoft.AspNetCore</c> activities and meters; Orleans' grain-call spans from
/// <c>Microsoft.Orleans.Application</c>, its own system calls from <c>Microsoft.Orleans.Runtime</c>
/// and its <c>Microsoft.Orleans</c> meter; Npgsql's <c>Npgsql</c> source and meter) over OTLP, when
/// an endpoint is configured. Grain keys are taken off Orleans' spans before they get here
/// (FitFolio.Silo's GrainKeyRedaction): some are email addresses.
/// Without one the OpenTelemetry SDK is not registered, so no listener exists and the silo's
/// instrumentation stays on its no-allocation path.
/// </summary>
public static class TelemetryServiceCollectionExtensions
{
    /// <summary>The activity sources exported.</summary>
    public static IReadOnlyList<string> Sources { get; } = ["Microsoft.Orleans.Runtime", "Microsoft.Orleans.Application", "Npgsql"];

    /// <summary>The meters exported besides ASP.NET Core's own.</summary>
    public static IReadOnlyList<string> Meters { get; } = ["Microsoft.Orleans", "Npgsql", "System.Net.Http", "System.Runtime"];

    public static void AddFitFolioTelemetry(this WebApplicationBuilder builder)
    {
        // Every log line carries the trace and span of the work it belongs to, next to the request id.
        builder.Logging.Configure(options => options.ActivityTrackingOptions =
            ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId | ActivityTrackingOptions.ParentId);

        var options = Read(builder.Configuration);
        var standardEndpoint = builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"];
        if (options.OtlpEndpoint is null && string.IsNullOrWhiteSpace(standardEndpoint))
        {
            return;
        }

        var otel = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource
                .AddService(options.ServiceName, serviceVersion: typeof(TelemetryOptions).Assembly.GetName().Version?.ToString())
                .AddAttributes([new("deployment.environment.name", builder.Environment.EnvironmentName)]))
            .WithTracing(tracing => tracing
                .SetSampler(new ParentBasedSampler(new TraceIdRatioBasedSampler(options.TraceSampleRatio)))
                .AddSource([.. Sources])
                .AddAspNetCoreInstrumentation(aspNetCore =>
                {
                    // Probes every few seconds would outnumber real requests.
                    aspNetCore.Filter = context => !context.Request.Path.StartsWithSegments("/healthz", StringComparison.Ordinal);
                    // Query strings can carry sign-in tokens (the SPA's link route): never recorded.
                    // The request id is tagged by RequestIdMiddleware, once it has chosen one.
                    aspNetCore.EnrichWithHttpRequest = static (activity, _) => activity.SetTag("url.query", null);
                }))
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddMeter([.. Meters]));

        // Exported log records carry their trace context anyway; the scopes add the request id.
        builder.Services.Configure<OpenTelemetryLoggerOptions>(logging => logging.IncludeScopes = true);
        if (options.OtlpEndpoint is not null)
        {
            otel.UseOtlpExporter(OtlpExportProtocol.HttpProtobuf, options.OtlpEndpoint);
        }
        else
        {
            // The OTEL_EXPORTER_OTLP_* variables decide endpoint, protocol and headers.
            otel.UseOtlpExporter();
        }
    }

    private static TelemetryOptions Read(IConfiguration configuration)
    {
        var section = configuration.GetSection(TelemetryOptions.Section);
        var options = new TelemetryOptions();
        try
        {
            section.Bind(options);
        }
        catch (InvalidOperationException exception)
        {
            throw new ConfigurationException($"Telemetry: {exception.Message}", exception);
        }

        if (options.OtlpEndpoint is { } endpoint && (!endpoint.IsAbsoluteUri || endpoint.Scheme is not ("http" or "https")))
        {
            throw new ConfigurationException("Telemetry:OtlpEndpoint must be an absolute http(s) URL such as http://otel-collector:4318.");
        }

        if (options.TraceSampleRatio is < 0 or > 1 || double.IsNaN(options.TraceSampleRatio))
        {
            throw new ConfigurationException("Telemetry:TraceSampleRatio must be between 0 and 1.");
        }

        if (string.IsNullOrWhiteSpace(options.ServiceName))
        {
            throw new ConfigurationException("Telemetry:ServiceName must not be empty.");
        }

        return options;
    }
}
