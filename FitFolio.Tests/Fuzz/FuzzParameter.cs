namespace FitFolio.Tests.Fuzz;

/// <summary>A path or query parameter an operation declares, with its schema type.</summary>
internal sealed record FuzzParameter(string Name, string In, string Type);
