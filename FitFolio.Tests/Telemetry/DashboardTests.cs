using System.Net;
using System.Text.Json;
using FitFolio.Api.Dashboard;
using FitFolio.Api.Hosting;
using FitFolio.Tests.Api;
using FitFolio.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace FitFolio.Tests.Telemetry;

/// <summary>
/// The Orleans Dashboard at /api/v1/admin/orleans/ over real HTTP on a two-silo cluster: admins only
/// (the admin API's own check), the app's headers, the two views that are not served, and the
/// per-call profiler off unless configured on.
/// </summary>
public sealed class DashboardTests(DashboardCluster fixture) : IClassFixture<DashboardCluster>
{
    private const string Page = ClusterDashboard.Path + "/";
    private const string Counters = ClusterDashboard.Path + "/DashboardCounters";
    private const string TopMethods = ClusterDashboard.Path + "/TopGrainMethods";

    private ApiCluster Cluster => fixture.Cluster;

    [Theory]
    [InlineData(Page)]
    [InlineData(ClusterDashboard.Path)]
    [InlineData(Counters)]
    [InlineData(ClusterDashboard.Path + "/index.min.js")]
    [InlineData(ClusterDashboard.Path + "/GrainState?grainId=x&grainType=y")]
    public async Task Nobody_but_an_admin_confirmed_with_a_passkey_gets_past_the_admin_check(string path)
    {
        using var anonymous = Cluster.Hosts[0].Client();
        await anonymous.PrimeAsync();
        using var member = await Cluster.SignInAsync(Cluster.Hosts[0], "dashboard-member@example.com");
        using var unproven = await Cluster.SignInAsync(Cluster.Hosts[1], DashboardCluster.AdminEmail);

        var refusedAnonymous = await anonymous.GetAsync(path);
        var refusedMember = await member.GetAsync(path);
        var refusedUnproven = await unproven.GetAsync(path);

        Assert.Equal((HttpStatusCode.Unauthorized, "unauthenticated"), (refusedAnonymous.Status, refusedAnonymous.ErrorCode));
        Assert.Equal((HttpStatusCode.Forbidden, "forbidden"), (refusedMember.Status, refusedMember.ErrorCode));
        Assert.Equal((HttpStatusCode.Forbidden, "admin_passkey_required"), (refusedUnproven.Status, refusedUnproven.ErrorCode));
        Assert.All([refusedAnonymous, refusedMember, refusedUnproven], r => Assert.Equal("no-store", r.Headers["Cache-Control"]));
    }

    [Fact]
    public async Task An_admins_own_API_key_does_not_open_it()
    {
        using var admin = await ProvenAdminAsync(Cluster.Hosts[0]);
        var created = await admin.PostAsync("/api/v1/account/api-keys", new { name = "ops script", scopes = new[] { "read" } });
        Assert.True(created.Status == HttpStatusCode.Created, created.Text);
        using var script = Cluster.Hosts[0].Client();
        script.Bearer = created.Body.GetProperty("secret").GetString();

        var refused = await script.GetAsync(Counters);

        Assert.Equal((HttpStatusCode.Forbidden, "api_key_not_allowed"), (refused.Status, refused.ErrorCode));
    }

    [Fact]
    public async Task An_admin_gets_the_page_under_the_apps_own_policy_and_its_data_for_both_silos()
    {
        using var admin = await ProvenAdminAsync(Cluster.Hosts[1]);
        using var anonymous = Cluster.Hosts[1].Client();

        var page = await admin.GetAsync(Page);
        var script = await admin.GetAsync(ClusterDashboard.Path + "/index.min.js");
        var counters = await admin.GetAsync(Counters);

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.StartsWith("text/html", page.Headers["Content-Type"], StringComparison.Ordinal);
        Assert.Contains("<title>Orleans Dashboard</title>", page.Text, StringComparison.Ordinal);
        // The page runs one same-origin module script and no inline one: the app's policy fits as it is.
        Assert.Contains("<script type=\"module\" crossorigin src=\"./index.min.js\"></script>", page.Text, StringComparison.Ordinal);
        Assert.Equal((await anonymous.GetAsync("/healthz/live")).Headers["Content-Security-Policy"], page.Headers["Content-Security-Policy"]);
        Assert.Equal("DENY", page.Headers["X-Frame-Options"]);
        Assert.Equal(HttpStatusCode.OK, script.Status);
        Assert.StartsWith("text/javascript", script.Headers["Content-Type"], StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, counters.Status);
        var silos = counters.Body.GetProperty("hosts").EnumerateArray().Select(h => h.GetProperty("siloAddress").GetString()).Order(StringComparer.Ordinal);
        Assert.Equal(Cluster.Hosts.Select(h => h.SiloAddress.ToParsableString()).Order(StringComparer.Ordinal), silos);
        Assert.Equal(2, counters.Body.GetProperty("totalActiveHostCount").GetInt32());
    }

