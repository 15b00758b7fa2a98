using System.Diagnostics;

namespace FitFolio.Tests.Infrastructure;

/// <summary>Runs one of the repository's <c>scripts/</c> (postgres.sh, redis.sh) and returns its standard output.</summary>
internal static class RepositoryScript
{
    public static async Task<string> RunAsync(string script, params string[] arguments)
    {
        var start = new ProcessStartInfo(Path.Combine(PostgresServer.RepositoryRoot, "scripts", script))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"scripts/{script} {string.Join(' ', arguments)} failed: {await stderr}");
        }

        return await stdout;
    }
}
