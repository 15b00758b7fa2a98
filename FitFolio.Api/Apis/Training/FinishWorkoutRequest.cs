namespace FitFolio.Api.Apis.Training;

public sealed record FinishWorkoutRequest(DateTimeOffset? EndedAt);
