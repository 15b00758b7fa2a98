using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;

namespace FitFolio.Tests.Infrastructure;

/// <summary>
/// Counts, per request id, how often a request asked for its <c>RequestServices</c>: the first ask makes a DI scope for the
/// request (and its disposal at the end), which a hot route should not pay for. Wraps the whole pipeline, as a startup filter.
/// </summary>
public sealed class RequestServicesProbe : IStartupFilter
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource<int>> _uses = new(StringComparer.Ordinal);

    /// <summary>
    /// How often the request with this id asked for its services, once its pipeline has ended (the client may have its answer
    /// a moment before).
    /// </summary>
    public Task<int> UsesOfAsync(string requestId) => Of(requestId).Task.WaitAsync(TimeSpan.FromSeconds(10));

    private TaskCompletionSource<int> Of(string requestId) =>
        _uses.GetOrAdd(requestId, _ => new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously));

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        var scopes = app.ApplicationServices.GetRequiredService<IServiceScopeFactory>();
        app.Use(async (context, rest) =>
        {
            // The context makes its own feature lazily, on the first ask; this one is made the same way, so asking still makes the scope.
            var inner = context.Features.Get<IServiceProvidersFeature>() ?? new RequestServicesFeature(context, scopes);
            var counting = new CountingFeature(inner);
            context.Features.Set<IServiceProvidersFeature>(counting);
            await rest(context);
            Of(context.TraceIdentifier).TrySetResult(counting.Uses);
        });
        next(app);
    };

    private sealed class CountingFeature(IServiceProvidersFeature inner) : IServiceProvidersFeature
    {
        private int _uses;

        public int Uses => Volatile.Read(ref _uses);

        public IServiceProvider RequestServices
        {
            get
            {
                Interlocked.Increment(ref _uses);
                return inner.RequestServices;
            }

            set => inner.RequestServices = value;
        }
    }
}
