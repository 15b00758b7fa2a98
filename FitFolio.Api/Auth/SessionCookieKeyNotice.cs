using Microsoft.Extensions.Options;

namespace FitFolio.Api.Auth;

/// <summary>
/// Warns once at start while the session cookie's key is still read from <c>Cluster:Secret</c>:
/// the fall-back lasts one release, and the setting it stands in for disappears with our runtime.
/// </summary>
public sealed partial class SessionCookieKeyNotice(IOptions<SessionCookieOptions> options, ILogger<SessionCookieKeyNotice> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Value.KeyIsClusterSecret)
        {
            LogKeyFromClusterSecret();
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 1, Level = LogLevel.Warning, Message = "SessionCookie:Key is not set, so the session cookie's key is read from Cluster:Secret, for this release only. Copy Cluster:Secret's value to SessionCookie:Key (and Cluster:PreviousSecrets to SessionCookie:PreviousKeys): RUNBOOK.md, moving from Cluster:Secret.")]
    private partial void LogKeyFromClusterSecret();
}
