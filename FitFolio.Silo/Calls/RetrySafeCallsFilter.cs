using System.Collections.Concurrent;
using System.Reflection;
using Microsoft.Extensions.Logging;

namespace FitFolio.Silo.Calls;

/// <summary>
/// Makes a grain call again, instead of failing the request, when its target silo is gone and
/// doing it again is safe, until the cluster has declared that silo dead and the grain answers
/// elsewhere (about 3 s; at most <see cref="Budget"/>). Two cases are safe:
/// <list type="bullet">
/// <item>the call never left this silo: Orleans could not connect to the target, so it cannot have
/// run there (any method);</item>
/// <item>the method is <see cref="SafeToRetryAttribute"/>: whether or not it ran, running it again
/// changes nothing anyone can tell apart.</item>
/// </list>
/// Any other failure of a call that may have run (the target died with the call in flight) reaches
/// the caller: Orleans calls are at most once, and so are ours.
/// </summary>
internal sealed partial class RetrySafeCallsFilter(ILogger<RetrySafeCallsFilter> logger) : IOutgoingGrainCallFilter
{
    /// <summary>The detection bound: by then the dead silo is out of membership and the call is routed elsewhere.</summary>
    internal static readonly TimeSpan Budget = TimeSpan.FromSeconds(10);

    private static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(200);

    private static readonly ConcurrentDictionary<MethodInfo, bool> Safe = new();

    public async Task Invoke(IOutgoingGrainCallContext context)
    {
        // Every grain call passes here: a call that succeeds pays for nothing but the try. The method's
        // attribute and the deadline are looked at only once a call has failed.
        long deadline = 0;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await context.Invoke();
                return;
            }
            catch (OrleansMessageRejectionException exception)
                when (MayRunAgain(context.InterfaceMethod, exception) && (deadline == 0 || Environment.TickCount64 + (long)Pause.TotalMilliseconds < deadline))
            {
                if (deadline == 0)
                {
                    deadline = Environment.TickCount64 + (long)Budget.TotalMilliseconds;
                }

                LogRetrying(context.InterfaceMethod?.DeclaringType?.Name ?? "?", context.InterfaceMethod?.Name ?? "?", attempt, exception.GetType().Name);
                await Task.Delay(Pause);
            }
        }
    }

    private static bool MayRunAgain(MethodInfo? method, OrleansMessageRejectionException exception) =>
        NeverSent(exception)
        || (exception is SiloUnavailableException
            && method is not null
            && Safe.GetOrAdd(method, m => m.IsDefined(typeof(SafeToRetryAttribute), inherit: true)));

    // Orleans rejects a message it could not send because the connection attempt failed ("Exception
    // while sending message: ...ConnectionFailedException: Unable to connect to endpoint ..."): it was
    // never written to any socket. The cause arrives as the inner exception or, in 10.4.2, in the text.
    private static bool NeverSent(Exception exception)
    {
        if (exception.Message.Contains("ConnectionFailedException", StringComparison.Ordinal))
        {
            return true;
        }

        for (var cause = exception.InnerException; cause is not null; cause = cause.InnerException)
        {
            if (cause.GetType().Name is "ConnectionFailedException" or "SocketConnectionException")
            {
                return true;
            }
        }

        return false;
    }

    [LoggerMessage(
        EventId = 5100,
        Level = LogLevel.Information,
        Message = "{Grain}.{Method}: the silo holding the grain is gone ({Reason}); calling again (attempt {Attempt})")]
    private partial void LogRetrying(string grain, string method, int attempt, string reason);
}
