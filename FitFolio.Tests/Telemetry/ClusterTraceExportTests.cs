using System.Net;
using System.Text.RegularExpressions;
using FitFolio.Tests.Infrastructure;

namespace FitFolio.Tests.Telemetry;

/// <summary>
/// Two FitFolio.Api processes (two silos of one cluster, as replicas run), each exporting through
/// its own OpenTelemetry SDK as production configures it (<c>Telemetry__OtlpEndpoint</c>) to one
/// OTLP/HTTP receiver: a request whose grain lives on the other silo arrives as one trace, its spans
/// sent by both processes, and no span, event or resource carries an email address, though some
/// grains are keyed by one.
/// </summary>
public sealed partial class ClusterTraceExportTests(TestDatabase database) : IClassFixture<TestDatabase>, IAsyncLifetime
{
    private OtlpReceiver _receiver = null!;
    private ApiProcessCluster _cluster = null!;

    public async ValueTask InitializeAsync()
    {
        _receiver = await OtlpReceiver.StartAsync();
        _cluster = await ApiProcessCluster.StartAsync(database.ConnectionString, 2, new Dictionary<string, string>
        {
            ["Telemetry__OtlpEndpoint"] = _receiver.Address.ToString(),
            ["Telemetry__ServiceName"] = "fitfolio-cluster-export-test",
        });
    }

    public async ValueTask DisposeAsync()
    {
        await _cluster.DisposeAsync();
        await _receiver.DisposeAsync();
    }

    [Fact]
    public async Task A_request_to_one_process_is_one_exported_trace_through_the_grain_in_the_other_and_no_span_carries_an_email_address()
    {
        const string email = "Exported.Person@Example.com";
        var processes = _cluster.Processes;
        using var client = processes[0].Client();
        await client.PrimeAsync();
        // Signed in by the emailed code: the email-code grain is keyed by the address.
        Assert.Equal(HttpStatusCode.Accepted, (await client.PostAsync("/api/v1/auth/magic-link/start", new { email })).Status);
        var code = SignInMail.CodeOf(await _cluster.Mail.WaitForAsync(email.ToLowerInvariant()));
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync("/api/v1/auth/magic-link/verify", new { email, code })).Status);

        // The person's user grain lives in one of the two processes, so exactly one of these requests crosses to the other.
        var requestIds = new List<string>();
        foreach (var process in processes)
        {
            using var browser = ApiCluster.CloneOnto(client, process.Client());
            var requestId = "cluster-export-" + Guid.NewGuid().ToString("N");
            requestIds.Add(requestId);
            var me = await browser.SendAsync(HttpMethod.Get, "/api/v1/auth/me", null, r => r.Headers.Add("X-Request-ID", requestId));
            Assert.Equal(HttpStatusCode.OK, me.Status);
        }

        var traces = new List<List<OtlpSpan>>();
        await Eventually.TrueAsync(
            () =>
            {
                // Each process's SDK exports in batches, every 5 s by default.
                traces = [.. requestIds.Select(Trace)];
                return traces.All(t => t.Any(s => s.Name == "IUserGrain/CheckSession" && s.Kind == 2));
            },
            TimeSpan.FromSeconds(30),
            "both requests' traces with the grain's side of the session check");

        Assert.Empty(_receiver.Refused);
        foreach (var trace in traces)
        {
            // One trace: one root (the front door's request), every other span's parent in it.
            var request = Assert.Single(trace, s => s.ParentSpanId.Length == 0);
            Assert.Equal("Microsoft.AspNetCore", request.Scope);
            Assert.All(trace.Where(s => s != request), s => Assert.Contains(trace, parent => parent.SpanId == s.ParentSpanId));
            var call = Assert.Single(trace, s => s.Name == "IUserGrain/CheckSession" && s.Kind == 3);
            Assert.Equal(call.SpanId, Assert.Single(trace, s => s.Name == "IUserGrain/CheckSession" && s.Kind == 2).ParentSpanId);
            Assert.Equal(Instance(request), Instance(call));
        }

        // The grain ran in one process; the request to the other crossed to it, and that process's SDK sent the grain's span.
        var crossed = Assert.Single(traces, t => Instance(t.Single(s => s.ParentSpanId.Length == 0)) != Instance(Received(t)));
        var local = Assert.Single(traces, t => t != crossed);
        Assert.Equal(Instance(Received(local)), Instance(Received(crossed)));
        Assert.Equal("Microsoft.Orleans.Application", Received(crossed).Scope);
        Assert.Equal("user", Received(crossed).Attributes["orleans.rpc.target_id"]);

        // The sign-in called the grain keyed by the address, and its span names only the grain type.
        Assert.Contains(_receiver.Spans, s => s.Attributes.GetValueOrDefault("orleans.rpc.target_id") == "email-code");
        var texts = _receiver.Spans.SelectMany(s => s.Attributes.Values
            .Concat(s.Events.SelectMany(e => e.Values))
            .Concat(s.Resource.Values)
            .Append(s.Name)).ToList();
        Assert.NotEmpty(texts);
        Assert.DoesNotContain(texts, text => EmailAddress().IsMatch(text));
    }

    /// <summary>Every span of the trace whose front-door request carried <paramref name="requestId"/>.</summary>
    private List<OtlpSpan> Trace(string requestId)
    {
        var spans = _receiver.Spans;
        return spans.FirstOrDefault(s => s.Attributes.GetValueOrDefault("fitfolio.request_id") == requestId) is { } request
            ? [.. spans.Where(s => s.TraceId == request.TraceId)]
            : [];
    }

    private static OtlpSpan Received(List<OtlpSpan> trace) => trace.Single(s => s.Name == "IUserGrain/CheckSession" && s.Kind == 2);

    /// <summary>Which process sent the span: the SDK gives each a random <c>service.instance.id</c>.</summary>
    private static string Instance(OtlpSpan span) => span.Resource["service.instance.id"];

    [GeneratedRegex(@"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")]
    private static partial Regex EmailAddress();
}
