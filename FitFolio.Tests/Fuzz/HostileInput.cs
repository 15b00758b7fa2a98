using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace FitFolio.Tests.Fuzz;

/// <summary>
/// Generates one request for an operation and a caller from a seeded <see cref="Random"/>: a valid request built from the
/// operation's schema, then one hostile change to its body, content type, path, query, headers or cookies.
/// </summary>
internal sealed class HostileInput(JsonObject document, IReadOnlyDictionary<string, string> ids, Random random)
{
    private static readonly string[] HostileStrings =
    [
        "", " ", "null", "0", "-1", "1e309", "NaN", "../../../etc/passwd", "..%2f..%2f", "' or 1=1 --", "\"; drop table users; --", "<script>alert(1)</script>",
        "a\r\nSet-Cookie: x=1", "a\u0000b", "\u202e\u0646\ud83d\ude00", "%00", "%FF%FE", "00000000-0000-0000-0000-000000000000",
        "ffffffff-ffff-ffff-ffff-ffffffffffff", "2026-02-30", "9999-12-31T23:59:59Z", "0001-01-01", "-0", "1.7976931348623157E+309", "read write admin",
        "\t\v\f", "${jndi:ldap://x}", "{{7*7}}", "ffk_AAAAAAAAAAAA_" + new string('B', 43),
    ];

    private static readonly string[] HostileJson =
    [
        "null", "true", "\"text\"", "[]", "{}", "-1", "0", "2147483648", "-2147483649", "9223372036854775808", "1e309", "-1e309", "1e-400", "0.0000000001",
        "99999999999999999999999999999999", "1.5", "-0", "[null]", "[1,2,3]", "{\"a\":1}", "\"\\u0000\"", "\"a\\r\\nb\"",
    ];

    private static readonly string[] ContentTypes =
    [
        "text/plain", "application/xml", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/json; charset=utf-16",
        "application/json; charset=nonsense", "application/merge-patch+json", "text/csv", "application/octet-stream", "*/*", "application/json\u00ff", "",
    ];

    public FuzzRequest Next(FuzzOperation operation, FuzzCaller caller)
    {
        var headers = new List<KeyValuePair<string, string>>();
        if (caller.Cookie is { Length: > 0 } cookie)
        {
            headers.Add(new("Cookie", cookie));
        }

        if (caller.Bearer is { } bearer)
        {
            headers.Add(new("Authorization", "Bearer " + bearer));
        }

        if (operation.Method != "GET")
        {
            headers.Add(new("Origin", Infrastructure.ApiClient.DefaultOrigin));
            if (caller.Csrf is { } csrf)
            {
                headers.Add(new("X-CSRF-Token", csrf));
            }
        }

        var body = operation.BodySchema is { } schema ? Valid(schema, null, 0) : null;
        var contentType = operation.BodyType;
        var pathValues = operation.Parameters.Where(p => p.In == "path")
            .ToDictionary(p => p.Name, p => ValidPathValue(operation.Path, p.Name), StringComparer.Ordinal);
        var query = new List<string>();
        byte[]? raw = null;
        string mutation;
        switch (random.Next(10))
        {
            case 0:
                mutation = "valid";
                break;
            case 1 or 2 when body is not null:
                mutation = MutateValue(ref body);
                break;
            case 3 when contentType is not null:
                (raw, mutation) = RawBody();
                break;
            case 4:
                contentType = Pick(ContentTypes);
                mutation = $"content type {contentType}";
                break;
            case 5 when pathValues.Count > 0:
                var name = Pick([.. pathValues.Keys]);
                pathValues[name] = HostilePathValue();
                mutation = $"path {name}";
                break;
            case 6:
                mutation = HostileQuery(operation, query);
                break;
            case 7:
                mutation = HostileHeader(headers);
                break;
            default:
                if (body is not null && random.Next(2) == 0)
                {
                    mutation = MutateValue(ref body);
                }
                else
                {
                    mutation = HostileQuery(operation, query);
                }

                break;
        }

        var path = operation.Path;
        foreach (var (name, value) in pathValues)
        {
            path = path.Replace("{" + name + "}", value, StringComparison.Ordinal);
        }

        foreach (var parameter in operation.Parameters.Where(p => p.In == "query" && random.Next(3) == 0))
        {
            query.Add($"{parameter.Name}={Uri.EscapeDataString(ValidScalar(parameter.Name, parameter.Type, null))}");
        }

        if (query.Count > 0)
        {
            path += "?" + string.Join('&', query);
        }

        raw ??= body is null ? null : Encoding.UTF8.GetBytes(body.ToJsonString());
        if (raw is null && contentType is not null && operation.BodyType is null)
        {
            raw = "{}"u8.ToArray();
        }

        var sentType = raw is null ? null : contentType ?? "application/json";
        return new FuzzRequest(caller.Name, operation.Id, operation.Method, path, headers, raw, sentType, mutation);
    }

    private string ValidPathValue(string template, string name)
    {
        if (name != "id")
        {
            return ids.GetValueOrDefault(name, "x");
        }

        var segments = template.Split('/');
        var before = segments[Array.IndexOf(segments, "{id}") - 1];
        return ids.GetValueOrDefault(before, Guid.NewGuid().ToString());
    }

