using System.Text.Json;
using FitFolio.Rehearsal;

namespace FitFolio.Tests.Production;

/// <summary>
/// Runtime settings of the FitFolio process that production depends on for its CPU cost, read from
/// the built app's runtimeconfig.json (what `dotnet FitFolio.Api.dll` and the container run with).
/// </summary>
public sealed class SiloHostSettingsTests
{
    [Fact]
    public void Idle_thread_pool_workers_of_a_silo_block_at_once_rather_than_spin()
    {
        // Several silos share a host's cores; spinning idle workers cost ~30 context switches per
        // proxied request in the 3-silo rehearsal (bench/README.md, "Out-of-process silos").
        var path = Path.ChangeExtension(RepositoryLayout.ApiAssembly, ".runtimeconfig.json");
        using var config = JsonDocument.Parse(File.ReadAllText(path));

        var properties = config.RootElement.GetProperty("runtimeOptions").GetProperty("configProperties");

        Assert.True(
            properties.TryGetProperty("System.Threading.ThreadPool.UnfairSemaphoreSpinLimit", out var spinLimit), $"{path} does not set the spin limit");
        Assert.Equal(0, spinLimit.GetInt32());
    }
}
