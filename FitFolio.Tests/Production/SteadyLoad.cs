using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text;
using FitFolio.Tests.Infrastructure;

namespace FitFolio.Tests.Production;

/// <summary>
/// A paced load through the proxy while a test restarts or kills silos: every reader (three workers per session) asks
/// <c>GET /api/v1/auth/me</c>, every writer alternately locks and unlocks its own account as the
/// admin, each at a fixed rate (a worker that was held up does not burst to catch up). Every request
/// is recorded; a write counts as acknowledged only when it answered 204, and carries its own
/// request id, which the audit row of that write holds.
/// </summary>
public sealed class SteadyLoad : IAsyncDisposable
{
    private readonly HttpClient _http;
    private readonly string _origin;
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentQueue<RequestOutcome> _outcomes = new();
    private readonly ConcurrentQueue<AcknowledgedWrite> _acknowledged = new();
    private readonly ConcurrentDictionary<Guid, string> _lastAttempt = new();
    private readonly List<Task> _workers = [];
    private readonly string _run = Guid.NewGuid().ToString("N")[..8];
    private int _completed;

    private SteadyLoad(HttpMessageHandler handler, Uri address, string origin)
    {
        _http = new HttpClient(handler) { BaseAddress = address, Timeout = TimeSpan.FromSeconds(60) };
        _origin = origin;
    }

    public const int TabsPerReader = 3;

    public int Completed => Volatile.Read(ref _completed);

    /// <summary>Starts the workers: readers at <paramref name="readsPerSecond"/> each, writers at <paramref name="writesPerSecond"/> each.</summary>
    public static SteadyLoad Start(RehearsalFixture rehearsal, LoadActors actors, double readsPerSecond, double writesPerSecond)
    {
        var load = new SteadyLoad(rehearsal.Stack.CreateHttpHandler(), rehearsal.Stack.PublicOrigin, rehearsal.Origin);
        foreach (var reader in actors.Readers)
        {
            // A person has the app open in several tabs: more readers than sessions, each paced on its own.
            for (var tab = 0; tab < TabsPerReader; tab++)
            {
                load._workers.Add(Task.Run(() => load.ReadLoopAsync(CookieHeader(reader), readsPerSecond)));
            }
        }

        var csrf = actors.Admin.Cookies.First(c => c.Key.EndsWith("ff_csrf", StringComparison.Ordinal)).Value;
        foreach (var target in actors.Targets)
        {
            load._workers.Add(Task.Run(() => load.WriteLoopAsync(CookieHeader(actors.Admin), csrf, target, writesPerSecond)));
        }

        return load;
    }

    /// <summary>Waits (without a fixed sleep) until <paramref name="more"/> further requests have completed.</summary>
    public async Task RunForAsync(int more)
    {
        var target = Completed + more;
        while (Completed < target)
        {
            Assert.False(_workers.Any(w => w.IsFaulted), "A load worker crashed.");
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }
    }