    private string HostilePathValue() => random.Next(8) switch
    {
        0 => Uri.EscapeDataString(Pick(HostileStrings)),
        1 => new string('9', random.Next(100, 3000)),
        2 => Guid.NewGuid().ToString(),
        3 => "%2e%2e",
        4 => "a%2Fb",
        5 => "%FF%FE%00",
        6 => "..",
        _ => Uri.EscapeDataString(Pick(HostileStrings)) + "%0D%0A",
    };

    private string HostileQuery(FuzzOperation operation, List<string> query)
    {
        var declared = operation.Parameters.Where(p => p.In == "query").Select(p => p.Name).ToList();
        var name = declared.Count > 0 && random.Next(4) != 0 ? Pick([.. declared]) : Pick(["zz", "__proto__", "limit", "cursor", "%00", "a[b]"]);
        var value = random.Next(6) switch
        {
            0 => new string('q', random.Next(1000, 12000)),
            1 => "%FF%FE",
            2 => Uri.EscapeDataString(Pick(HostileJson)),
            _ => Uri.EscapeDataString(Pick(HostileStrings)),
        };
        query.Add($"{name}={value}");
        if (random.Next(3) == 0)
        {
            query.Add($"{name}={Uri.EscapeDataString(Pick(HostileStrings))}");
        }

        return $"query {name}";
    }

    private string HostileHeader(List<KeyValuePair<string, string>> headers)
    {
        switch (random.Next(9))
        {
            case 0:
                headers.Add(new("Cookie", "ff_session=" + new string('A', random.Next(4000, 40000))));
                return "oversized cookie";
            case 1:
                headers.Add(new("X-Padding", new string('h', random.Next(8000, 40000))));
                return "oversized header";
            case 2:
                headers.RemoveAll(h => h.Key == "Cookie");
                var session = Pick(HostileStrings).Replace("\r\n", "", StringComparison.Ordinal).Replace("\u0000", "", StringComparison.Ordinal);
                headers.Add(new("Cookie", "ff_session=" + session + "; ff_csrf=%FF; __Host-ff_session=x"));
                return "hostile cookie";
            case 3:
                headers.RemoveAll(h => h.Key == "Authorization");
                headers.Add(new("Authorization", Pick(
                [
                    "Bearer ", "Bearer ffk_", "Bearer ffk_x_y", "Basic Zm9vOmJhcg==", "Bearer " + new string('k', 5000), "ffk_abc",
                    "Bearer ffk_AAAAAAAAAAAA_" + new string('B', 43),
                ])));
                return "hostile authorization";
            case 4:
                headers.RemoveAll(h => h.Key == "X-CSRF-Token");
                headers.Add(new("X-CSRF-Token", Pick(["", "x", new string('c', 3000), "é"])));
                return "hostile csrf token";
            case 5:
                headers.RemoveAll(h => h.Key == "Origin");
                headers.Add(new("Origin", Pick(["null", "http://evil.example", "http://localhost:8080.evil", "é://x", ""])));
                return "hostile origin";
            case 6:
                headers.Add(new("X-Forwarded-For", Pick(["1.2.3.4, ::1, x", "999.1.1.1", new string('1', 3000), "unknown"])));
                return "hostile forwarded-for";
            case 7:
                headers.Add(new("Accept", Pick(["application/xml", "*/*;q=abc", "text/html", new string('a', 2000)])));
                return "hostile accept";
            default:
                headers.Add(new(Pick(["If-Match", "If-None-Match", "Idempotency-Key", "Range", "Accept-Language", "User-Agent"]), Pick(HostileStrings)
                    .Replace("\r\n", "", StringComparison.Ordinal).Replace("\u0000", "", StringComparison.Ordinal)));
                return "hostile extra header";
        }
    }

