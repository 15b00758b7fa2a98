
namespace FitFolio.Grains.Training.Import;

/// <summary>A CSV record and the line it starts on (1-based; the header is line 1).</summary>
public sealed record CsvRecord(int Row, IReadOnlyList<string> Fields);
