using System.Reflection;

namespace FitFolio.Rehearsal;

/// <summary>Where the checkout and the build outputs the rehearsal runs are.</summary>
public static class RepositoryLayout
{
    /// <summary>The checkout: the nearest folder above this assembly holding FitFolio.sln.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>The build configuration this assembly was built in; the processes it starts come from the same one.</summary>
    public static string Configuration { get; } =
        typeof(RepositoryLayout).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Release";

    public static string ApiDirectory => Path.Combine(Root, "FitFolio.Api", "bin", Configuration, "net10.0");

    public static string ApiAssembly => Path.Combine(ApiDirectory, "FitFolio.Api.dll");

    /// <summary>The dotnet tool manifest that pins smtp4dev, the mailbox (<c>dotnet tool restore</c> installs it).</summary>
    public static string ToolManifest => Path.Combine(Root, ".config", "dotnet-tools.json");

    /// <summary>Publishes FitFolio.Api as production runs it (see <see cref="PublishedApp"/>).</summary>
    public static string PublishScript => Path.Combine(Root, "scripts", "publish-app.sh");

    public static string PostgresScript => Path.Combine(Root, "scripts", "postgres.sh");

    public static string RedisScript => Path.Combine(Root, "scripts", "redis.sh");

    /// <summary>Makes the cluster CA and silo certificates (openssl).</summary>
    public static string SiloTlsScript => Path.Combine(Root, "scripts", "silo-tls.sh");

    /// <summary>The built SPA, when there is one (web/dist); silos serve it at /.</summary>
    public static string? WebRoot => File.Exists(Path.Combine(Root, "web", "dist", "index.html")) ? Path.Combine(Root, "web", "dist") : null;

    private static string FindRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "FitFolio.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("FitFolio.sln not found above " + AppContext.BaseDirectory);
    }
}
