namespace FitFolio.Api.Database;

/// <summary>One ordered schema change, <c>sql/NNN_name.sql</c>, with the SHA-256 of its text.</summary>
public sealed record Migration(int Number, string Name, string Sql, string Checksum);
