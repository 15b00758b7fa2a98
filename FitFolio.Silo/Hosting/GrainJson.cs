using System.Text.Json;

namespace FitFolio.Silo.Hosting;

/// <summary>How grain arguments, results and stored state are written as JSON: web defaults, one shared instance.</summary>
internal static class GrainJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web);
}
