using System.Collections.Concurrent;
using System.Reflection;
using Microsoft.Extensions.Logging;

namespace FitFolio.Silo.Calls;

/// <summary>
/// Makes a <see cref="SafeToRetryAttribute"/> call again when its target silo is gone, until the
/// cluster has declared that silo dead and the grain answers elsewhere (about 3 s; at most
/// <see cref="Budget"/>). A SIGKILLed silo then costs signed-in people a slower request, not a 503:
/// the old runtime's forwarder retried connection failures the same way.
/// </summary>
internal sealed partial class RetrySafeCallsFilter(ILogger<RetrySafeCallsFilter> logger) : IOutgoingGrainCallFilter
{
    /// <summary>The detection bound: by then the dead silo is out of membership and the call is routed elsewhere.</summary>
    internal static readonly TimeSpan Budget = TimeSpan.FromSeconds(10);

    private static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(200);

    private static readonly ConcurrentDictionary<MethodInfo, bool> Safe = new();

    public async Task Invoke(IOutgoingGrainCallContext context)
    {
        if (context.InterfaceMethod is not { } method || !Safe.GetOrAdd(method, m => m.IsDefined(typeof(SafeToRetryAttribute), inherit: true)))
        {
            await context.Invoke();
            return;
        }

        var deadline = Environment.TickCount64 + (long)Budget.TotalMilliseconds;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await context.Invoke();
                return;
            }
            catch (SiloUnavailableException) when (Environment.TickCount64 + Pause.TotalMilliseconds < deadline)
            {
                LogRetrying(method.DeclaringType?.Name ?? "?", method.Name, attempt);
                await Task.Delay(Pause);
            }
        }
    }

    [LoggerMessage(EventId = 5100, Level = LogLevel.Information, Message = "{Grain}.{Method}: the silo holding the grain is gone; calling again (attempt {Attempt})")]
    private partial void LogRetrying(string grain, string method, int attempt);
}
