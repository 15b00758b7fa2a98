namespace FitFolio.Grains.Training;

/// <summary>One muscle's work in one ISO week: primary muscles count a set fully, secondary ones half.</summary>
public sealed record MuscleVolumePoint(DateOnly WeekStart, string Muscle, decimal Sets, decimal VolumeKg);
