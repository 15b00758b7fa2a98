using System.Diagnostics;
using FitFolio.Grains.Mail;
using FitFolio.TestMail;

namespace FitFolio.Tests.Mail;

[CollectionDefinition(nameof(ThreadPoolMeasurement), DisableParallelization = true)]
public sealed class ThreadPoolMeasurement;

/// <summary>
/// Why the sender needs no threads of its own any more: System.Net.Mail's SmtpClient blocks thread-pool
/// threads for the whole exchange, so it ran on dedicated threads. Measured on two cores, ten concurrent
/// sends to a relay that answers DATA after 2 s: SendMailAsync took 7.0 s and grew the pool from 3 to 8
/// threads (a work item once waited 0.9 s); MailKit's SendAsync took 2.1 s with the pool at 3 to 4 threads
/// and work items waiting 1 to 3 ms. This test repeats the MailKit half alone (no other test class runs
/// meanwhile) through the sender's own connection code.
/// </summary>
[Collection(nameof(ThreadPoolMeasurement))]
public sealed class MailKitThreadPoolTests(ITestOutputHelper output)
{
    private static readonly TimeSpan SlowReply = TimeSpan.FromSeconds(2);

    [Fact]
    public async Task Ten_concurrent_sends_to_a_slow_relay_neither_block_nor_grow_the_thread_pool()
    {
        await using var relay = new TestMailbox();
        await relay.StartAsync(0, TestContext.Current.CancellationToken);
        var options = new MailOptions { From = "FitFolio <no-reply@fitfolio.test>", Smtp = { Host = "127.0.0.1", Port = relay.Port } };
        var composer = new MessageComposer(options);
        await SendAsync(options, composer, 0); // warm-up: assembly loading and JIT are not what is measured
        relay.DataReplyDelay = SlowReply;

        var threadsBefore = ThreadPool.ThreadCount;
        using var probe = new PoolProbe();
        var elapsed = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(1, 10).Select(i => SendAsync(options, composer, i)));
        elapsed.Stop();
        var (worstDelay, samples, mostThreads) = await probe.StopAsync();

        output.WriteLine($"10 sends, relay answers DATA after {SlowReply.TotalSeconds:0} s: all done in {elapsed.Elapsed.TotalSeconds:0.00} s; " +
            $"thread-pool work item delay worst {worstDelay.TotalMilliseconds:0} ms over {samples} probes; pool threads {threadsBefore} before, at most {mostThreads} during");
        Assert.Equal(11, relay.Messages.Count);
        Assert.True(elapsed.Elapsed < SlowReply * 2, $"The ten sends took {elapsed.Elapsed}: they waited in turn, not together.");
        Assert.True(
            worstDelay < TimeSpan.FromMilliseconds(500),
            $"A work item waited {worstDelay.TotalMilliseconds:0} ms for a pool thread: the sends starved the pool.");
        Assert.True(mostThreads <= threadsBefore + 4, $"The pool grew from {threadsBefore} to {mostThreads} threads: the sends blocked threads.");
    }

    private static async Task SendAsync(MailOptions options, MessageComposer composer, int n)
    {
        await using var connection = new SmtpConnection(options.Smtp);
        await connection.EnsureOpenAsync(TestContext.Current.CancellationToken);
        using var message = composer.Compose(new ClaimedMail(Guid.NewGuid(), "sign-in", $"pool{n}@example.test", "Pool", "text", "<p>html</p>", 1));
        await connection.SendAsync(message, TestContext.Current.CancellationToken);
    }

    /// <summary>Queues a trivial work item every 10 ms and records how long each waited to run: starvation shows as delay.</summary>
    private sealed class PoolProbe : IDisposable
    {
        private readonly CancellationTokenSource _stop = new();
        private readonly Task<(TimeSpan Worst, int Samples, int MostThreads)> _running;

        public PoolProbe() => _running = Task.Run(RunAsync);

        public async Task<(TimeSpan Worst, int Samples, int MostThreads)> StopAsync()
        {
            await _stop.CancelAsync();
            return await _running;
        }

        public void Dispose() => _stop.Dispose();

        private async Task<(TimeSpan, int, int)> RunAsync()
        {
            var (worst, samples, mostThreads) = (TimeSpan.Zero, 0, ThreadPool.ThreadCount);
            while (!_stop.IsCancellationRequested)
            {
                var queued = Stopwatch.GetTimestamp();
                var waited = await Task.Run(() => Stopwatch.GetElapsedTime(queued));
                (worst, samples, mostThreads) = (waited > worst ? waited : worst, samples + 1, Math.Max(mostThreads, ThreadPool.ThreadCount));
                await Task.Delay(10);
            }

            return (worst, samples, mostThreads);
        }
    }
}
