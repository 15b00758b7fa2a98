namespace FitFolio.Seed;

/// <summary>What a seed run wrote: the people and the row counts of the largest tables.</summary>
public sealed record SeedResult(IReadOnlyList<SeededPerson> People, long Workouts, long Sets, long AuditEvents, TimeSpan Elapsed);
