using Microsoft.Extensions.Logging;

namespace FitFolio.Silo.Tls;

/// <summary>Says, at every start, that the silo port takes anyone: Silo:Tls:Enabled is false.</summary>
internal sealed partial class TlsOffWarning(ILogger<TlsOffWarning> logger) : ILifecycleParticipant<ISiloLifecycle>
{
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(TlsOffWarning), ServiceLifecycleStage.RuntimeInitialize, _ =>
        {
            LogTlsOff();
            return Task.CompletedTask;
        });

    [LoggerMessage(EventId = 5200, Level = LogLevel.Warning,
        Message = "Silo TLS is OFF (Silo:Tls:Enabled=false): the silo port accepts any peer unauthenticated and unencrypted. "
            + "Only for a single silo on loopback; never in a cluster")]
    private partial void LogTlsOff();
}
