namespace FitFolio.Rehearsal;

/// <summary>A throwaway Redis from Debian's binaries (scripts/redis.sh): loopback, a free port, append-only persistence.</summary>
internal sealed class LocalRedis(string directory)
{
    /// <summary>The StackExchange.Redis configuration string, <c>127.0.0.1:PORT</c>.</summary>
    public string ConnectionString { get; private set; } = "";

    public async Task StartAsync()
    {
        var port = FreePorts.Take(1)[0];
        ConnectionString = (await Tool.RunAsync(
            RepositoryLayout.RedisScript, "start", directory, port.ToString(System.Globalization.CultureInfo.InvariantCulture))).Trim();
    }

    public Task StopAsync() => StopAsync(directory);

    /// <summary>Stops the server whose data is in <paramref name="directory"/>, if one runs there.</summary>
    public static Task StopAsync(string directory) => Tool.RunAsync(RepositoryLayout.RedisScript, "stop", directory);
}
