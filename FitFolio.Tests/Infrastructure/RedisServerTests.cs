using Microsoft.Extensions.Configuration;

namespace FitFolio.Tests.Infrastructure;

/// <summary>
/// The Redis the tests (and, after the Orleans move, membership) rely on: it answers, keeps what it
/// acknowledged across a clean stop and a crash (append-only persistence, which an Orleans membership
/// store needs: dotnet/orleans#7784), and reaches every host as <c>ConnectionStrings:Redis</c>.
/// </summary>
public sealed class RedisServerTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    [Fact]
    public async Task The_run_s_Redis_answers_PING_and_persists_append_only()
    {
        await using var redis = await RespConnection.OpenAsync(RedisServer.ConnectionString, TestContext.Current.CancellationToken);

        Assert.Equal("PONG", await redis.SendAsync("PING"));
        Assert.Equal(new object?[] { "appendonly", "yes" }, await redis.SendAsync("CONFIG", "GET", "appendonly"));
    }

    [Fact]
    public async Task A_write_acknowledged_before_a_clean_stop_or_a_crash_is_there_after_a_restart_on_the_same_port()
    {
        await using var server = await DedicatedRedis.StartAsync();
        await SetAsync(server, "before-stop", "1");

        await server.StopServerAsync();
        await Assert.ThrowsAnyAsync<System.Net.Sockets.SocketException>(
            () => RespConnection.OpenAsync(server.ConnectionString, TestContext.Current.CancellationToken));
        await server.StartServerAsync();
        await SetAsync(server, "before-crash", "2");
        // SIGKILL: no save on the way out, so only the append-only file can hold the second write.
        await server.KillServerAsync();
        await server.StartServerAsync();

        await using var redis = await RespConnection.OpenAsync(server.ConnectionString, TestContext.Current.CancellationToken);
        Assert.Equal("1", await redis.SendAsync("GET", "before-stop"));
        Assert.Equal("2", await redis.SendAsync("GET", "before-crash"));
    }

    [Fact]
    public void Every_host_is_given_the_run_s_Redis()
    {
        Assert.Equal(RedisServer.ConnectionString, api.Host.App.Configuration.GetConnectionString("Redis"));
    }

    private static async Task SetAsync(DedicatedRedis server, string key, string value)
    {
        await using var redis = await RespConnection.OpenAsync(server.ConnectionString, TestContext.Current.CancellationToken);
        Assert.Equal("OK", await redis.SendAsync("SET", key, value));
    }
}
