using FitFolio.Api.Auth;
using FitFolio.Api.Http;
using FitFolio.Grains.Preferences;

namespace FitFolio.Api.Apis;

/// <summary>A person's preferences (units, effort scale, rest timer), the same on every device they sign in on.</summary>
public static class PreferencesApi
{
    private const string InvalidCode = "invalid_preferences";

    public static RouteGroupBuilder MapPreferencesApi(this RouteGroupBuilder api)
    {
        var preferences = api.MapGroup("/account/preferences").WithTags("Account");

        preferences.MapGet("/", async (HttpContext context, IGrainFactory grains) =>
                TypedResults.Ok(await grains.GetGrain<IPreferencesGrain>(context.CurrentUser().GrainKey).Get()))
            .RequireUser(ApiScope.Read)
            .WithName("GetPreferences")
            .WithSummary("Get preferences")
            .WithDescription("Your preferences; the defaults until you change one.")
            .Produces<Preferences>();

        preferences.MapPut("/", PutAsync)
            .WithoutIdempotencyKeys(IdempotencyKeyReasons.SetsState)
            .RequireUser(ApiScope.Write)
            .WithName("PutPreferences")
            .WithSummary("Replace preferences")
            .WithDescription("Replaces your preferences: weightUnit kg or lb, effortScale rpe or rir, defaultRestSeconds 0 (no timer) to 600.")
            .Produces<Preferences>()
            .ProducesProblemBody(StatusCodes.Status400BadRequest);

        return preferences;
    }

    private static async Task<IResult> PutAsync(PreferencesRequest request, HttpContext context, IGrainFactory grains)
    {
        if (request.WeightUnit is not { } unit || !Preferences.WeightUnits.Contains(unit))
        {
            return Errors.BadRequest(context, InvalidCode, "weightUnit must be \"kg\" or \"lb\".");
        }

        if (request.EffortScale is not { } scale || !Preferences.EffortScales.Contains(scale))
        {
            return Errors.BadRequest(context, InvalidCode, "effortScale must be \"rpe\" or \"rir\".");
        }

        if (request.DefaultRestSeconds is not { } rest || rest is < 0 or > Preferences.MaxRestSeconds)
        {
            return Errors.BadRequest(
                context, InvalidCode, $"defaultRestSeconds must be a whole number of seconds from 0 (no timer) to {Preferences.MaxRestSeconds}.");
        }

        return TypedResults.Ok(await grains.GetGrain<IPreferencesGrain>(context.CurrentUser().GrainKey).Set(new Preferences(unit, scale, rest)));
    }
}
