namespace FitFolio.Grains.Training;

public sealed record BodyWeightInput(decimal? Weight, string? Unit, string? Notes);
