using System.Net;
using System.Net.Sockets;
using FitFolio.Api.Hosting;
using FitFolio.Silo.Readiness;
using FitFolio.TestMail;
using FitFolio.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace FitFolio.Tests.Api;

/// <summary>
/// What SIGTERM does (the host's stop, as Docker or the rehearsal sends it): readiness turns 503 at
/// once while the process keeps serving for the drain delay, then requests in flight finish, and
/// only then does the silo hand its grains off and leave the membership table.
/// </summary>
public sealed class GracefulShutdownTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    [Fact]
    public async Task A_stopping_process_answers_not_ready_at_once_yet_serves_signed_in_requests_until_the_drain_delay_ends()
    {
        await using var mail = new TestMailbox();
        await mail.StartAsync(0, TestContext.Current.CancellationToken);
        await using var host = await ApiHost.StartAsync(database.ConnectionString, mail.Port, Settings("00:00:05"));
        using var client = await SignInAsync(host, mail, "drain@fitfolio.example");
        var drain = host.App.Services.GetRequiredService<ShutdownDrain>();
        var silo = host.SiloAddress;

        var stopping = host.StopAsync();
        await Eventually.TrueAsync(() => drain.IsDraining, TimeSpan.FromSeconds(10), "the drain to begin");
        var ready = await client.GetAsync("/healthz/ready");
        var me = await client.GetAsync("/api/v1/auth/me");
        var stillDraining = !drain.Drained.IsCompleted;
        await stopping;

        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.Status);
        Assert.Equal("draining", ready.Body.GetProperty("checks").GetProperty("shutdown").GetString());
        Assert.Equal(HttpStatusCode.OK, me.Status);
        Assert.True(stillDraining, "The drain delay ended before the requests made during it were answered.");
        Assert.Equal("Dead", await RedisMembership.StatusOfAsync(host.ClusterId, silo));
    }

    [Fact]
    public async Task A_request_in_flight_when_the_drain_ends_finishes_on_a_silo_still_in_the_cluster_before_the_silo_leaves()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var held = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        bool? siloReadyWhenResumed = null;
        await using var mail = new TestMailbox();
        await mail.StartAsync(0, TestContext.Current.CancellationToken);
        await using var host = await ApiHost.StartAsync(database.ConnectionString, mail.Port, Settings("00:00:00.200"), services =>
            services.AddSingleton<IStartupFilter>(new HoldingFilter(gate.Task, held, silo => siloReadyWhenResumed = silo.IsActive)));
        using var client = await SignInAsync(host, mail, "inflight@fitfolio.example");
        var drain = host.App.Services.GetRequiredService<ShutdownDrain>();
        var silo = host.SiloAddress;

        var request = client.SendAsync(HttpMethod.Get, "/api/v1/auth/me", null, r => r.Headers.Add(HoldingFilter.Header, "1"));
        await held.Task.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        var stopping = host.StopAsync();
        await drain.Drained.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        await Eventually.TrueAsync(() => !Accepts(host.Address), TimeSpan.FromSeconds(10), "the server to stop accepting connections");
        gate.SetResult();
        var response = await request;
        await stopping;

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.True(siloReadyWhenResumed, "The silo had already begun to leave while a request was still in flight.");
        Assert.Equal("Dead", await RedisMembership.StatusOfAsync(host.ClusterId, silo));
    }

    private static Dictionary<string, string?> Settings(string drainDelay) => new(ApiFixture.GenerousLimits) { ["Shutdown:DrainDelay"] = drainDelay };

    private static async Task<ApiClient> SignInAsync(ApiHost host, TestMailbox mail, string email)
    {
        var client = host.Client();
        await client.PrimeAsync();
        Assert.Equal(HttpStatusCode.Accepted, (await client.PostAsync("/api/v1/auth/magic-link/start", new { email })).Status);
        var message = await mail.WaitForAsync(email);
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync("/api/v1/auth/magic-link/verify", new { token = SignInMail.TokenOf(message) })).Status);
        return client;
    }

    private static bool Accepts(Uri address)
    {
        try
        {
            using var socket = new TcpClient();
            socket.Connect(address.Host, address.Port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <summary>Holds requests that carry <see cref="Header"/> at the front of the pipeline until the test opens the gate.</summary>
    private sealed class HoldingFilter(Task gate, TaskCompletionSource held, Action<ClusterReadiness> onResume) : IStartupFilter
    {
        public const string Header = "X-Test-Hold";

        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(async (HttpContext context, RequestDelegate following) =>
            {
                if (context.Request.Headers.ContainsKey(Header))
                {
                    held.TrySetResult();
                    await gate;
                    onResume(context.RequestServices.GetRequiredService<ClusterReadiness>());
                }

                await following(context);
            });
            next(app);
        };
    }
}
