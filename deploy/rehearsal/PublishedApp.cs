namespace FitFolio.Rehearsal;

/// <summary>
/// FitFolio.Api as production runs it, which is what the rehearsal's silos run: published ReadyToRun by
/// <c>scripts/publish-app.sh</c> (the Dockerfile's flags) into <c>artifacts/published-app</c>. Published once per
/// process, from the checkout as it is, so a rehearsal never runs a stale copy: with nothing changed the publish is
/// incremental, and when the test command has already published (it does so early, beside the tests) it waits for that
/// run's lock and finds nothing to do.
/// </summary>
public static class PublishedApp
{
    private static readonly Lazy<Task<string>> Published = new(PublishAsync);

    /// <summary>The folder of the published app; the first call publishes it.</summary>
    public static Task<string> DirectoryAsync() => Published.Value;

    private static async Task<string> PublishAsync()
    {
        var directory = Path.Combine(RepositoryLayout.Root, "artifacts", "published-app");
        await Tool.RunAsync(RepositoryLayout.PublishScript, directory);
        return File.Exists(Path.Combine(directory, "FitFolio.Api.dll"))
            ? directory
            : throw new InvalidOperationException($"scripts/publish-app.sh left no FitFolio.Api.dll in {directory}.");
    }
}
