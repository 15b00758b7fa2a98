using System.Net;
using FitFolio.Api.Auth;
using FitFolio.Tests.Infrastructure;
using FitFolio.Tests.Mail;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FitFolio.Tests.Api;

/// <summary>
/// The session cookie's key moves from <c>Cluster:Secret</c> to <c>SessionCookie:Key</c> without
/// signing anyone out, and rotates through <c>SessionCookie:PreviousKeys</c>. Replicas configured
/// differently run side by side in one cluster, as during a rolling restart: the front door that
/// receives a request checks its tag with its own keys.
/// </summary>
public sealed class SessionCookieKeyTests(SessionCookieKeyTests.UpgradedReplica api) : IClassFixture<SessionCookieKeyTests.UpgradedReplica>
{
    private const string NewKey = "rotated-session-cookie-key-0123456789-abcdefgh";

    /// <summary>
    /// A cookie as front doors tagged it while <c>Cluster:Secret</c> (here <see cref="ApiHost.ClusterSecret"/>)
    /// was the key, computed outside FitFolio: HKDF-SHA256 of the secret (no salt, info
    /// "fitfolio session cookie v1", 32 bytes), then HMAC-SHA256 of <c>userId.secret</c>, first 16 bytes, base64url.
    /// </summary>
    private const string IssuedUnderClusterSecret = "0123456789abcdef0123456789abcdef.AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8.DmuzC8cKSTVE729Ojlu6Yw";

    /// <summary>
    /// The first replica as an upgrade finds it: <c>SessionCookie:Key</c> not set, so <c>Cluster:Secret</c>
    /// keys the cookie. Every replica of a test shares its hand-moved clock and a 2-day rotation interval.
    /// </summary>
    public sealed class UpgradedReplica(PostgresServer server) : ApiFixture(server)
    {
        public ManualClock Clock { get; } = new(DateTimeOffset.UtcNow);

        public LogCapture Logs { get; } = new();

        protected override IDictionary<string, string?> Settings => With(new() { ["SessionCookie:Key"] = null });

        /// <summary>
        /// Another replica of the fixture's cluster (database, mailbox, clock) with these cookie keys. It joins
        /// the cluster, as in a rolling restart: a replica in a cluster of its own would hold a second
        /// activation of the same person's user grain over the same rows, which production never does.
        /// </summary>
        public Task<ApiHost> StartReplicaAsync(Dictionary<string, string?> cookieKeys) =>
            ApiHost.StartAsync(
                Database.ConnectionString,
                Mail.Port,
                With(new(cookieKeys) { ["Cluster:Id"] = Host.ClusterId }),
                services => services.AddSingleton<TimeProvider>(Clock));

        protected override void ConfigureServices(IServiceCollection services)
        {
            services.AddSingleton<TimeProvider>(Clock);
            services.AddSingleton<ILoggerProvider>(Logs);
        }

        private static Dictionary<string, string?> With(Dictionary<string, string?> cookieKeys)
        {
            var settings = new Dictionary<string, string?>(GenerousLimits) { ["Auth:SessionRotationInterval"] = "2.00:00:00" };
            foreach (var (key, value) in cookieKeys)
            {
                settings[key] = value;
            }

            return settings;
        }
    }

    [Fact]
    public async Task A_cookie_under_a_previous_key_is_accepted_and_rotated_to_the_new_key_and_one_under_an_unknown_key_is_refused()
    {
        using var rotating = await api.SignedInClientAsync("rotating-key@example.com");
        using var unknown = await api.SignedInClientAsync("unknown-key@example.com");
        await using var rolling = await api.StartReplicaAsync(
            new() { ["SessionCookie:Key"] = NewKey, ["SessionCookie:PreviousKeys:0"] = ApiHost.ClusterSecret });
        await using var rolled = await api.StartReplicaAsync(new() { ["SessionCookie:Key"] = NewKey });
        using var atRolling = CarryCookies(rotating, rolling);
        using var unknownAtRolled = CarryCookies(unknown, rolled);
        using var unknownAtRolling = CarryCookies(unknown, rolling);

        var underPreviousKey = await atRolling.GetAsync("/api/v1/auth/me");
        var underUnknownKey = await unknownAtRolled.GetAsync("/api/v1/auth/me");
        api.Clock.Advance(TimeSpan.FromDays(2.5));
        var issuedBefore = atRolling.SessionCookie;
        var rotated = await atRolling.GetAsync("/api/v1/auth/me");
        using var rotatedAtRolled = CarryCookies(atRolling, rolled);

        Assert.Equal(HttpStatusCode.OK, underPreviousKey.Status);
        Assert.Equal(HttpStatusCode.Unauthorized, underUnknownKey.Status);
        Assert.Equal("unauthenticated", underUnknownKey.ErrorCode);
        Assert.Equal(HttpStatusCode.OK, rotated.Status);
        Assert.NotEqual(issuedBefore, atRolling.SessionCookie);
        // Only the new key is known there: the rotation issued the cookie under it.
        Assert.Equal(HttpStatusCode.OK, (await rotatedAtRolled.GetAsync("/api/v1/auth/me")).Status);
        // The refused session was live all along: its key, not the session, was what the replica refused.
        Assert.Equal(HttpStatusCode.OK, (await unknownAtRolling.GetAsync("/api/v1/auth/me")).Status);
    }

    /// <summary>A change to the derivation would sign everyone out at the upgrade, whatever the configuration says.</summary>
    [Fact]
    public void The_derivation_is_the_one_Cluster_Secret_keyed_so_that_value_as_SessionCookie_Key_verifies_old_tags()
    {
        var underThatValue = new SessionCookie(Options.Create(new SessionCookieOptions { Key = ApiHost.ClusterSecret }));
        var underAnotherKey = new SessionCookie(Options.Create(new SessionCookieOptions { Key = NewKey }));

        Assert.True(underThatValue.TryRead(IssuedUnderClusterSecret, out var userId, out _));
        Assert.Equal(Guid.Parse("0123456789abcdef0123456789abcdef"), userId);
        Assert.False(underAnotherKey.TryRead(IssuedUnderClusterSecret, out _, out _));
    }

    internal static ApiClient CarryCookies(ApiClient from, ApiHost to)
    {
        var client = to.Client();
        foreach (var (name, value) in from.Cookies)
        {
            client.Cookies[name] = value;
        }

        return client;
    }
}
