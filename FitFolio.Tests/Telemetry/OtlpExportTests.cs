using System.Net;
using FitFolio.TestMail;
using FitFolio.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace FitFolio.Tests.Telemetry;

/// <summary>With <c>Telemetry:OtlpEndpoint</c> set, spans and metrics reach an OTLP/HTTP receiver; without it, no SDK listens.</summary>
public sealed class OtlpExportTests(TestDatabase database) : IClassFixture<TestDatabase>, IAsyncLifetime
{
    private readonly TestMailbox _mail = new();
    private OtlpReceiver _receiver = null!;

    public async ValueTask InitializeAsync()
    {
        await _mail.StartAsync(0);
        _receiver = await OtlpReceiver.StartAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _receiver.DisposeAsync();
        await _mail.DisposeAsync();
    }

    [Fact]
    public async Task Spans_and_metrics_of_a_request_arrive_at_the_configured_OTLP_endpoint()
    {
        var settings = new Dictionary<string, string?>(ApiFixture.GenerousLimits)
        {
            ["Telemetry:OtlpEndpoint"] = _receiver.Address.ToString(),
            ["Telemetry:ServiceName"] = "fitfolio-export-test",
        };
        await using var host = await ApiHost.StartAsync(database.ConnectionString, _mail.Port, settings);
        using var client = host.Client();
        await client.PrimeAsync();
        await client.PostAsync("/api/v1/auth/magic-link/start", new { email = "exported@example.com" });
        var token = SignInMail.TokenOf(await _mail.WaitForAsync("exported@example.com"));
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync("/api/v1/auth/magic-link/verify", new { token })).Status);
        var requestId = "export-" + Guid.NewGuid().ToString("N");

        var me = await client.SendAsync(HttpMethod.Get, "/api/v1/auth/me?probe=secret-query-value", null, r => r.Headers.Add("X-Request-ID", requestId));

        Assert.Equal(HttpStatusCode.OK, me.Status);
        await Eventually.TrueAsync(
            () =>
            {
                host.App.Services.GetRequiredService<TracerProvider>().ForceFlush(5000);
                return _receiver.Spans.Any(s => s.Attributes.GetValueOrDefault("fitfolio.request_id") == requestId);
            },
            TimeSpan.FromSeconds(20),
            "the request's span at the receiver");
        Assert.True(host.App.Services.GetRequiredService<MeterProvider>().ForceFlush(5000));

        Assert.Empty(_receiver.Refused);
        var request = _receiver.Spans.Single(s => s.Attributes.GetValueOrDefault("fitfolio.request_id") == requestId);
        Assert.Equal("fitfolio-export-test", request.Resource["service.name"]);
        Assert.Equal(2, request.Kind);
        Assert.Equal("/api/v1/auth/me", request.Attributes["url.path"]);
        Assert.DoesNotContain(_receiver.Spans, s => s.Attributes.Values.Any(v => v.Contains("secret-query-value", StringComparison.Ordinal)));
        // The session check: the front door's call (client) and the grain's turn (server), under the request.
        var call = Assert.Single(_receiver.Spans, s => s.TraceId == request.TraceId && s.Name == "IUserGrain/CheckSession" && s.Kind == 3);
        var received = Assert.Single(_receiver.Spans, s => s.TraceId == request.TraceId && s.Name == "IUserGrain/CheckSession" && s.Kind == 2);
        Assert.Equal("Microsoft.Orleans.Application", call.Scope);
        Assert.Equal(request.SpanId, call.ParentSpanId);
        Assert.Equal(call.SpanId, received.ParentSpanId);
        Assert.Equal("user", received.Attributes["orleans.rpc.target_id"]);
        Assert.Equal("sys.client/hosted-" + host.SiloAddress.ToParsableString(), received.Attributes["orleans.rpc.source_id"]);

        var metrics = _receiver.Metrics.Where(m => m.Resource.GetValueOrDefault("service.name") == "fitfolio-export-test")
            .Select(m => (m.Scope, m.Name))
            .ToHashSet();
        Assert.Contains(("Microsoft.Orleans", "orleans-catalog-activation-created"), metrics);
        Assert.Contains(("Microsoft.Orleans", "orleans-catalog-activations"), metrics);
        Assert.Contains(("Microsoft.Orleans", "orleans-messaging-processing-dispatcher-received"), metrics);
        Assert.Contains(("Microsoft.AspNetCore.Hosting", "http.server.request.duration"), metrics);
        Assert.Contains(metrics, m => m.Scope == "Npgsql");
    }

    [Fact]
    public async Task Without_an_endpoint_no_telemetry_SDK_is_registered()
    {
        await using var host = await ApiHost.StartAsync(database.ConnectionString, _mail.Port, ApiFixture.GenerousLimits);

        Assert.Null(host.App.Services.GetService<TracerProvider>());
        Assert.Null(host.App.Services.GetService<MeterProvider>());
    }

    [Fact]
    public async Task A_malformed_endpoint_stops_the_process_at_start_with_the_key_named()
    {
        var settings = new Dictionary<string, string?>(ApiFixture.GenerousLimits) { ["Telemetry:OtlpEndpoint"] = "collector:4318" };

        var refused = await Assert.ThrowsAsync<FitFolio.Api.Hosting.ConfigurationException>(
            () => ApiHost.StartAsync(database.ConnectionString, _mail.Port, settings));

        Assert.Contains("Telemetry:OtlpEndpoint", refused.Message, StringComparison.Ordinal);
    }
}
