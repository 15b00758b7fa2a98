using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Http.Json;
using FitFolio.Grains.Users;
using FitFolio.Silo.Telemetry;
using FitFolio.TestMail;
using FitFolio.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FitFolio.Tests.Telemetry;

/// <summary>
/// Two FitFolio processes (each a silo of one Orleans cluster) on one database, watched by
/// in-process listeners the way the OpenTelemetry SDK watches them: one request is one trace from
/// the front door through the grain call to the grain on another silo and its SQL, grain traffic is
/// measured per silo, log lines carry the trace, and nothing secret is recorded.
/// </summary>
public sealed class TracingTests(TestDatabase database) : IClassFixture<TestDatabase>, IAsyncLifetime
{
    /// <summary>Where Orleans' spans of application grain calls come from (its runtime's own calls use Microsoft.Orleans.Runtime).</summary>
    private const string GrainCalls = "Microsoft.Orleans.Application";

    private readonly TestMailbox _mail = new();
    private readonly List<ApiHost> _hosts = [];
    private readonly ScopeCapture _logs = new();
    private readonly ActivityCollector _activities = new();

    public async ValueTask InitializeAsync()
    {
        await _mail.StartAsync(0);
        var settings = new Dictionary<string, string?>(ApiFixture.GenerousLimits)
        {
            ["Cluster:Id"] = "test-" + Guid.NewGuid().ToString("N"),
            // Spans are watched in-process here, with no exporter configured.
            [GrainCallTracing.Setting] = "true",
        };
        for (var i = 0; i < 2; i++)
        {
            // A log provider takes the scopes of one logger factory: it watches the first host only.
            _hosts.Add(await ApiHost.StartAsync(
                database.ConnectionString, _mail.Port, settings, i == 0 ? services => services.AddSingleton<ILoggerProvider>(_logs) : null));
        }

        var expected = _hosts.Select(h => h.SiloAddress).OrderBy(a => a.ToParsableString(), StringComparer.Ordinal).ToList();
        await Eventually.TrueAsync(() => _hosts.All(h => h.Readiness.ActiveSilos.SequenceEqual(expected)), TimeSpan.FromSeconds(30), "both silos to see both");
    }

    public async ValueTask DisposeAsync()
    {
        _activities.Dispose();
        foreach (var host in _hosts)
        {
            await host.DisposeAsync();
        }

        await _mail.DisposeAsync();
    }

    [Fact]
    public async Task A_request_whose_grain_lives_on_the_other_silo_is_one_trace_from_the_front_door_through_the_grain_to_its_SQL()
    {
        var (caller, home, signedIn, userKey) = await SignInAwayFromHomeAsync("traced@example.com");
        using var client = ApiCluster.CloneOnto(signedIn, caller);
        var requestId = "trace-" + Guid.NewGuid().ToString("N");

        var response = await client.SendAsync(HttpMethod.Post, "/api/v1/auth/logout", null, r => r.Headers.Add("X-Request-ID", requestId));

        Assert.Equal(HttpStatusCode.NoContent, response.Status);
        var request = await _activities.RequestAsync(requestId);
        Assert.Equal(ActivityKind.Server, request.Kind);
        Assert.Equal(default, request.ParentSpanId);
        var (call, received) = await CallAsync(request, "IUserGrain/Logout");
        Activity? sql = null;
        await Eventually.TrueAsync(
            () => (sql = _activities.InTrace(request.TraceId)
                .FirstOrDefault(a => a.Source.Name == "Npgsql" && Query(a).StartsWith("update sessions set revoked_at", StringComparison.Ordinal))) is not null,
            TimeSpan.FromSeconds(10),
            "the grain's session revocation statement in the request's trace");

        var trace = _activities.InTrace(request.TraceId);
        Assert.Equal(ActivityKind.Client, call.Kind);
        Assert.Equal(ActivityKind.Server, received.Kind);
        Assert.Contains(request, Ancestors(call, trace));
        // The grain's span is parented across the silo-to-silo connection by the propagated trace context.
        Assert.Equal(call.SpanId, received.ParentSpanId);
        // The grain's type, never its key (keys can be email addresses); the caller's silo, named by its hosted client.
        Assert.Equal("user", received.GetTagItem("orleans.rpc.target_id"));
        Assert.Equal(CallerOf(caller), received.GetTagItem("orleans.rpc.source_id"));
        Assert.Equal(home.SiloAddress, await caller.SiloOfAsync<IUserGrain>(userKey));
        Assert.Contains(received, Ancestors(sql!, trace));
    }

