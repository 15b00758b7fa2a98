using Microsoft.Extensions.Options;

namespace FitFolio.Api.Hosting;

/// <summary>
/// The first step of a graceful stop. On SIGTERM the host calls <see cref="StoppingAsync"/> before
/// it stops anything: readiness turns 503 here, the process keeps serving for
/// <see cref="ShutdownOptions.DrainDelay"/> while the proxy notices, and only then does the host
/// stop Kestrel (which finishes the requests in flight) and, after it, the silo (which hands its
/// grains off and leaves the membership table): the web server is registered last, so it stops first.
/// </summary>
public sealed partial class ShutdownDrain(IOptions<ShutdownOptions> options, ILogger<ShutdownDrain> logger) : IHostedLifecycleService
{
    private readonly TaskCompletionSource _drained = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile bool _draining;

    /// <summary>True from SIGTERM (or any host stop) on: readiness answers 503.</summary>
    public bool IsDraining => _draining;

    /// <summary>Completes when the drain delay is over and the host moves on to stopping the server.</summary>
    public Task Drained => _drained.Task;

    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        _draining = true;
        var delay = options.Value.DrainDelay;
        LogDraining(delay.TotalSeconds);
        try
        {
            await Task.Delay(delay, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // The host's shutdown timeout ran out first: stop now.
        }

        LogDrained();
        _drained.TrySetResult();
    }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(
        EventId = 1,
        Level = LogLevel.Information,
        Message = "Stopping: readiness answers 503; serving on for {Seconds} s so the load balancer takes this replica out")]
    private partial void LogDraining(double seconds);

    [LoggerMessage(
        EventId = 2, Level = LogLevel.Information, Message = "Drained: finishing requests in flight, then handing grains off and leaving the cluster")]
    private partial void LogDrained();
}
