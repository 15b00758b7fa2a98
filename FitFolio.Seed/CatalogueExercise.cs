namespace FitFolio.Seed;

/// <summary>A built-in exercise as the generator picks from it (read from the migrated catalogue, so ids always match).</summary>
internal sealed record CatalogueExercise(Guid Id, string Slug, string Kind);
