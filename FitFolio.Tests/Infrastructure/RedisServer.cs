namespace FitFolio.Tests.Infrastructure;

/// <summary>The Redis the tests' silos keep membership and the grain directory in (FITFOLIO_TEST_REDIS).</summary>
public static class RedisServer
{
    public static string ConnectionString => Environment.GetEnvironmentVariable("FITFOLIO_TEST_REDIS") ?? "127.0.0.1:16400";
}
