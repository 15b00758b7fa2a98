namespace FitFolio.Grains.Training;

public sealed record BodyWeightEntry(DateOnly Date, decimal Weight, string Unit, decimal WeightKg, string? Notes, long Version = 1);
