using FitFolio.Api.Http;
using FitFolio.Api.Auth;
using FitFolio.Grains.Training;

namespace FitFolio.Api.Apis.Training;

/// <summary>
/// The training log under <c>/api/v1/training</c> (contract: docs/training-api.md). Reads need the
/// read scope and go straight to SQL; writes need the write scope, and workout writes go through the
/// person's <see cref="ITrainingGrain"/>. Other people's ids answer 404, exactly like unknown ones.
/// </summary>
public static class TrainingApi
{
    public static RouteGroupBuilder MapTrainingApi(this RouteGroupBuilder api)
    {
        var training = api.MapGroup("/training").WithTags("Training").WithIdempotencyKeys();
        training.MapGet("/meta", () => TypedResults.Ok(new TrainingMeta(
                TrainingVocabulary.Categories, TrainingVocabulary.Muscles, TrainingVocabulary.Equipment, TrainingVocabulary.Kinds,
                TrainingVocabulary.SetTypes, TrainingVocabulary.WeightUnits, TrainingVocabulary.RecordTypes)))
            .RequireUser(ApiScope.Read)
            .WithName("TrainingMeta")
            .WithSummary("List training vocabularies")
            .WithDescription("The word lists: categories, muscles, equipment, exercise kinds, set types, weight units, record types.");

        training.MapTrainingExercisesApi();
        training.MapTrainingProgramsApi();
        training.MapTrainingWorkoutsApi();
        training.MapTrainingSetsApi();
        training.MapTrainingProgressApi();
        training.MapTrainingImportApi();
        return training;
    }

    internal static Guid UserId(this HttpContext context) => context.CurrentUser().UserId;

    internal static ITrainingGrain TrainingGrain(this HttpContext context, IGrainFactory grains) =>
        grains.GetGrain<ITrainingGrain>(context.CurrentUser().GrainKey);
}
