namespace FitFolio.Api.Apis.Training;

public sealed record CopyProgramRequest(string? Name);
