using FitFolio.Api.Http;
using FitFolio.Api.Auth;
using FitFolio.Grains.Training;

namespace FitFolio.Api.Apis.Training;

/// <summary>Sets: logged idempotently by a client-generated id, replaced, deleted; each answer lists the records set.</summary>
public static class TrainingSetsApi
{
    public static RouteGroupBuilder MapTrainingSetsApi(this RouteGroupBuilder training)
    {
        var workouts = training.MapGroup("/workouts");
        workouts.MapPost("/{id}/exercises/{exerciseId}/sets", (string id, string exerciseId, SetInput input, HttpContext context, IGrainFactory grains) =>
                TrainingWorkoutsApi.Call(id, exerciseId, context, grains, (g, w, e) => g.LogSet(w, e, input)))
            .RequireUser(ApiScope.Write).WithName("TrainingLogSet")
            .WithSummary("Log a set")
            .WithDescription("Logs a set (201) with the records it set; the same id and content again answers 200 with the stored set, other content 409.")
            .Produces<SetLogged>()
            .Produces<SetLogged>(StatusCodes.Status201Created)
            .ProducesProblemBody(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);
        workouts.MapPut("/{id}/sets/{setId}", (string id, string setId, SetInput input, HttpContext context, IGrainFactory grains) =>
                TrainingWorkoutsApi.Call(id, setId, context, grains, (g, w, s) => g.ReplaceSet(w, s, input), "setId"))
            .RequireUser(ApiScope.Write).WithName("TrainingReplaceSet")
            .WithSummary("Replace a set")
            .WithDescription("Replaces a set's content (not its id or position); records are re-evaluated.")
            .Produces<SetLogged>()
            .ProducesProblemBody(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);
        workouts.MapDelete("/{id}/sets/{setId}", (string id, string setId, HttpContext context, IGrainFactory grains) =>
                TrainingWorkoutsApi.NoContent(id, setId, context, grains, (g, w, s) => g.DeleteSet(w, s), "setId"))
            .RequireUser(ApiScope.Write).WithName("TrainingDeleteSet").WithSummary("Delete a set").WithDescription("Deletes a set; records are re-evaluated.")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblemBody(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);
        return workouts;
    }
}
