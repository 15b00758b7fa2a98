namespace FitFolio.Api.Apis.Training;

public sealed record SwapExerciseRequest(Guid? ExerciseId);
