using System.Globalization;
using System.Runtime.InteropServices;
using FitFolio.Rehearsal;

// Usage (through scripts/rehearsal.sh or ./fitfolio rehearse): FitFolio.Rehearsal [--silos N] [--drain-delay SECONDS]
var options = new RehearsalOptions { KeepLogs = true };
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--silos" when i + 1 < args.Length && int.TryParse(args[i + 1], out var silos) && silos is >= 1 and <= 9:
            options = options with { Silos = silos };
            i++;
            break;
        case "--drain-delay" when i + 1 < args.Length && double.TryParse(args[i + 1], CultureInfo.InvariantCulture, out var seconds) && seconds >= 0:
            options = options with { DrainDelay = TimeSpan.FromSeconds(seconds) };
            i++;
            break;
        default:
            Console.Error.WriteLine("usage: rehearse [--silos 1-9] [--drain-delay SECONDS]");
            return 2;
    }
}

using var stop = new CancellationTokenSource();
void RequestStop(PosixSignalContext context)
{
    context.Cancel = true;
    stop.Cancel();
}

using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, RequestStop);
using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, RequestStop);

Console.Error.WriteLine($"==> starting PostgreSQL, Redis, the mailbox, {options.Silos} silos and HAProxy (TLS)");
RehearsalStack stack;
try
{
    stack = await RehearsalStack.StartAsync(options, stop.Token);
}
catch (OperationCanceledException)
{
    return 130;
}
catch (Exception exception) when (exception is InvalidOperationException or TimeoutException)
{
    Console.Error.WriteLine("rehearsal: " + exception.Message);
    return 1;
}

await using (stack)
{
    Console.WriteLine($"""

        FitFolio (production rehearsal): {stack.PublicOrigin}
          self-signed certificate: {stack.Certificate.CertificatePath} (the browser warns once)
        Mailbox (sign-in links and codes): {stack.Mailbox}
        Silos behind HAProxy (readiness-checked every {HaProxyConfig.CheckInterval.TotalMilliseconds} ms, drain {stack.DrainDelay.TotalSeconds} s on SIGTERM):
        """);
    foreach (var silo in stack.Silos)
    {
        Console.WriteLine($"  {silo.Name}: pid {silo.ProcessId}, http {silo.Address}, silo port {silo.SiloPort}");
    }

    Console.WriteLine($"""
        Proxy state: echo 'show stat' | socat - UNIX-CONNECT:{stack.ProxySocket}
        Logs: {stack.WorkDirectory}/*.log
        Try: kill -TERM <pid> (graceful: drained, no request fails) or kill -KILL <pid> (crash); the rehearsal restarts it.
        Stop everything: Ctrl-C.

        """);

    await SuperviseAsync(stack, stop.Token);
    Console.Error.WriteLine("==> stopping: silos drain and leave the cluster, then HAProxy, the mailbox, Redis and PostgreSQL");
}

Console.Error.WriteLine("==> stopped");
return 0;

// A supervisor's job, as Docker's restart policy would do it: a silo that exits is started again.
static async Task SuperviseAsync(RehearsalStack stack, CancellationToken stop)
{
    while (!stop.IsCancellationRequested)
    {
        foreach (var silo in stack.Silos.Where(s => !s.IsRunning))
        {
            Console.Error.WriteLine($"==> {silo.Name} exited; starting it again");
            try
            {
                await silo.StartAsync(TimeSpan.FromSeconds(120), stop);
                Console.Error.WriteLine($"==> {silo.Name} is ready again (pid {silo.ProcessId})");
            }
            catch (Exception exception) when (exception is InvalidOperationException or TimeoutException)
            {
                Console.Error.WriteLine($"==> {silo.Name} did not come back: {exception.Message}");
            }
        }

        await Task.Delay(500, stop).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }
}
