using System.Net;
using FitFolio.Grains.Preferences;
using FitFolio.Grains.Training;
using FitFolio.Grains.Users;
using FitFolio.TestMail;
using FitFolio.Tests.Infrastructure;

namespace FitFolio.Tests.Api;

/// <summary>Three FitFolio processes (each a silo) on one database: sign-in state holds across all of them.</summary>
public sealed class SignInClusterTests(TestDatabase database) : IClassFixture<TestDatabase>, IAsyncLifetime
{
    private ApiCluster _cluster = null!;

    private List<ApiHost> Hosts => _cluster.Hosts;

    private TestMailbox Mail => _cluster.Mail;

    public async ValueTask InitializeAsync() =>
        _cluster = await ApiCluster.StartAsync(database.ConnectionString, 3, new Dictionary<string, string?>
        {
            ["RateLimits:VerifyPerIp:Limit"] = "1000",
            ["RateLimits:MagicLinkStartPerIp:Limit"] = "1000",
            ["RateLimits:GlobalPerIp:Limit"] = "100000",
            ["Auth:AdminEmails:0"] = "admin@fitfolio.example",
        });

    public ValueTask DisposeAsync() => _cluster.DisposeAsync();

    [Fact]
    public async Task A_session_created_through_one_silo_is_accepted_by_the_others_and_logout_through_one_is_honoured_by_all()
    {
        using var first = Hosts[0].Client();
        await first.PrimeAsync();
        await first.PostAsync("/api/v1/auth/magic-link/start", new { email = "roamer@example.com" });
        var token = SignInMail.TokenOf(await Mail.WaitForAsync("roamer@example.com"));
        Assert.Equal(HttpStatusCode.OK, (await first.PostAsync("/api/v1/auth/magic-link/verify", new { token })).Status);

        var clients = Hosts.Select(h => CloneOnto(first, h)).ToList();
        foreach (var client in clients)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/auth/me")).Status);
        }

        Assert.Equal(HttpStatusCode.NoContent, (await clients[1].PostAsync("/api/v1/auth/logout")).Status);
        foreach (var client in clients)
        {
            client.Cookies[first.Cookies.Keys.Single(k => k.EndsWith("ff_session", StringComparison.Ordinal))] = first.SessionCookie!;
            Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/auth/me")).Status);
        }
    }

    [Fact]
    public async Task A_persons_grains_are_activated_on_the_silo_whose_front_door_they_signed_in_and_called_through()
    {
        // What the proxy's route cookie relies on: a browser kept on one silo finds its person's grains in that process.
        // Placed by load instead, two in three would live on another silo.
        for (var i = 0; i < Hosts.Count; i++)
        {
            using var client = await SignInAsync(Hosts[i], $"placed-{i}@example.com");
            var id = (await client.GetAsync("/api/v1/auth/me")).Body.GetProperty("id").GetString()!;
            Assert.Equal(HttpStatusCode.Created, (await client.PostAsync("/api/v1/training/workouts", new { name = "Placed" })).Status);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/account/preferences")).Status);

            var key = Guid.Parse(id).ToString("N");
            Assert.Equal(Hosts[i].SiloAddress, await Hosts[i].SiloOfAsync<IUserGrain>(key));
            Assert.Equal(Hosts[i].SiloAddress, await Hosts[i].SiloOfAsync<ITrainingGrain>(key));
            Assert.Equal(Hosts[i].SiloAddress, await Hosts[i].SiloOfAsync<IPreferencesGrain>(key));
        }
    }

    [Fact]
    public async Task When_an_admin_revokes_a_users_sessions_every_silo_refuses_them_as_soon_as_the_call_returns()
    {
        using var admin = await SignInAsync(Hosts[2], "admin@fitfolio.example");
        await admin.ProveWithNewPasskeyAsync();
        var devices = new List<ApiClient>();
        for (var i = 0; i < 3; i++)
        {
            devices.Add(await SignInAsync(Hosts[i], "revoked-everywhere@example.com"));
        }

        var id = (await devices[0].GetAsync("/api/v1/auth/me")).Body.GetProperty("id").GetString();
        var everywhere = devices.SelectMany(d => Hosts.Select(h => CloneOnto(d, h))).ToList();
        foreach (var client in everywhere)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/auth/me")).Status);
        }

        var revoked = await admin.PostAsync($"/api/v1/admin/users/{id}/revoke-sessions");

        Assert.Equal(3, revoked.Body.GetProperty("revoked").GetInt32());
        foreach (var client in everywhere)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/auth/me")).Status);
        }
    }

    [Fact]
    public async Task An_admins_passkey_proof_is_stored_with_the_session_so_it_holds_after_the_grain_moves()
    {
        using var admin = await SignInAsync(Hosts[0], "admin@fitfolio.example");
        await admin.ProveWithNewPasskeyAsync();
        var id = Guid.Parse((await admin.GetAsync("/api/v1/auth/me")).Body.GetProperty("id").GetString()!);
        var homeSilo = await Hosts[0].SiloOfAsync<IUserGrain>(id.ToString("N"));
        var home = Hosts.Single(h => h.SiloAddress.Equals(homeSilo));

        await home.StopAsync();
        await _cluster.WaitUntilWholeAsync();

        foreach (var host in Hosts.Where(h => !h.Stopped))
        {
            using var elsewhere = CloneOnto(admin, host);
            Assert.Equal(HttpStatusCode.OK, (await elsewhere.GetAsync("/api/v1/admin/users")).Status);
        }
    }

    [Fact]
    public async Task The_per_address_mail_limit_holds_exactly_across_silos()
    {
        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 9; i++)
        {
            using var client = Hosts[i % 3].Client();
            answers.Add((await client.PostAsync("/api/v1/auth/magic-link/start", new { email = "spread@example.com" })).Status);
        }

        Assert.Equal(3, answers.Count(s => s == HttpStatusCode.Accepted));
        Assert.Equal(6, answers.Count(s => s == HttpStatusCode.TooManyRequests));
    }

    [Fact]
    public async Task Code_lockout_holds_across_silos_and_survives_a_restart_of_every_silo()
    {
        using var starter = Hosts[0].Client();
        await starter.PostAsync("/api/v1/auth/magic-link/start", new { email = "locked@example.com" });
        var code = SignInMail.CodeOf(await Mail.WaitForAsync("locked@example.com"));
        var wrong = code == "00000000" ? "11111111" : "00000000";
        for (var i = 0; i < 5; i++)
        {
            using var client = Hosts[i % 3].Client();
            await client.PrimeAsync();
            await client.PostAsync("/api/v1/auth/magic-link/verify", new { email = "locked@example.com", code = wrong });
        }

        foreach (var host in Hosts.ToList())
        {
            await host.StopAsync();
            Hosts.Remove(host);
            Hosts.Add(await ApiHost.StartAsync(database.ConnectionString, Mail.Port));
        }

        using var after = Hosts[2].Client();
        await after.PrimeAsync();
        var response = await after.PostAsync("/api/v1/auth/magic-link/verify", new { email = "locked@example.com", code });
        Assert.Equal(HttpStatusCode.TooManyRequests, response.Status);
    }

    private Task<ApiClient> SignInAsync(ApiHost host, string email) => _cluster.SignInAsync(host, email);

    private static ApiClient CloneOnto(ApiClient source, ApiHost host) => ApiCluster.CloneOnto(source, host);
}