    /// <summary>Stops issuing requests, lets those in flight finish, and returns everything recorded.</summary>
    public async Task<LoadResult> StopAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_workers);
        var settled = _lastAttempt.Where(a => _acknowledged.Any(w => w.RequestId == a.Value))
            .ToDictionary(a => a.Key, a => _acknowledged.First(w => w.RequestId == a.Value).EventType);
        return new LoadResult([.. _outcomes], [.. _acknowledged], settled);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_stop.IsCancellationRequested)
        {
            await StopAsync();
        }

        _http.Dispose();
        _stop.Dispose();
    }

    private async Task ReadLoopAsync(string cookies, double perSecond)
    {
        await PacedAsync(perSecond, async () =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/auth/me");
            request.Headers.Add("Cookie", cookies);
            await SendAsync(request, HttpStatusCode.OK);
        });
    }

    private async Task WriteLoopAsync(string cookies, string csrf, Guid target, double perSecond)
    {
        var sequence = 0;
        await PacedAsync(perSecond, async () =>
        {
            var locking = sequence++ % 2 == 0;
            var requestId = $"rehearsal-{_run}-{target:N}-{sequence}";
            using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/admin/users/{target}/{(locking ? "lock" : "unlock")}");
            request.Headers.Add("Cookie", cookies);
            request.Headers.Add("Origin", _origin);
            request.Headers.Add("X-CSRF-Token", csrf);
            request.Headers.Add("X-Request-ID", requestId);
            if (locking)
            {
                request.Content = new StringContent("""{"minutes":60}""", Encoding.UTF8, "application/json");
            }

            _lastAttempt[target] = requestId;
            if (await SendAsync(request, HttpStatusCode.NoContent))
            {
                _acknowledged.Enqueue(new AcknowledgedWrite(requestId, target, locking ? "account_locked" : "account_unlocked"));
            }
        });
    }

    private async Task PacedAsync(double perSecond, Func<Task> send)
    {
        var interval = TimeSpan.FromSeconds(1 / perSecond);
        var clock = Stopwatch.StartNew();
        var next = TimeSpan.Zero;
        while (!_stop.IsCancellationRequested)
        {
            var wait = next - clock.Elapsed;
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, _stop.Token).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                if (_stop.IsCancellationRequested)
                {
                    return;
                }
            }

            await send();
            next = TimeSpan.FromTicks(Math.Max((next + interval).Ticks, clock.Elapsed.Ticks));
        }
    }

    private async Task<bool> SendAsync(HttpRequestMessage request, HttpStatusCode expected)
    {
        var started = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        RequestOutcome outcome;
        try
        {
            // Never cancelled by the test: a request in flight when the load stops still counts.
            using var response = await _http.SendAsync(request, CancellationToken.None);
            var body = response.StatusCode == expected ? "" : await response.Content.ReadAsStringAsync(CancellationToken.None);
            outcome = new RequestOutcome(started, clock.Elapsed, request.Method.Method, request.RequestUri!.ToString(), (int)response.StatusCode,
                response.StatusCode == expected ? null : body, response.Headers.TryGetValues("X-Request-ID", out var ids) ? ids.First() : null);
        }
        catch (HttpRequestException exception)
        {
            outcome = new RequestOutcome(
                started,
                clock.Elapsed,
                request.Method.Method,
                request.RequestUri!.ToString(),
                0,
                exception.Message + " " + exception.InnerException?.Message,
                null);
        }
        catch (TaskCanceledException exception)
        {
            outcome = new RequestOutcome(
                started, clock.Elapsed, request.Method.Method, request.RequestUri!.ToString(), 0, "timed out: " + exception.Message, null);
        }

        _outcomes.Enqueue(outcome);
        Interlocked.Increment(ref _completed);
        return outcome.Status == (int)expected;
    }

    private static string CookieHeader(ApiClient client) => string.Join("; ", client.Cookies.Select(c => $"{c.Key}={c.Value}"));
}

/// <summary>One request of the load: when, what, and how it ended (status 0: no HTTP response at all).</summary>
public sealed record RequestOutcome(DateTimeOffset At, TimeSpan Duration, string Method, string Path, int Status, string? Error, string? RequestId)
{
    public bool Failed => Error is not null;

    public override string ToString() =>
        $"{At:HH:mm:ss.fff} {Method} {Path} -> {Status} after {Duration.TotalMilliseconds:0} ms{(RequestId is null ? "" : " [" + RequestId + "]")}: {Error}";
}

/// <summary>A write the server acknowledged (204); its audit row carries <paramref name="RequestId"/>.</summary>
public sealed record AcknowledgedWrite(string RequestId, Guid Target, string EventType);

/// <summary>
/// What a load run saw; <paramref name="LastWriteWhenAcknowledged"/> maps each account whose last write was acknowledged to that write's event type.
/// </summary>
public sealed record LoadResult(
    IReadOnlyList<RequestOutcome> Outcomes, IReadOnlyList<AcknowledgedWrite> Acknowledged, IReadOnlyDictionary<Guid, string> LastWriteWhenAcknowledged)
{
    public IReadOnlyList<RequestOutcome> Failures => [.. Outcomes.Where(o => o.Failed)];

    public double FailureRate => Outcomes.Count == 0 ? 1 : (double)Failures.Count / Outcomes.Count;

    public string Describe()
    {
        var span = Outcomes.Count == 0 ? TimeSpan.Zero : Outcomes.Max(o => o.At) - Outcomes.Min(o => o.At);
        var slowest = Outcomes.Count == 0 ? TimeSpan.Zero : Outcomes.Max(o => o.Duration);
        return $"{Outcomes.Count} requests in {span.TotalSeconds:0.0} s ({Outcomes.Count / Math.Max(span.TotalSeconds, 0.001):0} req/s; " +
            $"{Acknowledged.Count} acknowledged writes), "
            + $"{Failures.Count} failed ({FailureRate:P3}), slowest {slowest.TotalMilliseconds:0} ms"
            + string.Concat(Failures.Take(10).Select(f => "\n  " + f));
    }
}
