namespace FitFolio.Grains.Training.Import;

/// <summary>Decodes an uploaded export, detects its layout from the header row and parses it.</summary>
public static class ImportParser
{
    public static ImportParse Parse(ReadOnlySpan<byte> file, TimeZoneInfo zone)
    {
        if (!ImportText.TryDecode(file, out var text, out var problem))
        {
            return ImportParse.Fail("invalid_encoding", problem!);
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            return ImportParse.Fail("empty_file", "The file is empty.");
        }

        var delimiter = CsvRecords.DetectDelimiter(text);
        if (!CsvRecords.TryRead(text, delimiter, out var records, out var malformed))
        {
            return ImportParse.Fail("malformed_csv", $"Row {malformed!.Row}: {malformed.Reason} Nothing was imported.");
        }

        var header = new CsvHeader(records[0].Fields);
        var rows = records.Skip(1).ToList();
        if (StrongCsvParser.Matches(header))
        {
            return StrongCsvParser.Parse(header, rows, zone);
        }

        return HevyCsvParser.Matches(header)
            ? HevyCsvParser.Parse(header, rows, zone)
            : ImportParse.Fail("unknown_layout", "The header row is neither a Strong nor a Hevy export (see the import docs for the columns expected).");
    }
}
