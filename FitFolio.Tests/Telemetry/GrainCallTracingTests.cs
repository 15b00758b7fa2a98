using System.Diagnostics;
using System.Net;
using FitFolio.Silo.Calls;
using FitFolio.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace FitFolio.Tests.Telemetry;

/// <summary>
/// Where no traces are exported, grain calls pay nothing for tracing: the silo installs no tracing filter (Orleans
/// sends a call through its filter pipeline whenever any filter is installed, listener or not), so a signed-in
/// request makes its grain call with no span of its own. The retry of calls to a departed silo stays. With tracing
/// on, the calls are traced (<see cref="TracingTests"/>, <see cref="SignedInRequestCostTests"/>).
/// </summary>
public sealed class GrainCallTracingTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    [Fact]
    public void Without_an_exporter_the_only_grain_call_filter_is_the_retry_of_safe_calls()
    {
        var services = api.Host.App.Services;

        Assert.Empty(services.GetServices<IIncomingGrainCallFilter>());
        Assert.IsType<RetrySafeCallsFilter>(Assert.Single(services.GetServices<IOutgoingGrainCallFilter>()));
    }

    [Fact]
    public async Task Without_an_exporter_a_signed_in_request_is_traced_but_its_grain_call_makes_no_span()
    {
        using var activities = new ActivityCollector();
        using var client = await api.SignedInClientAsync("untraced-call@example.com");
        var requestId = "untraced-" + Guid.NewGuid().ToString("N");

        var response = await client.SendAsync(HttpMethod.Get, "/api/v1/auth/me", null, r => r.Headers.Add("X-Request-ID", requestId));

        Assert.Equal(HttpStatusCode.OK, response.Status);
        var request = await activities.RequestAsync(requestId);
        Assert.DoesNotContain(activities.InTrace(request.TraceId), a => a.Source.Name.StartsWith("Microsoft.Orleans.", StringComparison.Ordinal));
        Assert.Equal(ActivityKind.Server, request.Kind);
    }
}
