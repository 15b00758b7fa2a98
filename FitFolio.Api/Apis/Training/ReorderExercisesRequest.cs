namespace FitFolio.Api.Apis.Training;

public sealed record ReorderExercisesRequest(IReadOnlyList<Guid>? Order);
