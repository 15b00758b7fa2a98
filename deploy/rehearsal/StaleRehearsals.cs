namespace FitFolio.Rehearsal;

/// <summary>
/// Cleans up after rehearsals whose owner died without stopping them (a test host killed mid-run):
/// each work directory names its owner's pid, and every process it started carries the directory
/// in its environment, so only those processes are ever signalled, never a recycled pid.
/// </summary>
internal static class StaleRehearsals
{
    public const string Prefix = "fitfolio-rehearsal-";
    public const string MarkerVariable = "FITFOLIO_REHEARSAL";
    public const string OwnerFile = "owner.pid";
    public const string ChildrenFile = "children.pid";

    public static void Reap()
    {
        foreach (var directory in Directory.EnumerateDirectories(Path.GetTempPath(), Prefix + "*"))
        {
            try
            {
                if (!File.Exists(Path.Combine(directory, OwnerFile)) || IsAlive(File.ReadAllText(Path.Combine(directory, OwnerFile)).Trim()))
                {
                    continue;
                }

                var children = Path.Combine(directory, ChildrenFile);
                foreach (var pid in File.Exists(children) ? File.ReadAllLines(children) : [])
                {
                    if (IsOurs(pid.Trim(), directory) && int.TryParse(pid, out var id))
                    {
                        try
                        {
                            // The tree: smtp4dev runs under the `dotnet tool run` launcher that was recorded.
                            System.Diagnostics.Process.GetProcessById(id).Kill(entireProcessTree: true);
                        }
                        catch (ArgumentException)
                        {
                            // Already gone.
                        }
                    }
                }

                if (Directory.Exists(Path.Combine(directory, "postgres")))
                {
                    Tool.RunAsync(RepositoryLayout.PostgresScript, "stop", Path.Combine(directory, "postgres")).GetAwaiter().GetResult();
                }

                if (Directory.Exists(Path.Combine(directory, "redis")))
                {
                    LocalRedis.StopAsync(Path.Combine(directory, "redis")).GetAwaiter().GetResult();
                }

                Directory.Delete(directory, recursive: true);
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or InvalidOperationException)
            {
                // Someone else's, or half gone already: leave it.
            }
        }
    }

    private static bool IsAlive(string pid) => pid.Length > 0 && Directory.Exists("/proc/" + pid);

    private static bool IsOurs(string pid, string directory)
    {
        try
        {
            var environment = File.ReadAllText($"/proc/{pid}/environ").Split('\0');
            return environment.Contains($"{MarkerVariable}={directory}");
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
