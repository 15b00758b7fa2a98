namespace FitFolio.Tests.Telemetry;

/// <summary>
/// Just enough of the protobuf wire format (https://protobuf.dev/programming-guides/encoding/) to
/// read the OTLP messages of opentelemetry-proto: spans with their ids, names, kinds, scopes,
/// string attributes and events; metric names with their scopes; resource attributes.
/// </summary>
public static class OtlpProtobuf
{
    public static IEnumerable<OtlpSpan> ReadSpans(byte[] body)
    {
        // ExportTraceServiceRequest.resource_spans = 1
        foreach (var resourceSpans in Fields(body, 1))
        {
            var resource = Attributes(Fields(resourceSpans, 1).FirstOrDefault() ?? [], 1);
            // ResourceSpans.scope_spans = 2 { scope = 1 { name = 1 }, spans = 2 }
            foreach (var scopeSpans in Fields(resourceSpans, 2))
            {
                var scope = Text(Fields(Fields(scopeSpans, 1).FirstOrDefault() ?? [], 1).FirstOrDefault());
                foreach (var span in Fields(scopeSpans, 2))
                {
                    yield return new OtlpSpan(
                        Hex(Fields(span, 1).First()),
                        Hex(Fields(span, 2).First()),
                        Hex(Fields(span, 4).FirstOrDefault() ?? []),
                        Text(Fields(span, 5).FirstOrDefault()),
                        (int)(Varints(span, 6).FirstOrDefault()),
                        scope,
                        Attributes(span, 9),
                        resource,
                        // Span.events = 11 { name = 2, attributes = 3 }: an exception's message is an event attribute.
                        [.. Fields(span, 11).Select(e => Attributes(e, 3).Append(new("event.name", Text(Fields(e, 2).FirstOrDefault()))).ToDictionary())]);
                }
            }
        }
    }

    public static IEnumerable<OtlpMetric> ReadMetrics(byte[] body)
    {
        // ExportMetricsServiceRequest.resource_metrics = 1 { resource = 1, scope_metrics = 2 { scope = 1, metrics = 2 { name = 1 } } }
        foreach (var resourceMetrics in Fields(body, 1))
        {
            var resource = Attributes(Fields(resourceMetrics, 1).FirstOrDefault() ?? [], 1);
            foreach (var scopeMetrics in Fields(resourceMetrics, 2))
            {
                var scope = Text(Fields(Fields(scopeMetrics, 1).FirstOrDefault() ?? [], 1).FirstOrDefault());
                foreach (var metric in Fields(scopeMetrics, 2))
                {
                    yield return new OtlpMetric(Text(Fields(metric, 1).FirstOrDefault()), scope, resource);
                }
            }
        }
    }

    /// <summary>KeyValue { key = 1, value = 2: AnyValue { string_value = 1, bool_value = 2, int_value = 3 } }, as text.</summary>
    private static Dictionary<string, string> Attributes(byte[] message, int field)
    {
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in Fields(message, field))
        {
            var key = Text(Fields(pair, 1).FirstOrDefault());
            var value = Fields(pair, 2).FirstOrDefault() ?? [];
            attributes[key] = Fields(value, 1).FirstOrDefault() is { } text ? Text(text)
                : Varints(value, 2).Select(v => v != 0 ? "true" : "false").FirstOrDefault()
                ?? Varints(value, 3).Select(v => ((long)v).ToString(System.Globalization.CultureInfo.InvariantCulture)).FirstOrDefault()
                ?? "";
        }

        return attributes;
    }

    private static string Text(byte[]? bytes) => bytes is null ? "" : System.Text.Encoding.UTF8.GetString(bytes);

    private static string Hex(byte[] bytes) => Convert.ToHexStringLower(bytes);

    /// <summary>The payloads of every length-delimited field with this number.</summary>
    private static List<byte[]> Fields(byte[] message, int number) =>
        [.. Walk(message).Where(f => f.Number == number && f.Bytes is not null).Select(f => f.Bytes!)];

    private static List<ulong> Varints(byte[] message, int number) =>
        [.. Walk(message).Where(f => f.Number == number && f.Bytes is null).Select(f => f.Value)];

    private static List<(int Number, byte[]? Bytes, ulong Value)> Walk(byte[] message)
    {
        var fields = new List<(int, byte[]?, ulong)>();
        var position = 0;
        while (position < message.Length)
        {
            var key = ReadVarint(message, ref position);
            var number = (int)(key >> 3);
            switch (key & 7)
            {
                case 0:
                    fields.Add((number, null, ReadVarint(message, ref position)));
                    break;
                case 1:
                    Need(message, position, 8);
                    fields.Add((number, null, BitConverter.ToUInt64(message, position)));
                    position += 8;
                    break;
                case 2:
                    var length = (int)ReadVarint(message, ref position);
                    Need(message, position, length);
                    fields.Add((number, message[position..(position + length)], 0));
                    position += length;
                    break;
                case 5:
                    Need(message, position, 4);
                    fields.Add((number, null, BitConverter.ToUInt32(message, position)));
                    position += 4;
                    break;
                default:
                    throw new InvalidDataException($"Wire type {key & 7} is not used by OTLP.");
            }
        }

        return fields;
    }

    private static ulong ReadVarint(byte[] message, ref int position)
    {
        ulong value = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            Need(message, position, 1);
            var b = message[position++];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return value;
            }
        }

        throw new InvalidDataException("A varint longer than 10 bytes.");
    }

    private static void Need(byte[] message, int position, int count)
    {
        if (count < 0 || position + count > message.Length)
        {
            throw new InvalidDataException("A field runs past the end of its message.");
        }
    }
}

/// <summary>A span as exported: ids in lower-case hex, kind as OTLP numbers it (2 server, 3 client); each event's attributes and name.</summary>
public sealed record OtlpSpan(
    string TraceId,
    string SpanId,
    string ParentSpanId,
    string Name,
    int Kind,
    string Scope,
    IReadOnlyDictionary<string, string> Attributes,
    IReadOnlyDictionary<string, string> Resource,
    IReadOnlyList<IReadOnlyDictionary<string, string>> Events);

/// <summary>A metric as exported: its name, its instrumentation scope (the meter) and the resource.</summary>
public sealed record OtlpMetric(string Name, string Scope, IReadOnlyDictionary<string, string> Resource);
