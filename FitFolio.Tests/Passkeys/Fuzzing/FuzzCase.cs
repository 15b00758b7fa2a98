namespace FitFolio.Tests.Passkeys.Fuzzing;

/// <summary>
/// One mutated input: credential JSON as text, or as raw bytes when the mutation may break UTF-8.
/// <see cref="ChangedField"/> names the response member whose decoded bytes differ from the seed, if any.
/// </summary>
public sealed record FuzzCase(string Description, string? Json, byte[]? Utf8, string? ChangedField);
