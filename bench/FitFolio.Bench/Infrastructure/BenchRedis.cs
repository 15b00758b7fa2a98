namespace FitFolio.Bench.Infrastructure;

/// <summary>
/// The Redis server of this bench run, from <c>ConnectionStrings__Redis</c>, which <c>./fitfolio bench</c>
/// (and the quick pass of <c>./fitfolio test</c>) exports for a throwaway server. Every host and silo
/// the bench starts is given it, as production will give it for Orleans' membership.
/// </summary>
internal static class BenchRedis
{
    public const string Variable = "ConnectionStrings__Redis";

    public static string ConnectionString =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value ? value : throw new InvalidOperationException($"{Variable} is not set.");
}
