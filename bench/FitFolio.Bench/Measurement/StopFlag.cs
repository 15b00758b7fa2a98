namespace FitFolio.Bench.Measurement;

/// <summary>Tells closed-loop workers to finish; a volatile read per batch is all it costs them.</summary>
internal sealed class StopFlag
{
    private volatile bool _stopped;

    public bool IsStopped => _stopped;

    public void Stop() => _stopped = true;
}
