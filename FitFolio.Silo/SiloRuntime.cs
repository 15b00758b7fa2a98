using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Text.Json;
using FitFolio.Silo.Catalog;
using FitFolio.Silo.Diagnostics;
using FitFolio.Silo.Invocation;
using FitFolio.Silo.Membership;
using FitFolio.Silo.Messaging;
using FitFolio.Silo.Placement;

namespace FitFolio.Silo;

/// <summary>
/// The heart of a silo: turns a grain call into either a turn on a local activation or a
/// forwarded call to the grain's home silo, under the call timeout.
/// </summary>
internal sealed class SiloRuntime : IGrainFactory
{
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(1);

    public SiloRuntime(IServiceProvider services, SiloOptions options, GrainTypeRegistry registry, SiloLog log, JsonSerializerOptions jsonOptions, IMeterFactory? meterFactory = null)
    {
        Services = services;
        Options = options;
        Registry = registry;
        Log = log;
        JsonOptions = jsonOptions;
        Catalog = new ActivationCatalog(this);
        Telemetry = new SiloTelemetry(meterFactory, () => Catalog.Count);
    }

    public IServiceProvider Services { get; }

    public SiloOptions Options { get; }

    public GrainTypeRegistry Registry { get; }

    public SiloLog Log { get; }

    public JsonSerializerOptions JsonOptions { get; }

    public ActivationCatalog Catalog { get; }

    public SiloTelemetry Telemetry { get; }

    /// <summary>Set once the silo has joined; until then every grain is placed here.</summary>
    public MembershipService? Membership { get; set; }

    public ForwardingClient? Forwarder { get; set; }

    public bool IsStopping { get; set; }

    /// <summary>Set when the silo was killed (test cluster): every call fails at once.</summary>
    public bool IsDead { get; set; }

    public string SiloName => Membership?.Self?.Id ?? "(not joined)";

    public TGrainInterface GetGrain<TGrainInterface>(string key) where TGrainInterface : IGrainWithStringKey
    {
        ArgumentNullException.ThrowIfNull(key);
        var grainInterface = Registry.Get(typeof(TGrainInterface));
        return (TGrainInterface)Registry.CreateProxy(typeof(TGrainInterface), new GrainReference(this, new GrainId(grainInterface.Name, key), grainInterface));
    }

    public Task<TResult> InvokeAsync<TResult>(GrainId grainId, GrainMethod<TResult> method, object?[] arguments)
    {
        if (IsDead)
        {
            return Task.FromException<TResult>(new GrainCallException($"Silo {SiloName} is dead."));
        }

        if (Telemetry.Enabled)
        {
            return InvokeObservedAsync(grainId, method, arguments);
        }

        var home = PlaceOrNull(grainId);
        var task = home is null
            ? Catalog.GetOrCreate(method.Owner, grainId).Call(method, arguments, forwarded: false)
            : InvokeRemoteAsync(home, grainId, method, arguments);
        return task.IsCompleted ? task : WithTimeout(task, grainId, method);
    }

    /// <summary>The same call with its activity and measurements, taken only while someone listens.</summary>
    private async Task<TResult> InvokeObservedAsync<TResult>(GrainId grainId, GrainMethod<TResult> method, object?[] arguments)
    {
        var home = PlaceOrNull(grainId);
        var forwarded = home is not null;
        var started = Stopwatch.GetTimestamp();
        using var activity = SiloTelemetry.StartCall(method, SiloName, home?.Id);
        if (forwarded)
        {
            Telemetry.Forwarded(method);
        }

        try
        {
            var task = home is null
                ? Catalog.GetOrCreate(method.Owner, grainId).Call(method, arguments, forwarded: false)
                : InvokeRemoteAsync(home, grainId, method, arguments);
            var result = await (task.IsCompleted ? task : WithTimeout(task, grainId, method));
            Telemetry.CallEnded(method, forwarded, started, exception: null);
            return result;
        }
        catch (Exception exception)
        {
            SiloTelemetry.Failed(activity, exception);
            Telemetry.CallEnded(method, forwarded, started, exception);
            throw;
        }
    }

    /// <summary>
    /// Runs a call here whatever placement says: it was forwarded to this silo, or rerouted after a
    /// forwarded call's activation died. Except while this silo stops: a new activation here would
    /// outlive the hand-off, so the call goes to the grain's next home instead.
    /// </summary>
    public Task<TResult> InvokeLocalAsync<TResult>(GrainId grainId, GrainMethod<TResult> method, object?[] arguments)
    {
        if (IsDead)
        {
            return Task.FromException<TResult>(new GrainCallException($"Silo {SiloName} is dead."));
        }

        if (IsStopping)
        {
            return InvokeAsync(grainId, method, arguments);
        }

        var task = Catalog.GetOrCreate(method.Owner, grainId).Call(method, arguments, forwarded: true);
        return task.IsCompleted ? task : WithTimeout(task, grainId, method);
    }

    /// <summary>Deactivates every activation whose home is now another silo.</summary>
    public void OnMembershipChanged(MembershipSnapshot view)
    {
        foreach (var activation in Catalog.All)
        {
            if (PlaceOrNull(activation.GrainId, view) is not null)
            {
                activation.RequestDeactivation(DeactivationReason.PlacementChanged);
            }
        }
    }

    /// <summary>The home silo when it is another silo; null when the grain belongs here (or no other silo is left while this one stops).</summary>
    private SiloAddress? PlaceOrNull(GrainId grainId, MembershipSnapshot? view = null)
    {
        var membership = Membership;
        if (membership?.Self is not { } self)
        {
            return null;
        }

        // A stopping silo places nothing on itself, even before its own view has caught up with its leaving.
        var home = RendezvousPlacement.Place(grainId, view ?? membership.Current, IsStopping ? self : null);
        return home is null || home == self ? null : home;
    }

    private async Task<TResult> InvokeRemoteAsync<TResult>(SiloAddress home, GrainId grainId, GrainMethod<TResult> method, object?[] arguments)
    {
        var deadline = Environment.TickCount64 + (long)Options.CallTimeout.TotalMilliseconds;
        var delay = TimeSpan.FromMilliseconds(50);
        while (true)
        {
            try
            {
                return await Forwarder!.SendAsync(home, grainId, method, arguments, CancellationToken.None);
            }
            catch (SiloUnavailableException) when (Environment.TickCount64 + delay.TotalMilliseconds < deadline)
            {
                // The home silo is gone or leaving: wait for membership to say where the grain lives now.
                Log.ForwardRetry(home.Id, grainId);
                Membership?.RequestRefresh();
                await Task.Delay(delay);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, MaxRetryDelay.Ticks));
            }
            catch (SiloUnavailableException exception)
            {
                throw new GrainCallException($"No silo could take the call to {grainId}.{method.Id}: {exception.Message}", exception);
            }

            var next = PlaceOrNull(grainId);
            if (next is null)
            {
                return await Catalog.GetOrCreate(method.Owner, grainId).Call(method, arguments, forwarded: false);
            }

            home = next;
        }
    }

    private async Task<TResult> WithTimeout<TResult>(Task<TResult> task, GrainId grainId, GrainMethod method)
    {
        try
        {
            return await task.WaitAsync(Options.CallTimeout);
        }
        catch (TimeoutException) when (!task.IsCompleted)
        {
            throw new GrainCallTimeoutException($"Call to {grainId}.{method.Id} timed out after {Options.CallTimeout.TotalSeconds:0.###} s.");
        }
    }
}
