using FitFolio.Api.Auth;
using FitFolio.Api.Hosting;
using Orleans.Dashboard;

namespace FitFolio.Api.Dashboard;

/// <summary>
/// The Orleans Dashboard (Microsoft.Orleans.Dashboard): every silo runs its collectors, and each front
/// door serves its page and data at <see cref="Path"/> to admins only, behind the very check of the
/// admin API (<see cref="AdminEndpointFilter"/>: a session, an admin's, whose latest proof is a
/// passkey; API keys never). Under <c>/api</c>, so it also gets what every API route gets: no SPA
/// fallback, <c>Cache-Control: no-store</c>, the JSON error body, the global rate limit, API keys refused.
/// </summary>
public static class ClusterDashboard
{
    public const string Path = "/api/v1/admin/orleans";

    /// <summary>The package's profiler filter, taken out when the profiler is off (the package has no switch for "never").</summary>
    private const string ProfilerFilter = "Orleans.Dashboard.Implementation.GrainProfilerFilter";

    /// <summary>Adds the dashboard's silo side as <c>Orleans:Dashboard</c> says; the options are registered either way.</summary>
    public static ISiloBuilder AddFitFolioDashboard(this ISiloBuilder silo, IConfiguration configuration)
    {
        var options = Read(configuration);
        silo.Services.AddSingleton(options);
        if (!options.Enabled)
        {
            return silo;
        }

        // The live log stream is not served (DashboardEndpointFilter): logs already leave through the JSON console and OTLP.
        silo.AddDashboard(dashboard => dashboard.HideTrace = true);
        silo.Services.Configure<GrainProfilerOptions>(profiler =>
        {
            profiler.TraceAlways = options.Profiler == DashboardProfiler.Always;
            profiler.DeactivationTime = options.ProfilerIdleTimeout;
        });
        if (options.Profiler == DashboardProfiler.Off)
        {
            // Left installed, the filter would start timing every call the moment an admin opened the page.
            var filter = silo.Services.Single(d => d.ServiceType == typeof(IIncomingGrainCallFilter) && d.ImplementationType?.FullName == ProfilerFilter);
            silo.Services.Remove(filter);
        }

        return silo;
    }

    /// <summary>Serves the dashboard to admins, when it is enabled; otherwise its path is an unknown API route (404).</summary>
    public static void MapClusterDashboard(this WebApplication app)
    {
        if (!app.Services.GetRequiredService<ClusterDashboardOptions>().Enabled)
        {
            return;
        }

        app.MapOrleansDashboard(Path)
            .AddEndpointFilter<AdminEndpointFilter>()
            .AddEndpointFilter<DashboardEndpointFilter>()
            .ExcludeFromDescription();
    }

    public static ClusterDashboardOptions Read(IConfiguration configuration)
    {
        var options = new ClusterDashboardOptions();
        try
        {
            configuration.GetSection(ClusterDashboardOptions.Section).Bind(options);
        }
        catch (InvalidOperationException exception)
        {
            var profilers = string.Join(", ", Enum.GetNames<DashboardProfiler>());
            throw new ConfigurationException($"{ClusterDashboardOptions.Section}: {exception.Message} Profiler is one of {profilers}.", exception);
        }

        if (options.ProfilerIdleTimeout < TimeSpan.FromMinutes(1))
        {
            throw new ConfigurationException(
                $"{ClusterDashboardOptions.Section}:ProfilerIdleTimeout must be at least 1 minute (the dashboard checks it once a minute).");
        }

        return options;
    }
}
