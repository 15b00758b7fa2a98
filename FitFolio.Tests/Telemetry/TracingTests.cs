using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Http.Json;
using FitFolio.TestMail;
using FitFolio.Silo;
using FitFolio.Silo.Placement;
using FitFolio.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FitFolio.Tests.Telemetry;

/// <summary>
/// Two FitFolio processes (each a silo) on one database, watched by in-process listeners the way
/// the OpenTelemetry SDK watches them: one request is one trace across both silos, grain calls are
/// measured per silo, log lines carry the trace, and nothing secret is recorded.
/// </summary>
public sealed class TracingTests(TestDatabase database) : IClassFixture<TestDatabase>, IAsyncLifetime
{
    private readonly TestMailbox _mail = new();
    private readonly List<ApiHost> _hosts = [];
    private readonly ScopeCapture _logs = new();
    private readonly ActivityCollector _activities = new();

    public async ValueTask InitializeAsync()
    {
        await _mail.StartAsync(0);
        for (var i = 0; i < 2; i++)
        {
            // A log provider takes the scopes of one logger factory: it watches the first host only.
            _hosts.Add(await ApiHost.StartAsync(database.ConnectionString, _mail.Port, ApiFixture.GenerousLimits, i == 0 ? services => services.AddSingleton<ILoggerProvider>(_logs) : null));
        }

        var expected = _hosts.Select(h => h.Silo.Address!).OrderBy(a => a.Id, StringComparer.Ordinal).ToList();
        await Task.WhenAll(_hosts.Select(h => SiloViews.WaitForAsync(h.Silo, view => view.ActiveSilos.SequenceEqual(expected), TimeSpan.FromSeconds(30))));
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
    public async Task A_request_whose_grain_lives_on_the_other_silo_is_one_trace_across_both_silos()
    {
        var (caller, home, signedIn) = await SignInAwayFromHomeAsync("traced@example.com");
        using var client = CloneOnto(signedIn, caller);
        var requestId = "trace-" + Guid.NewGuid().ToString("N");

        var response = await client.SendAsync(HttpMethod.Get, "/api/v1/auth/me", null, r => r.Headers.Add("X-Request-ID", requestId));

        Assert.Equal(HttpStatusCode.OK, response.Status);
        var request = await _activities.RequestAsync(requestId);
        Assert.Equal(ActivityKind.Server, request.Kind);
        Assert.Equal(default, request.ParentSpanId);
        Activity? call = null;
        Activity? received = null;
        await Eventually.TrueAsync(
            () =>
            {
                var trace = _activities.InTrace(request.TraceId);
                call = trace.FirstOrDefault(a => IsCheckSession(a) && a.Kind == ActivityKind.Client);
                received = trace.FirstOrDefault(a => IsCheckSession(a) && a.Kind == ActivityKind.Server);
                return call is not null && received is not null;
            },
            TimeSpan.FromSeconds(10),
            "the forwarded CheckSession call on both silos");

        Assert.Equal(caller.Silo.Address!.Id, call!.GetTagItem("fitfolio.silo"));
        Assert.Equal(home.Silo.Address!.Id, call.GetTagItem("fitfolio.silo.target"));
        Assert.Equal(true, call.GetTagItem("fitfolio.grain.forwarded"));
        Assert.Equal("user", call.GetTagItem("fitfolio.grain.type"));
        Assert.Equal(home.Silo.Address!.Id, received!.GetTagItem("fitfolio.silo"));
        Assert.Equal(request.TraceId, received.TraceId);
        var trace = _activities.InTrace(request.TraceId);
        Assert.Contains(call, Ancestors(received, trace));
        Assert.Contains(request, Ancestors(call, trace));
    }

    [Fact]
    public async Task A_grain_call_on_the_silo_that_holds_the_grain_is_local_and_still_in_the_request_trace()
    {
        var (_, home, signedIn) = await SignInAwayFromHomeAsync("local@example.com");
        using var client = CloneOnto(signedIn, home);
        var requestId = "local-" + Guid.NewGuid().ToString("N");

        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(HttpMethod.Get, "/api/v1/auth/me", null, r => r.Headers.Add("X-Request-ID", requestId))).Status);