    [Fact]
    public async Task A_grain_call_on_the_silo_that_holds_the_grain_stays_there_and_is_still_in_the_request_trace()
    {
        var (_, home, signedIn, userKey) = await SignInAwayFromHomeAsync("local@example.com");
        using var client = ApiCluster.CloneOnto(signedIn, home);
        var requestId = "local-" + Guid.NewGuid().ToString("N");

        Assert.Equal(
            HttpStatusCode.OK, (await client.SendAsync(HttpMethod.Get, "/api/v1/auth/me", null, r => r.Headers.Add("X-Request-ID", requestId))).Status);

        var request = await _activities.RequestAsync(requestId);
        var (call, received) = await CallAsync(request, "IUserGrain/CheckSession");
        Assert.Equal(CallerOf(home), received.GetTagItem("orleans.rpc.source_id"));
        Assert.Equal(home.SiloAddress, await home.SiloOfAsync<IUserGrain>(userKey));
        Assert.Contains(request, Ancestors(received, _activities.InTrace(request.TraceId)));
        Assert.Equal(call.SpanId, received.ParentSpanId);
    }

    [Fact]
    public async Task Grain_traffic_activations_and_requests_are_measured_on_the_silo_that_saw_them()
    {
        var measurements = new ConcurrentQueue<Measurement>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, meters) =>
            {
                if (instrument.Meter.Name is "Microsoft.Orleans" or "Microsoft.AspNetCore.Hosting" or "Npgsql")
                {
                    meters.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => measurements.Enqueue(new(instrument, value, tags.ToArray())));
        listener.SetMeasurementEventCallback<int>((instrument, value, tags, _) => measurements.Enqueue(new(instrument, value, tags.ToArray())));
        listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => measurements.Enqueue(new(instrument, value, tags.ToArray())));
        listener.Start();

        var (caller, home, signedIn, _) = await SignInAwayFromHomeAsync("measured@example.com");
        using var client = ApiCluster.CloneOnto(signedIn, caller);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/auth/me")).Status);
        listener.RecordObservableInstruments();

