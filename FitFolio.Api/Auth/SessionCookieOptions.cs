namespace FitFolio.Api.Auth;

/// <summary>
/// Configuration section <c>SessionCookie</c>: the keys of the session cookie's tag. Until this
/// section existed the tag was keyed from <c>Cluster:Secret</c>, which the Orleans move retires
/// (Orleans has no shared endpoint secret); the derivation is unchanged, so the same value set here
/// accepts every cookie issued under it.
/// </summary>
public sealed class SessionCookieOptions
{
    public const string Section = "SessionCookie";

    /// <summary>
    /// The key every replica issues and checks tags with. Required; at least 32 characters. No
    /// default: whoever knows it can tag cookies, so a known key would let forged cookies reach the
    /// user grains. For one release, when it is absent, <c>Cluster:Secret</c> is read in its place
    /// (see <see cref="KeyIsClusterSecret"/>) so that an upgrade signs nobody out.
    /// </summary>
    public string Key { get; set; } = "";

    /// <summary>
    /// Keys still accepted (never issued) while a new <see cref="Key"/> rolls out to every replica;
    /// empty by default. See RUNBOOK.md, rotating the session cookie key.
    /// </summary>
    public IList<string> PreviousKeys { get; } = [];

    /// <summary>
    /// True when <c>SessionCookie:Key</c> was absent and <c>Cluster:Secret</c> (with
    /// <c>Cluster:PreviousSecrets</c>) stood in for it; start-up then warns. Not a setting.
    /// </summary>
    public bool KeyIsClusterSecret { get; private set; }

    /// <summary>The one-release fall-back: with no <see cref="Key"/>, the cluster secret and its previous secrets stand in.</summary>
    internal void UseClusterSecretWhenKeyIsAbsent(IConfiguration configuration)
    {
        if (!string.IsNullOrEmpty(Key) || configuration["Cluster:Secret"] is not { Length: > 0 } clusterSecret)
        {
            return;
        }

        Key = clusterSecret;
        KeyIsClusterSecret = true;
        foreach (var previous in configuration.GetSection("Cluster:PreviousSecrets").Get<string[]>() ?? [])
        {
            PreviousKeys.Add(previous);
        }
    }
}
