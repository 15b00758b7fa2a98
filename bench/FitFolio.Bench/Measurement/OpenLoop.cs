using System.Collections.Concurrent;
using System.Diagnostics;

namespace FitFolio.Bench.Measurement;

/// <summary>
/// Open-loop load: request <c>i</c> is due at <c>start + i / rate</c> whatever happened to the earlier ones, and its
/// latency runs from that due time, not from when it was sent. A server (or this client) falling behind so shows as
/// latency, where a closed loop would send fewer requests and hide the queue (coordinated omission).
/// </summary>
internal static class OpenLoop
{
    /// <summary>
    /// Sends <paramref name="ratePerSecond"/> requests a second for <paramref name="duration"/>; <paramref name="next"/> names
    /// request <c>i</c>'s operation and starts it (it throws when the answer is not the expected one). Returns once every
    /// request has answered or was lost.
    /// </summary>
    public static async Task<OpenLoopResult> RunAsync(int ratePerSecond, TimeSpan duration, Func<int, (string Operation, Func<Task> Send)> next)
    {
        var total = (int)(ratePerSecond * duration.TotalSeconds);
        var samples = new ConcurrentDictionary<string, ConcurrentBag<TimeSpan>>();
        var failures = new ConcurrentDictionary<string, int>();
        var lost = new ConcurrentDictionary<string, int>();
        var firstError = (string?)null;
        var inFlight = new List<Task>(total);
        var start = Stopwatch.GetTimestamp();
        long Due(int i) => start + (long)(i * (double)Stopwatch.Frequency / ratePerSecond);

        async Task RunOne(string operation, Func<Task> send, long due)
        {
            await Task.Yield();
            try
            {
                await send();
                samples.GetOrAdd(operation, _ => []).Add(Stopwatch.GetElapsedTime(due));
            }
            catch (HttpRequestException exception) when (Unanswered.Is(exception))
            {
                // Lost: the connection closed with no answer (after the caller's own re-send). In an open loop such a request is
                // infinitely late, so it counts in the percentiles (more than 1 % lost turns p99 into "never") and in the notes.
                samples.GetOrAdd(operation, _ => []).Add(TimeSpan.MaxValue);
                lost.AddOrUpdate(operation, 1, (_, n) => n + 1);
            }
            catch (Exception exception)
            {
                failures.AddOrUpdate(operation, 1, (_, n) => n + 1);
                Interlocked.CompareExchange(ref firstError, $"{operation}: {exception.Message} {exception.InnerException?.Message}", null);
            }
        }

        var i = 0;
        var lateStarts = 0;
        while (i < total)
        {
            var now = Stopwatch.GetTimestamp();
            while (i < total && Due(i) <= now)
            {
                // More than 10 ms behind its due time when sent: the client, not the server, was late (counted in the latency all the same).
                if (now - Due(i) > Stopwatch.Frequency / 100)
                {
                    lateStarts++;
                }

                var (operation, send) = next(i);
                inFlight.Add(RunOne(operation, send, Due(i)));
                i++;
            }

            if (i < total)
            {
                var wait = TimeSpan.FromSeconds((Due(i) - Stopwatch.GetTimestamp()) / (double)Stopwatch.Frequency);
                await Task.Delay(wait > TimeSpan.FromMilliseconds(1) ? wait : TimeSpan.FromMilliseconds(1));
            }
        }

        await Task.WhenAll(inFlight);
        var elapsed = Stopwatch.GetElapsedTime(start);
        return new OpenLoopResult(
            samples.ToDictionary(s => s.Key, s => (IReadOnlyList<TimeSpan>)[.. s.Value.Order()]),
            failures.ToDictionary(f => f.Key, f => f.Value),
            lost.ToDictionary(f => f.Key, f => f.Value),
            firstError,
            total,
            lateStarts,
            elapsed);
    }
}