        var callerScope = caller.App.Services.GetRequiredService<IMeterFactory>();
        var homeScope = home.App.Services.GetRequiredService<IMeterFactory>();
        var seen = measurements.ToList();
        var homeSilo = home.SiloAddress.ToString();
        Assert.Contains(
            seen, m => m.Is(callerScope, "orleans-messaging-sent-messages-size") && m.Tag("ConnectionDirection") == "SiloToSilo" && m.Tag("silo") == homeSilo);
        Assert.Contains(seen, m => m.Is(homeScope, "orleans-messaging-received-messages-size") && m.Tag("ConnectionDirection") == "SiloToSilo" && m.Value > 0);
        Assert.Contains(seen, m => m.Is(homeScope, "orleans-catalog-activation-created") && m.Tag("grain_type") == "user");
        Assert.Contains(seen, m => m.Is(homeScope, "orleans-catalog-activations") && m.Tag("grain_type") == "user" && m.Value >= 1);
        Assert.DoesNotContain(seen, m => m.Is(callerScope, "orleans-catalog-activations") && m.Tag("grain_type") == "user" && m.Value >= 1);
        Assert.Contains(seen, m => m.Is(callerScope, "http.server.request.duration") && m.Tag("http.route") == "/api/v1/auth/me");
        Assert.Contains(seen, m => m.Instrument.Meter.Name == "Npgsql");
        Assert.DoesNotContain(
            seen, m => m.Instrument.Name is "orleans-messaging-sent-failed" or "orleans-app-requests-timedout" or "orleans-messaging-rejected");
    }

    [Fact]
    public async Task A_log_line_carries_its_request_id_and_the_trace_and_span_of_that_request()
    {
        using var client = await SignInAsync(_hosts[0], "logged@example.com");
        client.SendCsrf = false;
        var requestId = "logged-" + Guid.NewGuid().ToString("N");

        var refused = await client.SendAsync(HttpMethod.Post, "/api/v1/auth/logout", null, r => r.Headers.Add("X-Request-ID", requestId));

        Assert.Equal(HttpStatusCode.Forbidden, refused.Status);
        var request = await _activities.RequestAsync(requestId);
        var entry = Assert.Single(
            _logs.Entries, e => e.Category.EndsWith("CsrfMiddleware", StringComparison.Ordinal) && e.Scope.GetValueOrDefault("RequestId") == requestId);
        Assert.Equal(request.TraceId.ToHexString(), entry.Scope["TraceId"]);
        Assert.Equal(request.SpanId.ToHexString(), entry.Scope["SpanId"]);
        Assert.Equal(requestId, request.GetTagItem("fitfolio.request_id"));
    }

    [Fact]
    public async Task A_sign_in_is_traced_through_its_grain_calls_down_to_its_SQL_without_the_address_the_token_the_cookie_or_a_key()
    {
        const string email = "private.person@example.com";
        var host = _hosts[0];
        using var client = host.Client();
        await client.PrimeAsync();
        var ids = new[] { "start-", "verify-", "me-" }.Select(p => p + Guid.NewGuid().ToString("N")).ToArray();

        await client.SendAsync(HttpMethod.Post, "/api/v1/auth/magic-link/start", JsonContent.Create(new { email }), r => r.Headers.Add("X-Request-ID", ids[0]));
        var token = SignInMail.TokenOf(await _mail.WaitForAsync(email));
        var verified = await client.SendAsync(
            HttpMethod.Post, "/api/v1/auth/magic-link/verify", JsonContent.Create(new { token }), r => r.Headers.Add("X-Request-ID", ids[1]));
        Assert.Equal(HttpStatusCode.OK, verified.Status);
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(HttpMethod.Get, "/api/v1/auth/me", null, r => r.Headers.Add("X-Request-ID", ids[2]))).Status);

        var traces = new List<Activity>();
        foreach (var id in ids)
        {
            traces.AddRange(_activities.InTrace((await _activities.RequestAsync(id)).TraceId));
        }

        Assert.Contains(traces, a => a.Source.Name == GrainCalls && a.DisplayName.StartsWith("IRateLimitGrain/", StringComparison.Ordinal));
        Assert.Contains(traces, a => a.Source.Name == GrainCalls && a.DisplayName == "IUserGrain/SignInWithLink");
        Assert.Contains(traces, a => a.Source.Name == "Npgsql" && Query(a).Contains("insert into", StringComparison.OrdinalIgnoreCase));
        var secrets = new[] { email, token, client.SessionCookie!, client.SessionCookie!.Split('.')[1], ApiHost.ClusterSecret, ApiHost.SessionCookieKey };
        var values = traces.SelectMany(a => a.TagObjects.Select(t => t.Value?.ToString() ?? "").Append(a.DisplayName)).ToList();
        foreach (var secret in secrets)
        {
            Assert.DoesNotContain(values, value => value.Contains(secret, StringComparison.OrdinalIgnoreCase));
        }
    }

    /// <summary>The caller's and the grain's span of one grain call in the request's trace.</summary>
    private async Task<(Activity Call, Activity Received)> CallAsync(Activity request, string name)
    {
        Activity? call = null;
        Activity? received = null;
        await Eventually.TrueAsync(
            () =>
            {
                var trace = _activities.InTrace(request.TraceId);
                call = trace.FirstOrDefault(a => a.Source.Name == GrainCalls && a.DisplayName == name && a.Kind == ActivityKind.Client);
                received = trace.FirstOrDefault(a => a.Source.Name == GrainCalls && a.DisplayName == name && a.Kind == ActivityKind.Server);
                return call is not null && received is not null;
            },
            TimeSpan.FromSeconds(10),
            $"the {name} call's spans on both ends");
        return (call!, received!);
    }

    /// <summary>How Orleans names a call from a front door: the hosted client of that host's silo.</summary>
    private static string CallerOf(ApiHost host) => "sys.client/hosted-" + host.SiloAddress.ToParsableString();

    private static string Query(Activity activity) => activity.GetTagItem("db.query.text") as string ?? "";

    private static List<Activity> Ancestors(Activity activity, IReadOnlyList<Activity> trace)
    {
        var ancestors = new List<Activity>();
        var parent = activity.ParentSpanId;
        while (trace.FirstOrDefault(a => a.SpanId == parent) is { } next)
        {
            ancestors.Add(next);
            parent = next.ParentSpanId;
        }

        return ancestors;
    }

    /// <summary>Signs in on the first host, then says which host holds the user's grain (home), which does not (caller), and the grain's key.</summary>
    private async Task<(ApiHost Caller, ApiHost Home, ApiClient Client, string UserKey)> SignInAwayFromHomeAsync(string email)
    {
        var client = await SignInAsync(_hosts[0], email);
        var userKey = Guid.Parse((await client.GetAsync("/api/v1/auth/me")).Body.GetProperty("id").GetString()!).ToString("N");
        var homeAddress = await _hosts[0].SiloOfAsync<IUserGrain>(userKey);
        var home = _hosts.Single(h => h.SiloAddress.Equals(homeAddress));
        return (_hosts.Single(h => h != home), home, client, userKey);
    }

    private async Task<ApiClient> SignInAsync(ApiHost host, string email)
    {
        var client = host.Client();
        await client.PrimeAsync();
        var before = _mail.Messages.Count(m => m.EnvelopeRecipients.Contains(email));
        await client.PostAsync("/api/v1/auth/magic-link/start", new { email });
        var token = SignInMail.TokenOf(await _mail.WaitForAsync(email, before + 1));
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync("/api/v1/auth/magic-link/verify", new { token })).Status);
        return client;
    }

    private sealed record Measurement(Instrument Instrument, double Value, KeyValuePair<string, object?>[] Tags)
    {
        public bool Is(IMeterFactory scope, string name) => Instrument.Meter.Scope == scope && Instrument.Name == name;

        public string? Tag(string key) => Tags.FirstOrDefault(t => t.Key == key).Value?.ToString();
    }
}
