using FitFolio.Api.Http;

namespace FitFolio.Api.Dashboard;

/// <summary>
/// Two of the dashboard's routes are not served, whoever asks (after the admin check, so anyone
/// else still gets 401/403): <c>GrainState</c> activates any grain by type and key and calls every
/// parameterless method of its interfaces whose result looks like state, which can change state
/// (a method returning <c>Task&lt;int&gt;</c> qualifies) and reads personal data outside the
/// audited admin API; <c>Trace</c> streams every log line of the silo for up to an hour, while logs
/// already leave through the JSON console and OTLP.
/// </summary>
public sealed class DashboardEndpointFilter : IEndpointFilter
{
    private static readonly string[] Refused = [ClusterDashboard.Path + "/GrainState", ClusterDashboard.Path + "/Trace"];

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var route = (context.HttpContext.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText;
        return Refused.Contains(route, StringComparer.Ordinal)
            ? Errors.NotFound(context.HttpContext, "This dashboard view is not served: it would reach grains or logs outside the admin API.")
            : await next(context);
    }
}
