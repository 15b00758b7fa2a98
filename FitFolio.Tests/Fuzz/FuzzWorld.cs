using FitFolio.Tests.Api;
using FitFolio.Tests.Infrastructure;
using FitFolio.Tests.Passkeys;
using FitFolio.Tests.Training;

namespace FitFolio.Tests.Fuzz;

/// <summary>
/// The valid state the fuzz attacks: a member with a workout (an exercise and a set), a program, a body-weight entry, a passkey and
/// two API keys (read, write); a second person the admin acts on; an admin proved with a passkey. Each of the five callers' credentials.
/// </summary>
internal sealed class FuzzWorld : IDisposable
{
    private readonly List<ApiClient> _clients = [];

    public Dictionary<string, string> Ids { get; } = new(StringComparer.Ordinal);

    public List<FuzzCaller> Callers { get; } = [];

    private ApiClient Member { get; set; } = null!;

    private ApiClient Admin { get; set; } = null!;

    private ApiClient WriteKey { get; set; } = null!;

    private ApiClient ReadKey { get; set; } = null!;

    /// <summary>Whether every caller still gets in and the member's workout and program are still there.</summary>
    public async Task<bool> IntactAsync()
    {
        var training = TrainingTestData.Base;
        return (await Member.GetAsync("/api/v1/auth/me")).Status == System.Net.HttpStatusCode.OK
            && (await Admin.GetAsync($"/api/v1/admin/users/{Ids["users"]}")).Status == System.Net.HttpStatusCode.OK
            && (await ReadKey.GetAsync("/api/v1/account")).Status == System.Net.HttpStatusCode.OK
            && (await WriteKey.GetAsync($"{training}/workouts/{Ids["workouts"]}")).Status == System.Net.HttpStatusCode.OK
            && (await WriteKey.GetAsync($"{training}/programs/{Ids["programs"]}")).Status == System.Net.HttpStatusCode.OK
            && (await Member.GetAsync("/api/v1/auth/webauthn/credentials")).Text.Contains(Ids["credentials"], StringComparison.Ordinal);
    }

    /// <summary>Builds (or rebuilds, after the fuzz deleted or revoked some of it) every piece of state.</summary>
    public static async Task<FuzzWorld> CreateAsync(ApiFixture api, int generation)
    {
        var world = new FuzzWorld();
        var member = world.Keep(await api.SignedInClientAsync($"fuzz-member-{generation}@example.com"));
        using (var authenticator = new SoftwareAuthenticator())
        {
            world.Ids["credentials"] = (await member.RegisterAsync(authenticator, "fuzz")).GetProperty("id").ToString();
        }

        var (workout, exercises) = await member.StartWorkoutAsync("bench-press-barbell");
        world.Ids["workouts"] = workout;
        world.Ids["exerciseId"] = exercises[0];
        // A set's id is the client's: the one it was logged with.
        var setId = Guid.NewGuid();
        var set = await member.LogAsync(workout, exercises[0], new { id = setId, weight = 60m, weightUnit = "kg", reps = 5, type = "working" });
        Assert.True(set.Status == System.Net.HttpStatusCode.Created, set.Text);
        world.Ids["setId"] = setId.ToString();
        world.Ids["exercises"] = TrainingTestData.Exercise("bench-press-barbell").ToString();
        var program = await member.PostAsync($"{TrainingTestData.Base}/programs", new
        {
            name = "Fuzz",
            days = new[] { new { name = "A", exercises = new[] { new { exerciseId = TrainingTestData.Exercise("front-squat-barbell"), targetSets = 3 } } } },
        });
        Assert.True(program.Status == System.Net.HttpStatusCode.Created, program.Text);
        world.Ids["programs"] = program.Body.Id();
        world.Ids["date"] = "2026-01-05";
        await member.PutAsync($"{TrainingTestData.Base}/body-weight/2026-01-05", new { weight = 80.5m, unit = "kg" });
        world.Ids["sessions"] = (await member.GetAsync("/api/v1/auth/sessions")).Body.GetProperty("items")[0].Id();
        var read = await member.PostAsync("/api/v1/account/api-keys", new { name = "fuzz read", scopes = new[] { "read" } });
        var write = await member.PostAsync("/api/v1/account/api-keys", new { name = "fuzz write", scopes = new[] { "read", "write" } });
        Assert.True(write.Status == System.Net.HttpStatusCode.Created, write.Text);
        world.Ids["api-keys"] = read.Body.GetProperty("key").Id();
        var victim = world.Keep(await api.SignedInClientAsync($"fuzz-victim-{generation}@example.com"));
        world.Ids["users"] = await victim.UserIdAsync();
        var admin = world.Keep(await api.SignedInWithPasskeyProofAsync(AdminTests.AdminEmail));
        var anonymous = world.Keep(await api.SignedOutClientAsync());

        world.Member = member;
        world.Admin = admin;
        world.ReadKey = world.Keep(api.Host.Client());
        world.ReadKey.Bearer = read.Body.GetProperty("secret").GetString();
        world.WriteKey = world.Keep(api.Host.Client());
        world.WriteKey.Bearer = write.Body.GetProperty("secret").GetString();
        world.Callers.Add(Of("anonymous", anonymous));
        world.Callers.Add(Of("member", member));
        world.Callers.Add(new FuzzCaller("api-key-read", null, null, read.Body.GetProperty("secret").GetString()));
        world.Callers.Add(new FuzzCaller("api-key-write", null, null, write.Body.GetProperty("secret").GetString()));
        world.Callers.Add(Of("admin", admin));
        return world;
    }

    public void Dispose()
    {
        foreach (var client in _clients)
        {
            client.Dispose();
        }
    }

    private static FuzzCaller Of(string name, ApiClient client) => new(
        name,
        string.Join("; ", client.Cookies.Select(c => $"{c.Key}={c.Value}")),
        client.Cookies.FirstOrDefault(c => c.Key.EndsWith("ff_csrf", StringComparison.Ordinal)).Value,
        null);

    private ApiClient Keep(ApiClient client)
    {
        _clients.Add(client);
        return client;
    }
}