    [Fact]
    public async Task The_no_trailing_slash_address_redirects_an_admin_to_the_page()
    {
        using var admin = await ProvenAdminAsync(Cluster.Hosts[0]);

        var redirect = await admin.GetAsync(ClusterDashboard.Path);

        Assert.Equal(HttpStatusCode.MovedPermanently, redirect.Status);
        Assert.Equal(Page, redirect.Headers["Location"]);
    }

    [Theory]
    [InlineData("/GrainState?grainId=0&grainType=FitFolio.Grains.Users.UserGrain")]
    [InlineData("/Trace")]
    public async Task Views_that_reach_grain_state_or_the_log_stream_are_not_served_even_to_an_admin(string view)
    {
        using var admin = await ProvenAdminAsync(Cluster.Hosts[0]);

        var refused = await admin.GetAsync(ClusterDashboard.Path + view);

        Assert.Equal((HttpStatusCode.NotFound, "not_found"), (refused.Status, refused.ErrorCode));
    }

    [Fact]
    public async Task By_default_the_profiler_times_no_grain_call_even_while_an_admin_watches()
    {
        using var admin = await ProvenAdminAsync(Cluster.Hosts[0]);

        await WatchWhileCallingAsync(Cluster, admin, "unprofiled@example.com");
        // The profiler reports once a second; give it three.
        await Task.Delay(TimeSpan.FromSeconds(3), TestContext.Current.CancellationToken);

        Assert.Empty(await ProfiledMethodsAsync(admin));
        Assert.All(Cluster.Hosts, host => Assert.DoesNotContain(
            host.App.Services.GetServices<IIncomingGrainCallFilter>(), f => f.GetType().FullName == "Orleans.Dashboard.Implementation.GrainProfilerFilter"));
        Assert.All(
            Cluster.Hosts, host => Assert.Equal("on, per-call profiler Off", host.App.Services.GetRequiredService<ClusterDashboardOptions>().Describe()));
    }

    [Fact]
    public async Task Configured_to_profile_while_viewed_an_admin_watching_turns_it_on_in_both_silos()
    {
        await using var other = await OtherCluster.StartAsync(fixture, "Orleans:Dashboard:Profiler", "WhileViewed", silos: 2);
        var cluster = other.Cluster;
        using var admin = await ProvenAdminAsync(cluster.Hosts[0], cluster);

        var methods = new List<string>();
        await Eventually.TrueAsync(
            async () =>
            {
                await WatchWhileCallingAsync(cluster, admin, "profiled@example.com");
                methods = await ProfiledMethodsAsync(admin);
                return methods.Contains("UserGrain.CheckSession");
            },
            TimeSpan.FromSeconds(30),
            "the user grain's session checks among the dashboard's most called methods");
        // The package's own profiler in each silo says it is on: the page's poll reached both.
        Assert.All(cluster.Hosts, host => Assert.True(ProfilerIsOn(host)));
    }

