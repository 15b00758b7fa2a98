using System.Diagnostics;
using System.Net;
using FitFolio.Rehearsal;
using Npgsql;

namespace FitFolio.Tests.Production;

/// <summary>
/// The production rehearsal, tested as production would be used: real processes, TLS at the proxy,
/// silos killed and restarted under load. One stack for the class; each test first waits for it to
/// be whole, so a restart left by one test cannot pass for a success in the next.
/// </summary>
[Collection(nameof(RehearsalCollection))]
public sealed class RehearsalTests(RehearsalFixture rehearsal, ITestOutputHelper output) : IClassFixture<RehearsalFixture>
{
    // 6 sessions x 3 workers x 20 + 2 writers x 20: about 400 requests a second when the machine keeps up.
    private const double ReadsPerSecond = 20;
    private const double WritesPerSecond = 20;
    private static readonly TimeSpan WholeWithin = TimeSpan.FromSeconds(10);

    private RehearsalStack Stack => rehearsal.Stack;

    [Fact]
    public async Task Signing_in_through_the_TLS_proxy_gives_host_only_secure_cookies_and_the_audit_log_the_real_client_address()
    {
        // A client may claim any address; the proxy states the real one and the silos believe only the proxy.
        using var client = await rehearsal.SignedInClientAsync("first@rehearsal.test", request => request.Headers.Add("X-Forwarded-For", "203.0.113.7"));
        var sessionCookie = Assert.Single(client.LastSetCookies, c => c.StartsWith("__Host-ff_session=", StringComparison.Ordinal));

        var me = await client.GetAsync("/api/v1/auth/me");

        Assert.Equal(HttpStatusCode.OK, me.Status);
        Assert.Equal("first@rehearsal.test", me.Body.GetProperty("email").GetString());
        Assert.Contains("secure", sessionCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", sessionCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(["127.0.0.1"], await SignInAddressesAsync("first@rehearsal.test"));
        var ready = await client.GetAsync("/healthz/ready");
        Assert.Equal(HttpStatusCode.OK, ready.Status);
    }

    [Fact]
    public async Task A_browser_is_kept_on_the_silo_it_first_reached_by_a_host_only_route_cookie_set_before_sign_in()
    {
        await WaitUntilWholeAsync(TimeSpan.FromSeconds(60));
        using (var visitor = rehearsal.Client())
        {
            await visitor.PrimeAsync();
            var set = Assert.Single(visitor.LastSetCookies, SetsRoute);
            var attributes = set.Split(';', StringSplitOptions.TrimEntries).Skip(1).Select(a => a.ToLowerInvariant()).ToList();
            // __Host-: Secure, Path=/ and no Domain, or a browser refuses it; HttpOnly: scripts have no use for it.
            Assert.Contains("path=/", attributes);
            Assert.Contains("secure", attributes);
            Assert.Contains("httponly", attributes);
            Assert.Contains("samesite=lax", attributes);
            Assert.DoesNotContain(attributes, a => a.StartsWith("domain", StringComparison.Ordinal));
        }

        var before = await RequestsPerSiloAsync();
        // The first answer (before any sign-in) names a silo; the sign-in and everything after it go there, so the
        // person's grains are placed on it.
        using var client = await rehearsal.SignedInClientAsync("routed@rehearsal.test");
        var silo = client.Cookies[HaProxyConfig.RouteCookie];
        for (var i = 0; i < 20; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/auth/me")).Status);
        }

        // The proxy sets the cookie again only when the silo changes (indirect).
        Assert.DoesNotContain(client.LastSetCookies, SetsRoute);
        var after = await RequestsPerSiloAsync();
        Assert.Contains(Stack.Silos, s => s.Name == silo);
        Assert.Equal([silo], after.Where(a => a.Value > before[a.Key]).Select(a => a.Key));
    }

    [Fact]
    public async Task A_killed_silo_loses_no_acknowledged_write_fails_almost_no_request_and_is_back_in_the_cluster_within_ten_seconds_of_its_restart()
    {
        await WaitUntilWholeAsync(TimeSpan.FromSeconds(60));
        var actors = await rehearsal.LoadActorsAsync();
        await using var load = SteadyLoad.Start(rehearsal, actors, ReadsPerSecond, WritesPerSecond);
        // A steady window of a few seconds either side of the crash: the writes in flight when the
        // silo dies are the failures a SIGKILL may cause, and they are judged against the traffic of
        // a realistic window rather than of the crash's own second.
        await load.RunForAsync(3000);

        // A silo that readers are kept on by their route cookie: the proxy must move them (option redispatch).
        var victim = Stack.Silos.Single(s => s.Name == actors.Readers[0].Cookies[HaProxyConfig.RouteCookie]);
        await victim.KillAsync();
        var sinceRestart = Stopwatch.StartNew();
        await victim.StartAsync(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);
        var started = sinceRestart.Elapsed;
        await WaitUntilWholeAsync(TimeSpan.FromSeconds(60));
        var whole = sinceRestart.Elapsed;
        await load.RunForAsync(5000);
        var result = await load.StopAsync();

        output.WriteLine($"restarted silo ready after {started.TotalSeconds:0.0} s, cluster whole after {whole.TotalSeconds:0.0} s; {result.Describe()}");
        output.WriteLine(await ProxyCountersAsync());
        Assert.True(whole <= WholeWithin, $"The cluster was whole {whole.TotalSeconds:0.0} s after the restart (limit {WholeWithin.TotalSeconds} s).");
        Assert.True(result.FailureRate < 0.001, "More than 0.1% of requests failed: " + result.Describe());
        await AssertEveryAcknowledgedWriteIsStoredAsync(result);
        await AssertTheDeadIncarnationIsDeclaredDeadAsync();
    }

    [Fact]
    public async Task A_rolling_restart_with_SIGTERM_under_load_fails_no_request_and_loses_no_acknowledged_write()
    {
        await WaitUntilWholeAsync(TimeSpan.FromSeconds(60));
        var actors = await rehearsal.LoadActorsAsync();
        await using var load = SteadyLoad.Start(rehearsal, actors, ReadsPerSecond, WritesPerSecond);
        await load.RunForAsync(600);

        foreach (var silo in Stack.Silos)
        {
            silo.SendTerminate();
            // Drain ordering: the proxy takes the silo out while it still serves, before it stops listening.
            await Stack.WaitForProxyAsync(
                status => status.Single(s => s.Name == silo.Name).Status.StartsWith("DOWN", StringComparison.Ordinal),
                Stack.DrainDelay,
                $"{silo.Name} DOWN",
                TestContext.Current.CancellationToken);
            Assert.True(silo.IsRunning, $"{silo.Name} exited before the proxy took it out.");
            await silo.WaitForExitAsync(TestContext.Current.CancellationToken);
            Assert.Equal(0, silo.ExitCode);
            await silo.StartAsync(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);
            await WaitUntilWholeAsync(TimeSpan.FromSeconds(60));
            await load.RunForAsync(200);
        }

        var result = await load.StopAsync();

        output.WriteLine(result.Describe());
        output.WriteLine(await ProxyCountersAsync());
        Assert.True(result.Failures.Count == 0, "Requests failed during the rolling restart: " + result.Describe());
        await AssertEveryAcknowledgedWriteIsStoredAsync(result);
    }

    /// <summary>
    /// Whole: every silo process answers ready on its own port, the proxy has every silo UP, and
    /// Orleans' membership (Redis) holds exactly the running silos' ports as Active: a killed
    /// incarnation still listed Active beside its restart (same port) is not whole.
    /// </summary>
    private async Task WaitUntilWholeAsync(TimeSpan timeout)
    {
        var expected = Stack.Silos.Select(s => s.SiloPort).Order().ToList();
        var deadline = DateTime.UtcNow + timeout;
        string state;
        while (true)
        {
            var ready = await Task.WhenAll(Stack.Silos.Select(s => s.IsReadyAsync(TestContext.Current.CancellationToken)));
            var proxy = await Stack.ProxyStatusAsync(TestContext.Current.CancellationToken);
            var members = await Stack.ActiveSiloPortsAsync();
            if (ready.All(r => r) && proxy.All(s => s.IsUp) && members.SequenceEqual(expected))
            {
                return;
            }

            state = $"ready [{string.Join(", ", ready)}], proxy [{string.Join(", ", proxy.Select(s => s.Name + " " + s.Status))}], active silo ports " +
                $"[{string.Join(", ", members)}] of [{string.Join(", ", expected)}]";
            Assert.True(DateTime.UtcNow < deadline, $"Not whole within {timeout.TotalSeconds} s: {state}\n{Stack.DescribeLogs()}");
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
    }

    private async Task AssertEveryAcknowledgedWriteIsStoredAsync(LoadResult result)
    {
        Assert.NotEmpty(result.Acknowledged);
        await using var connection = await rehearsal.Database.DataSource.OpenConnectionAsync(TestContext.Current.CancellationToken);
        await using var audit = new NpgsqlCommand("select request_id, event_type from login_events where request_id = any(@ids)", connection);
        audit.Parameters.AddWithValue("ids", result.Acknowledged.Select(w => w.RequestId).ToArray());
        var stored = new Dictionary<string, string>();
        await using (var reader = await audit.ExecuteReaderAsync(TestContext.Current.CancellationToken))
        {
            while (await reader.ReadAsync(TestContext.Current.CancellationToken))
            {
                stored[reader.GetString(0)] = reader.GetString(1);
            }
        }

        var lost = result.Acknowledged.Where(w => stored.GetValueOrDefault(w.RequestId) != w.EventType).ToList();
        Assert.True(lost.Count == 0, $"{lost.Count} of {result.Acknowledged.Count} acknowledged writes are not stored: {string.Join(", ", lost.Take(5))}");

        // The account's state agrees with the last write, where that write was acknowledged.
        foreach (var (target, eventType) in result.LastWriteWhenAcknowledged)
        {
            await using var state = new NpgsqlCommand("select coalesce(admin_locked_until > now(), false) from users where id = @id", connection);
            state.Parameters.AddWithValue("id", target);
            Assert.Equal(eventType == "account_locked", (bool)(await state.ExecuteScalarAsync(TestContext.Current.CancellationToken))!);
        }
    }

    private async Task AssertTheDeadIncarnationIsDeclaredDeadAsync()
    {
        // Its peers declare it after Silo:MissedProbesLimit x ProbeTimeout (3 s) and two votes; the
        // whole-cluster wait above already saw it, so this only guards against it coming back.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (true)
        {
            var live = (await Stack.MembershipAsync()).Count(row => row.Status != SiloStatus.Dead);
            if (live == Stack.Silos.Count)
            {
                return;
            }

            Assert.True(DateTime.UtcNow < deadline, $"{live} incarnations are not declared dead in membership; {Stack.Silos.Count} silos run.");
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
    }

    private async Task<List<string>> SignInAddressesAsync(string email)
    {
        await using var command = rehearsal.Database.DataSource.CreateCommand(
            "select distinct host(e.ip) from login_events e join users u on u.id = e.user_id where u.email = @email and e.event_type = 'magic_link_verified_success'");
        command.Parameters.AddWithValue("email", email);
        var addresses = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        while (await reader.ReadAsync(TestContext.Current.CancellationToken))
        {
            addresses.Add(reader.GetString(0));
        }

        return addresses;
    }

    private static bool SetsRoute(string setCookie) => setCookie.StartsWith(HaProxyConfig.RouteCookie + "=", StringComparison.Ordinal);

    private async Task<Dictionary<string, long>> RequestsPerSiloAsync() =>
        (await Stack.ProxyStatusAsync(TestContext.Current.CancellationToken)).ToDictionary(s => s.Name, s => s.Requests);

    private async Task<string> ProxyCountersAsync() =>
        "proxy: " + string.Join(", ", (await Stack.ProxyStatusAsync(TestContext.Current.CancellationToken)).Select(
            s => $"{s.Name} {s.Status} retries {s.Retries} redispatches {s.Redispatches} 5xx {s.ServerErrors}"));
}
