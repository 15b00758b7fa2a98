using Microsoft.Extensions.Logging;

namespace FitFolio.Silo.Diagnostics;

/// <summary>Every event the runtime logs, source-generated: no string building on hot paths.</summary>
internal sealed partial class SiloLog(ILogger<SiloLog> logger)
{
    private readonly ILogger _logger = logger;

    [LoggerMessage(EventId = 100, Level = LogLevel.Information, Message = "Silo {SiloId} joined the cluster")]
    public partial void SiloJoined(string siloId);

    [LoggerMessage(EventId = 101, Level = LogLevel.Information, Message = "Membership changed: {View}")]
    public partial void MembershipChanged(string view);

    [LoggerMessage(EventId = 102, Level = LogLevel.Warning, Message = "Declared silo {SiloId} dead: no heartbeat for {Seconds:F1} s")]
    public partial void SiloDeclaredDead(string siloId, double seconds);

    [LoggerMessage(EventId = 103, Level = LogLevel.Warning, Message = "Heartbeat failed: {Reason}")]
    public partial void HeartbeatFailed(string reason);

    [LoggerMessage(EventId = 104, Level = LogLevel.Error, Message = "Membership table unreachable; serving from memory with the last view: {Reason}")]
    public partial void MembershipUnreachable(string reason);

    [LoggerMessage(EventId = 105, Level = LogLevel.Critical, Message = "This silo ({SiloId}) was declared dead by the cluster; dropping its activations and rejoining as a new incarnation")]
    public partial void DeclaredDead(string siloId);

    [LoggerMessage(EventId = 106, Level = LogLevel.Information, Message = "Silo {SiloId} stopping: deactivating {Count} activations")]
    public partial void Stopping(string siloId, int count);

    [LoggerMessage(EventId = 200, Level = LogLevel.Error, Message = "Activation of {GrainId} failed")]
    public partial void ActivationFailed(Exception exception, GrainId grainId);

    [LoggerMessage(EventId = 201, Level = LogLevel.Error, Message = "Deactivation of {GrainId} ({Reason}) failed")]
    public partial void DeactivationFailed(Exception exception, GrainId grainId, DeactivationReason reason);

    [LoggerMessage(EventId = 300, Level = LogLevel.Warning, Message = "Refused an internal call from {Remote}: {Reason}")]
    public partial void InternalCallRefused(string? remote, string reason);

    [LoggerMessage(EventId = 301, Level = LogLevel.Debug, Message = "Silo {SiloId} unreachable for {GrainId}; retrying after a membership refresh")]
    public partial void ForwardRetry(string siloId, GrainId grainId);
}
