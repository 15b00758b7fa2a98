using Microsoft.Extensions.Options;

namespace FitFolio.Api.Auth;

/// <summary>
/// Warns once at start while the session cookie's key is still read from <c>Cluster:Secret</c>:
/// the fall-back lasts one release, and the setting it stands in for disappears with our runtime.
/// </summary>
public sealed partial class SessionCookieKeyNotice(IOptions<SessionCookieOptions> options, ILogger<SessionCookieKeyNotice> logger) : IHostedService
{
    // Read (and so validated) when the host resolves its hosted services, in registration order:
    // this one is registered before the silo, whose own options would otherwise fail first when
    // neither SessionCookie:Key nor Cluster:Secret is set, and the one line would not name the cookie key.
    private readonly bool _keyIsClusterSecret = options.Value.KeyIsClusterSecret;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (_keyIsClusterSecret)
        {
            LogKeyFromClusterSecret();
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(
        EventId = 1,
        Level = LogLevel.Warning,
        Message = "SessionCookie:Key is not set, so the session cookie's key is read from Cluster:Secret, for this release only. Copy Cluster:Secret's value to SessionCookie:Key (and Cluster:PreviousSecrets to SessionCookie:PreviousKeys): RUNBOOK.md, moving from Cluster:Secret.")]
    private partial void LogKeyFromClusterSecret();
}