        var request = await _activities.RequestAsync(requestId);
        var trace = _activities.InTrace(request.TraceId);
        var call = Assert.Single(trace, IsCheckSession);
        Assert.Equal(ActivityKind.Internal, call.Kind);
        Assert.Equal(false, call.GetTagItem("fitfolio.grain.forwarded"));
        Assert.Equal(home.Silo.Address!.Id, call.GetTagItem("fitfolio.silo"));
        Assert.Contains(request, Ancestors(call, trace));
    }

    [Fact]
    public async Task Grain_calls_forwards_activations_and_requests_are_measured_on_the_silo_that_saw_them()
    {
        var measurements = new ConcurrentQueue<Measurement>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, meters) =>
            {
                if (instrument.Meter.Name is "FitFolio.Silo" or "Microsoft.AspNetCore.Hosting" or "Npgsql")
                {
                    meters.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => measurements.Enqueue(new(instrument, value, tags.ToArray())));
        listener.SetMeasurementEventCallback<int>((instrument, value, tags, _) => measurements.Enqueue(new(instrument, value, tags.ToArray())));
        listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => measurements.Enqueue(new(instrument, value, tags.ToArray())));
        listener.Start();

        var (caller, home, signedIn) = await SignInAwayFromHomeAsync("measured@example.com");
        using var client = CloneOnto(signedIn, caller);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/auth/me")).Status);
        listener.RecordObservableInstruments();

        var callerScope = caller.App.Services.GetRequiredService<IMeterFactory>();
        var homeScope = home.App.Services.GetRequiredService<IMeterFactory>();
        var seen = measurements.ToList();
        Assert.Contains(seen, m => m.Is(callerScope, "fitfolio.grain.calls") && m.Tag("fitfolio.grain.type") == "user" && m.Tag("fitfolio.grain.forwarded") == "True");
        Assert.Contains(seen, m => m.Is(callerScope, "fitfolio.grain.call.duration") && m.Tag("fitfolio.grain.method") == "CheckSession" && m.Value > 0);
        Assert.Contains(seen, m => m.Is(callerScope, "fitfolio.grain.calls.forwarded") && m.Tag("fitfolio.grain.method") == "CheckSession");
        Assert.Contains(seen, m => m.Is(homeScope, "fitfolio.grain.calls.received") && m.Tag("fitfolio.grain.method") == "CheckSession");
        Assert.Contains(seen, m => m.Is(homeScope, "fitfolio.grain.activations") && m.Value >= 1);
        Assert.Contains(seen, m => m.Is(callerScope, "http.server.request.duration") && m.Tag("http.route") == "/api/v1/auth/me");
        Assert.Contains(seen, m => m.Instrument.Meter.Name == "Npgsql");
        Assert.DoesNotContain(seen, m => m.Is(callerScope, "fitfolio.grain.call.failures"));
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
        var entry = Assert.Single(_logs.Entries, e => e.Category.EndsWith("CsrfMiddleware", StringComparison.Ordinal) && e.Scope.GetValueOrDefault("RequestId") == requestId);
        Assert.Equal(request.TraceId.ToHexString(), entry.Scope["TraceId"]);
        Assert.Equal(request.SpanId.ToHexString(), entry.Scope["SpanId"]);
        Assert.Equal(requestId, request.GetTagItem("fitfolio.request_id"));
    }

    [Fact]
    public async Task A_sign_in_is_traced_down_to_its_SQL_without_the_address_the_token_the_cookie_or_the_cluster_secret()
    {
        const string email = "private.person@example.com";
        var host = _hosts[0];
        using var client = host.Client();
        await client.PrimeAsync();
        var ids = new[] { "start-", "verify-", "me-" }.Select(p => p + Guid.NewGuid().ToString("N")).ToArray();

        await client.SendAsync(HttpMethod.Post, "/api/v1/auth/magic-link/start", JsonContent.Create(new { email }), r => r.Headers.Add("X-Request-ID", ids[0]));
        var token = SignInMail.TokenOf(await _mail.WaitForAsync(email));
        var verified = await client.SendAsync(HttpMethod.Post, "/api/v1/auth/magic-link/verify", JsonContent.Create(new { token }), r => r.Headers.Add("X-Request-ID", ids[1]));
        Assert.Equal(HttpStatusCode.OK, verified.Status);
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(HttpMethod.Get, "/api/v1/auth/me", null, r => r.Headers.Add("X-Request-ID", ids[2]))).Status);

        var traces = new List<Activity>();
        foreach (var id in ids)
        {
            traces.AddRange(_activities.InTrace((await _activities.RequestAsync(id)).TraceId));
        }

        var sql = traces.Where(a => a.Source.Name == "Npgsql").SelectMany(a => a.Tags).Select(t => t.Value ?? "").ToList();
        Assert.Contains(sql, value => value.Contains("insert into", StringComparison.OrdinalIgnoreCase));
        var secrets = new[] { email, token, client.SessionCookie!, client.SessionCookie!.Split('.')[1], TestCluster.Secret };
        var values = traces.SelectMany(a => a.TagObjects.Select(t => t.Value?.ToString() ?? "").Append(a.DisplayName)).ToList();
        foreach (var secret in secrets)
        {
            Assert.DoesNotContain(values, value => value.Contains(secret, StringComparison.OrdinalIgnoreCase));
        }
    }

    private static bool IsCheckSession(Activity activity) => activity.Source.Name == "FitFolio.Silo" && activity.DisplayName == "user/CheckSession";

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

    /// <summary>Signs in through the silo that is not the user grain's home, and says which is which.</summary>
    private async Task<(ApiHost Caller, ApiHost Home, ApiClient Client)> SignInAwayFromHomeAsync(string email)
    {
        var client = await SignInAsync(_hosts[0], email);
        var userId = (await client.GetAsync("/api/v1/auth/me")).Body.GetProperty("id").GetString()!;
        var homeAddress = RendezvousPlacement.Place(new GrainId("user", Guid.Parse(userId).ToString("N")), _hosts[0].Silo.View);
        var home = _hosts.Single(h => h.Silo.Address == homeAddress);
        return (_hosts.Single(h => h != home), home, client);
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

    private static ApiClient CloneOnto(ApiClient source, ApiHost host)
    {
        var client = host.Client();
        foreach (var (name, value) in source.Cookies)
        {
            client.Cookies[name] = value;
        }

        return client;
    }

    private sealed record Measurement(Instrument Instrument, double Value, KeyValuePair<string, object?>[] Tags)
    {
        public bool Is(IMeterFactory scope, string name) => Instrument.Meter.Scope == scope && Instrument.Name == name;

        public string? Tag(string key) => Tags.FirstOrDefault(t => t.Key == key).Value?.ToString();
    }
}
