using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace FitFolio.Grains.SignIn;

/// <summary>
/// Works through <see cref="SignInMailQueue"/> on every silo: each <see cref="SignInWork"/> runs
/// its own work (a sign-in link, a provider sign-in's address proof). At a graceful stop the queue takes no more and what it holds
/// is finished (bounded by the host's shutdown timeout) while the silo is still in the cluster:
/// hosted services stop in reverse order, and the silo was registered first.
/// </summary>
internal sealed partial class SignInMailWorker(
    SignInMailQueue queue, IServiceProvider services, ILogger<SignInMailWorker> logger) : BackgroundService
{
    // Each request is mostly waiting on PostgreSQL (a statement, then a grain call with one
    // transaction), so the work needs many in flight: with 4 the bench's start rate halved, with 16
    // it matched answering each request in place, and 16 stays well inside the 100-connection pool.
    private const int Workers = 16;

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Enumerable.Range(0, Workers).Select(_ => Task.Run(WorkAsync, CancellationToken.None)));

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        queue.Complete();
        await base.StopAsync(cancellationToken);
    }

    private async Task WorkAsync()
    {
        // Until the queue is completed and empty, not until the stop token: a request answered 202 still gets its mail.
        await foreach (var request in queue.Reader.ReadAllAsync())
        {
            try
            {
                await request.RunAsync(services);
            }
            catch (Exception exception)
            {
                // The person was told "sent" and will ask again; the message would name the grain, so only its type is logged.
                LogFailed(exception.GetType().Name, request.Origin.RequestId);
            }
            finally
            {
                queue.Finished();
            }
        }
    }

    [LoggerMessage(
        EventId = 5000,
        EventName = "SignInMailFailed",
        Level = LogLevel.Warning,
        Message = "A queued sign-in mail (request {RequestId}) was not issued: {ErrorType}")]
    private partial void LogFailed(string errorType, string? requestId);
}
