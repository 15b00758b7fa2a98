using System.Text;

namespace FitFolio.Grains.Training.Import;

/// <summary>
/// RFC 4180 records with a chosen delimiter: quoted fields may hold delimiters, doubled quotes and
/// line breaks; CRLF and LF both end a record; blank lines are skipped.
/// </summary>
public static class CsvRecords
{
    /// <summary>The delimiter of a header line: whichever of ';' and ',' it has more of outside quotes.</summary>
    public static char DetectDelimiter(string text)
    {
        int commas = 0, semicolons = 0;
        var quoted = false;
        foreach (var c in text)
        {
            if (c == '"')
            {
                quoted = !quoted;
            }
            else if (!quoted && c is '\n' or '\r')
            {
                break;
            }
            else if (!quoted && c == ',')
            {
                commas++;
            }
            else if (!quoted && c == ';')
            {
                semicolons++;
            }
        }

        return semicolons > commas ? ';' : ',';
    }

    /// <summary>Every record, or the first place the file stops being CSV (an unterminated quote, text after a closing quote).</summary>
    public static bool TryRead(string text, char delimiter, out List<CsvRecord> records, out ImportSkip? malformed)
    {
        records = [];
        malformed = null;
        var fields = new List<string>();
        var field = new StringBuilder();
        var line = 1;
        var recordStart = 1;
        var i = 0;
        var atFieldStart = true;
        while (i < text.Length)
        {
            var c = text[i];
            if (atFieldStart && c == '"')
            {
                var quoteLine = line;
                i++;
                while (true)
                {
                    if (i >= text.Length)
                    {
                        malformed = new ImportSkip(quoteLine, "a quoted field is never closed.");
                        return false;
                    }

                    if (text[i] == '"')
                    {
                        if (i + 1 < text.Length && text[i + 1] == '"')
                        {
                            field.Append('"');
                            i += 2;
                            continue;
                        }

                        i++;
                        break;
                    }

                    if (text[i] == '\n')
                    {
                        line++;
                    }

                    field.Append(text[i++]);
                }

                if (i < text.Length && text[i] != delimiter && text[i] != '\r' && text[i] != '\n')
                {
                    malformed = new ImportSkip(line, "text follows a closing quote.");
                    return false;
                }

                atFieldStart = false;
                continue;
            }

            if (c == delimiter)
            {
                fields.Add(field.ToString());
                field.Clear();
                atFieldStart = true;
                i++;
                continue;
            }

            if (c is '\r' or '\n')
            {
                i += c == '\r' && i + 1 < text.Length && text[i + 1] == '\n' ? 2 : 1;
                fields.Add(field.ToString());
                field.Clear();
                if (fields.Count > 1 || fields[0].Length > 0)
                {
                    records.Add(new CsvRecord(recordStart, [.. fields]));
                }

                fields.Clear();
                line++;
                recordStart = line;
                atFieldStart = true;
                continue;
            }

            field.Append(c);
            atFieldStart = false;
            i++;
        }

        if (!atFieldStart || field.Length > 0 || fields.Count > 0)
        {
            fields.Add(field.ToString());
            if (fields.Count > 1 || fields[0].Length > 0)
            {
                records.Add(new CsvRecord(recordStart, [.. fields]));
            }
        }

        return true;
    }
}
