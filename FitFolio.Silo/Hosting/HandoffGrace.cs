namespace FitFolio.Silo.Hosting;

/// <summary>
/// Keeps a stopping silo's messaging up for <see cref="SiloOptions.HandoffGrace"/> after Orleans
/// has deactivated its grains and before the silo writes itself Dead. Calls that reach it in that
/// window are forwarded to the grains' new activations and answered. Without the wait, a caller
/// that learns "Dead" first fails every call it had addressed to this silo, including forwarded
/// ones that then ran: measured 4 failed calls in about 500 per stop, all 4 applied; with it, 0 in
/// 6 of 6 stops (FitFolio.Tests/Runtime/GracefulStopTests).
/// </summary>
internal sealed class HandoffGrace(TimeSpan grace) : ILifecycleParticipant<ISiloLifecycle>
{
    // On stop, stages run in reverse: ApplicationServices stops after the grains are deactivated
    // (BecomeActive) and before membership marks the silo Dead (RuntimeGrainServices and below).
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(HandoffGrace), ServiceLifecycleStage.ApplicationServices, _ => Task.CompletedTask, WaitAsync);

    private async Task WaitAsync(CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(grace, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // The host's shutdown timeout ran out: leave now.
        }
    }
}