    [Theory]
    [InlineData("Orleans:Dashboard:Profiler", "Sometimes")]
    [InlineData("Orleans:Dashboard:ProfilerIdleTimeout", "00:00:10")]
    [InlineData("Orleans:Dashboard:Enabled", "maybe")]
    public async Task A_bad_dashboard_setting_stops_the_process_at_start_with_the_key_named(string key, string value)
    {
        var settings = new Dictionary<string, string?>(DashboardCluster.Settings) { [key] = value };

        var refused = await Assert.ThrowsAsync<ConfigurationException>(() => ApiHost.StartAsync(fixture.Database.ConnectionString, 25, settings));

        Assert.Contains(ClusterDashboardOptions.Section, refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Turned_off_the_path_is_an_unknown_route_even_for_an_admin()
    {
        await using var other = await OtherCluster.StartAsync(fixture, "Orleans:Dashboard:Enabled", "false", silos: 1);
        var cluster = other.Cluster;
        using var admin = await ProvenAdminAsync(cluster.Hosts[0], cluster);

        var missing = await admin.GetAsync(Counters);

        Assert.Equal((HttpStatusCode.NotFound, "not_found"), (missing.Status, missing.ErrorCode));
        Assert.DoesNotContain(cluster.Hosts[0].App.Services.GetServices<IHostedService>(), s => s.GetType().FullName == "Orleans.Dashboard.DashboardHost");
    }

    /// <summary>Polls the dashboard as its page does while a signed-in person's requests go to both silos.</summary>
    private static async Task WatchWhileCallingAsync(ApiCluster cluster, ApiClient admin, string email)
    {
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync(Counters)).Status);
        using var person = await cluster.SignInAsync(cluster.Hosts[0], email);
        foreach (var host in cluster.Hosts)
        {
            using var client = ApiCluster.CloneOnto(person, host);
            for (var i = 0; i < 10; i++)
            {
                Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/auth/me")).Status);
            }
        }

        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync(Counters)).Status);
    }

    /// <summary>"Grain.Method" of every method in the dashboard's most-called list.</summary>
    private static async Task<List<string>> ProfiledMethodsAsync(ApiClient admin)
    {
        var top = await admin.GetAsync(TopMethods);
        Assert.Equal(HttpStatusCode.OK, top.Status);
        return [.. top.Body.GetProperty("calls").EnumerateArray().Select(Name)];

        static string Name(JsonElement method) =>
            method.GetProperty("grain").GetString()!.Split('.')[^1] + "." + method.GetProperty("method").GetString();
    }

    /// <summary>The package's profiler (an internal type) in this silo, asked whether it is on.</summary>
    private static bool ProfilerIsOn(ApiHost host)
    {
        var type = typeof(Orleans.Dashboard.GrainProfilerOptions).Assembly.GetType("Orleans.Dashboard.Metrics.IGrainProfiler", throwOnError: true)!;
        var profiler = host.App.Services.GetRequiredService(type);
        return (bool)type.GetProperty("IsEnabled")!.GetValue(profiler)!;
    }

    private Task<ApiClient> ProvenAdminAsync(ApiHost host) => ProvenAdminAsync(host, Cluster);

    private static async Task<ApiClient> ProvenAdminAsync(ApiHost host, ApiCluster cluster)
    {
        var admin = await cluster.SignInAsync(host, DashboardCluster.AdminEmail);
        await admin.ProveWithNewPasskeyAsync();
        return admin;
    }

    /// <summary>
    /// A cluster with one dashboard setting changed, on a database of its own: two clusters on one
    /// database would share its outbox (one's sender mails the other's links to its own mailbox) and its grain storage rows.
    /// </summary>
    private sealed class OtherCluster(TestDatabase database, ApiCluster cluster) : IAsyncDisposable
    {
        public ApiCluster Cluster => cluster;

        public static async Task<OtherCluster> StartAsync(DashboardCluster fixture, string key, string value, int silos)
        {
            var database = await fixture.NewDatabaseAsync();
            try
            {
                var settings = new Dictionary<string, string?>(DashboardCluster.Settings) { [key] = value };
                return new OtherCluster(database, await ApiCluster.StartAsync(database.ConnectionString, silos, settings));
            }
            catch
            {
                await database.DisposeAsync();
                throw;
            }
        }

        public async ValueTask DisposeAsync()
        {
            await cluster.DisposeAsync();
            await database.DisposeAsync();
        }
    }
}