    private (byte[] Body, string Mutation) RawBody()
    {
        var depth = random.Next(70, 5000);
        return random.Next(10) switch
        {
            0 => ([], "empty body"),
            1 => (Encoding.UTF8.GetBytes(new string('[', depth) + new string(']', depth)), "deep array nesting"),
            2 => (Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("{\"a\":", depth)) + "1" + new string('}', depth)), "deep object nesting"),
            3 => ([.. "{\"name\":\""u8, 0xff, 0xfe, 0xc3, .. "\"}"u8], "invalid utf-8"),
            4 => (Encoding.UTF8.GetBytes("[" + string.Join(',', Enumerable.Repeat("{}", random.Next(1000, 50000))) + "]"), "huge array"),
            5 => (Encoding.UTF8.GetBytes("{\"a\":\"" + new string('x', random.Next(10000, 900_000)) + "\"}"), "huge string"),
            6 => ([0xef, 0xbb, 0xbf, .. "{}"u8], "byte order mark"),
            7 => (Encoding.UTF8.GetBytes(Pick(
                [
                    "{", "not json", "{\"a\":1,}", "{'a':1}", "[1,2", "{\"a\":NaN}", "{\"name\":\"\\ud800\"}", "\u0000", "{\"a\":1}{\"b\":2}",
                ])), "malformed json"),
            8 => (Encoding.UTF8.GetBytes(Pick(HostileJson)), "scalar body"),
            _ => ("{\"a\":1,\"a\":2,\"__proto__\":{\"admin\":true}}"u8.ToArray(), "duplicate keys"),
        };
    }

    private string MutateValue(ref JsonNode body)
    {
        if (body is not JsonObject root || root.Count == 0 || random.Next(8) == 0)
        {
            root = body as JsonObject ?? [];
            root["zz_unknown" + random.Next(100)] = JsonNode.Parse(Pick(HostileJson));
            body = root;
            return "unknown field";
        }

        // Walk down a random path of objects and arrays, then replace the value there.
        JsonNode container = root;
        string label = "";
        for (var depth = 0; depth < 6; depth++)
        {
            if (container is JsonObject obj && obj.Count > 0)
            {
                var key = obj.ElementAt(random.Next(obj.Count)).Key;
                label += "." + key;
                if (obj[key] is JsonObject or JsonArray && random.Next(2) == 0 && obj[key] is { } inner && Count(inner) > 0)
                {
                    container = inner;
                    continue;
                }

                obj[key] = Hostile();
                return "value " + label;
            }

            if (container is JsonArray array && array.Count > 0)
            {
                var index = random.Next(array.Count);
                label += $"[{index}]";
                if (array[index] is JsonObject or JsonArray && random.Next(2) == 0 && array[index] is { } inner && Count(inner) > 0)
                {
                    container = inner;
                    continue;
                }

                array[index] = Hostile();
                return "value " + label;
            }

            break;
        }

        return "valid";
    }

    private static int Count(JsonNode node) => node switch
    {
        JsonObject o => o.Count,
        JsonArray a => a.Count,
        _ => 0,
    };

    private JsonNode? Hostile() => random.Next(5) switch
    {
        0 => JsonValue.Create(Pick(HostileStrings)),
        1 => JsonValue.Create(new string('s', random.Next(300, 200_000))),
        2 => new JsonArray([.. Enumerable.Range(0, random.Next(200, 20_000)).Select(i => (JsonNode?)JsonValue.Create(i))]),
        _ => JsonNode.Parse(Pick(HostileJson)),
    };

    /// <summary>A value the schema accepts, from the names FitFolio uses (exercise ids from the catalog, dates as dates).</summary>
    private JsonNode? Valid(JsonObject schema, string? name, int depth)
    {
        schema = FuzzOperation.Resolve(document, schema) ?? [];
        if ((schema["anyOf"] ?? schema["oneOf"]) is JsonArray anyOf)
        {
            var option = anyOf.OfType<JsonObject>().Select(o => FuzzOperation.Resolve(document, o)).FirstOrDefault(o => TypeOf(o!) != "null");
            return option is null ? null : Valid(option, name, depth);
        }

        if (schema["enum"] is JsonArray { Count: > 0 } values)
        {
            return values[0]?.DeepClone();
        }

        switch (TypeOf(schema))
        {
            case "object":
                var result = new JsonObject();
                foreach (var (property, propertySchema) in schema["properties"] as JsonObject ?? [])
                {
                    if (depth < 5 && propertySchema is JsonObject ps)
                    {
                        result[property] = Valid(ps, property, depth + 1);
                    }
                }

                return result;
            case "array":
                return schema["items"] is JsonObject items && depth < 5 ? new JsonArray(Valid(items, name, depth + 1)) : [];
            case "null":
                return null;
            default:
                var scalar = ValidScalar(name ?? "", TypeOf(schema), schema["format"]?.ToString());
                return TypeOf(schema) switch
                {
                    "integer" => JsonValue.Create(long.Parse(scalar, CultureInfo.InvariantCulture)),
                    "number" => JsonValue.Create(decimal.Parse(scalar, CultureInfo.InvariantCulture)),
                    "boolean" => JsonValue.Create(scalar == "true"),
                    _ => JsonValue.Create(scalar),
                };
        }
    }

    private string ValidScalar(string name, string type, string? format) => (type, format, name) switch
    {
        ("integer", _, _) => "3",
        ("number", _, _) => "2.5",
        ("boolean", _, _) => "false",
        (_, "uuid", "exerciseId" or "replacementExerciseId") => ids["exercises"],
        (_, "uuid", _) => Guid.NewGuid().ToString(),
        (_, "date", _) => "2026-01-06",
        (_, "date-time", _) => "2026-01-06T10:00:00Z",
        (_, _, "email" or "newEmail") => "fuzz-target@example.com",
        (_, _, "weightUnit" or "unit") => "kg",
        (_, _, "scopes") => "read",
        _ => "fuzz",
    };

    private static string TypeOf(JsonObject schema) => schema["type"] switch
    {
        JsonArray types => types.Select(t => t?.ToString()).FirstOrDefault(t => t != "null") ?? "null",
        JsonValue value => value.ToString(),
        _ => schema["properties"] is not null ? "object" : "string",
    };

    private T Pick<T>(T[] values) => values[random.Next(values.Length)];
}
