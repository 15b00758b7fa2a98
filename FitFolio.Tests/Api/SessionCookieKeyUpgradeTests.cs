using System.Net;
using FitFolio.Api.Auth;
using FitFolio.Tests.Infrastructure;
using Microsoft.Extensions.Logging;

namespace FitFolio.Tests.Api;

/// <summary>
/// The upgrade step of <see cref="SessionCookieKeyTests"/>, on a fixture of its own: that class's rotation test moves
/// the shared clock days ahead, and a replica started after that would join a cluster whose clock has jumped.
/// </summary>
public sealed class SessionCookieKeyUpgradeTests(SessionCookieKeyTests.UpgradedReplica api) : IClassFixture<SessionCookieKeyTests.UpgradedReplica>
{
    [Fact]
    public async Task A_cookie_keyed_by_Cluster_Secret_is_accepted_where_that_value_is_SessionCookie_Key_and_the_fall_back_warns_once()
    {
        using var signedIn = await api.SignedInClientAsync("moved-key@example.com");
        await using var moved = await api.StartReplicaAsync(new() { ["SessionCookie:Key"] = ApiHost.ClusterSecret });

        using var there = SessionCookieKeyTests.CarryCookies(signedIn, moved);
        Assert.Equal(HttpStatusCode.OK, (await there.GetAsync("/api/v1/auth/me")).Status);
        var warning = Assert.Single(api.Logs.Entries, e => e.Category == typeof(SessionCookieKeyNotice).FullName);
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.Contains("Copy Cluster:Secret's value to SessionCookie:Key", warning.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(ApiHost.ClusterSecret, warning.Message, StringComparison.Ordinal);
    }
}
