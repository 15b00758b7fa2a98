using System.Net;
using FitFolio.Tests.Infrastructure;
using FitFolio.Tests.Training;

namespace FitFolio.Tests.Api;

/// <summary>
/// A gym's members share one public address on its Wi-Fi. Signed-in traffic counts per account,
/// so a room of people logging sets is not throttled as one client while one flooding session is;
/// traffic without a session still counts per address. Limits lowered here (100 per address, 60
/// per account, a minute) so the test stays short; the defaults are 1,000 of each.
/// </summary>
public sealed class SharedAddressLimitTests(SharedAddressLimitTests.LowGlobalLimits api) : IClassFixture<SharedAddressLimitTests.LowGlobalLimits>
{
    public sealed class LowGlobalLimits(PostgresServer server) : ApiFixture(server)
    {
        protected override IDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>(GenerousLimits)
        {
            ["RateLimits:GlobalPerIp:Limit"] = "100",
            ["RateLimits:GlobalPerAccount:Limit"] = "60",
        };
    }

    [Fact]
    public async Task A_dozen_people_signed_in_from_one_address_are_not_refused_while_a_flooding_session_is()
    {
        var members = await Task.WhenAll(Enumerable.Range(0, 12).Select(i => api.SignedInClientAsync($"member-{i}@gym.example")));

        // 20 requests each (a workout, an exercise, 18 sets): 240 from one address, 2.4 times its ceiling.
        var logged = await Task.WhenAll(members.Select(LogWorkoutAsync));

        Assert.All(
            logged.SelectMany(statuses => statuses), s => Assert.True(s is HttpStatusCode.Created or HttpStatusCode.OK, $"a member was answered {(int)s}"));

        using var flooder = await api.SignedInClientAsync("flooder@gym.example");
        var flood = new List<ApiResponse>();
        for (var i = 0; i < 61; i++)
        {
            flood.Add(await flooder.GetAsync("/api/v1/auth/me"));
        }

        Assert.All(flood.Take(60), r => Assert.Equal(HttpStatusCode.OK, r.Status));
        Assert.Equal(HttpStatusCode.TooManyRequests, flood[60].Status);
        Assert.Equal("rate_limited", flood[60].ErrorCode);
        Assert.True(flood[60].Headers.ContainsKey("Retry-After"));
        Assert.All(await Task.WhenAll(members.Select(m => m.GetAsync("/api/v1/auth/me"))), r => Assert.Equal(HttpStatusCode.OK, r.Status));

        // Without a session the address is still one client: its ceiling is reached within 100 requests.
        using var anonymous = api.Host.Client();
        var unauthenticated = new List<HttpStatusCode>();
        for (var i = 0; i < 100 && !unauthenticated.Contains(HttpStatusCode.TooManyRequests); i++)
        {
            unauthenticated.Add((await anonymous.GetAsync("/api/v1/auth/me")).Status);
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, unauthenticated[^1]);
        foreach (var member in members)
        {
            member.Dispose();
        }
    }

    private static async Task<List<HttpStatusCode>> LogWorkoutAsync(ApiClient member)
    {
        var started = await member.PostAsync($"{TrainingTestData.Base}/workouts", new { name = "Gym floor" });
        var workout = started.Body.GetProperty("id").GetString()!;
        var added = await member.PostAsync(
            $"{TrainingTestData.Base}/workouts/{workout}/exercises", new { exerciseId = TrainingTestData.Exercise("squat-barbell") });
        var exercise = added.Body.GetProperty("id").GetString()!;
        var statuses = new List<HttpStatusCode> { started.Status, added.Status };
        for (var set = 0; set < 18; set++)
        {
            statuses.Add((await member.LogAsync(workout, exercise, new { id = Guid.NewGuid(), weight = 60 + set, weightUnit = "kg", reps = 5 })).Status);
        }

        return statuses;
    }
}
