using System.Threading.Channels;
using FitFolio.Grains.Common;
using FitFolio.Grains.Users;
using FitFolio.Silo.Readiness;
using Microsoft.Extensions.Options;

namespace FitFolio.Grains.SignIn;

/// <summary>
/// The per-account work of <c>magic-link/start</c> (find or create the account, then mail a link or
/// audit why not) and of a provider sign-in's address proof (a proof link, or the owner's confirmation),
/// queued (<see cref="SignInWork"/>) so that the 202 goes out before any of it runs: its timing is then the
/// same for a new address, a live account, a locked one and a passkey-only one.
/// </summary>
/// <remarks>
/// Bounded (<see cref="AuthOptions.SignInQueueCapacity"/>): a request that finds it full waits up
/// to <see cref="MaxWait"/> for room, then is refused (503, as while the silo is out of the cluster), so a flood can neither grow memory nor
/// queue work without end. In memory, not in PostgreSQL: a crash loses what is queued (normally the
/// few requests being worked on; at most the capacity). Those people get no mail and ask again, as
/// after any lost message; a durable queue would cost a write on every request before the answer,
/// which is the work this queue moves out of the way. A graceful stop drains it (<see cref="SignInMailWorker"/>).
/// </remarks>
public sealed class SignInMailQueue(IOptions<AuthOptions> options, ClusterReadiness cluster, DatabaseProbe database)
{
    /// <summary>How long a request waits for room before it is refused: enough to ride out a burst, short of a client's patience.</summary>
    public static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(2);

    private readonly Channel<SignInWork> _channel = Channel.CreateBounded<SignInWork>(
        new BoundedChannelOptions(options.Value.SignInQueueCapacity) { FullMode = BoundedChannelFullMode.Wait });

    private int _unfinished;

    /// <summary>Requests waiting for a worker.</summary>
    public int Count => _channel.Reader.Count;

    /// <summary>
    /// Requests answered 202 whose work has not finished yet: waiting, or taken by a worker. Zero means every sign-in
    /// answered so far has written what it will write (its link and mail, or its audit row).
    /// </summary>
    public int Unfinished => Volatile.Read(ref _unfinished);

    internal ChannelReader<SignInWork> Reader => _channel.Reader;

    /// <summary>
    /// Queues the request; false when there was no room within <see cref="MaxWait"/>, or the silo is
    /// out of the cluster (PostgreSQL out of reach, stopping): then the work would fail after the
    /// person was told it was done, so they are told to try again instead.
    /// </summary>
    public async ValueTask<bool> TryEnqueueAsync(SignInWork request, CancellationToken cancellationToken)
    {
        if (!cluster.IsActive || !database.IsReachable)
        {
            return false;
        }

        // Counted before it can be read, so a worker's Finished never runs ahead of it.
        Interlocked.Increment(ref _unfinished);
        if (_channel.Writer.TryWrite(request))
        {
            return true;
        }

        using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        wait.CancelAfter(MaxWait);
        try
        {
            await _channel.Writer.WriteAsync(request, wait.Token);
            return true;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            Finished();
            return false;
        }
        catch (ChannelClosedException)
        {
            Finished();
            return false;
        }
        catch (OperationCanceledException)
        {
            Finished();
            throw;
        }
    }

    /// <summary>A worker finished a request's work (or it was never queued).</summary>
    internal void Finished() => Interlocked.Decrement(ref _unfinished);

    /// <summary>Takes no more requests; the workers finish those already queued.</summary>
    internal void Complete() => _channel.Writer.TryComplete();
}
