namespace FitFolio.Grains.Training;

/// <summary>
/// A set's content once checked against its exercise's kind: what is stored and what a retry is
/// compared with (everything but the completion time, which a retry may legitimately restamp).
/// </summary>
public sealed record SetContent(SetMeasures Measures, int? Rir, string? Notes);
