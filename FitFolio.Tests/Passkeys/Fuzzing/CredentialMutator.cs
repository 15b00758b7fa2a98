using System.Formats.Cbor;
using System.Text;
using System.Text.Json.Nodes;

namespace FitFolio.Tests.Passkeys.Fuzzing;

/// <summary>
/// Structure-aware mutations of a posted credential: JSON members removed or retyped, base64url
/// garbage, binary members mutated after decoding, the authenticator data and COSE key inside an
/// attestation object mutated in place, clientDataJSON edited as JSON, and whole-input noise.
/// </summary>
public sealed class CredentialMutator(ByteMutator bytes, IReadOnlyList<byte[]> donors)
{
    private static readonly string[] BinaryMembers =
    [
        "id",
        "rawId",
        "response.clientDataJSON",
        "response.attestationObject",
        "response.authenticatorData",
        "response.signature",
        "response.userHandle"
    ];

    // Built once: allocating a fresh multi-megabyte string per case would dominate the run time.
    private static readonly string[] HugeInputs =
    [
        "{\"id\":\"" + new string('A', 140_000) + "\"}",
        "{\"response\":{\"clientDataJSON\":\"" + new string('A', 131_000) + "\"}}",
        new string('[', 400_000),
    ];

    private readonly Random _random = bytes.Random;

    public FuzzCase Mutate(FuzzSeed seed)
    {
        var root = JsonNode.Parse(seed.Json)!.AsObject();
        return _random.Next(100) switch
        {
            < 30 => MutateBinaryMember(root),
            < 45 => MutateInsideAttestationObject(root),
            < 55 => MutateClientDataJson(root),
            < 67 => MutateJsonMember(root),
            < 75 => GarbleBase64(root),
            < 90 => MutateText(seed.Json),
            _ => Noise(),
        };
    }

    private FuzzCase MutateBinaryMember(JsonObject root)
    {
        var present = BinaryMembers.Where(path => Find(root, path) is JsonValue).ToArray();
        var path = present[_random.Next(present.Length)];
        var (parent, name) = Locate(root, path);
        var original = Base64UrlText.Decode((string)parent[name]!);
        var mutated = bytes.Mutate(original, donors);
        parent[name] = Base64UrlText.Encode(mutated);
        return new FuzzCase($"bytes of {path}", root.ToJsonString(), null, Changed(name, original, mutated));
    }

    // Byte noise on an attestation object mostly breaks its CBOR framing; rebuilding it around a mutated
    // authData, COSE key or attStmt reaches the parsers behind the framing.
    private FuzzCase MutateInsideAttestationObject(JsonObject root)
    {
        if (Find(root, "response.attestationObject") is not JsonValue value)
        {
            return MutateBinaryMember(root);
        }

        var (fmt, attStmt, authData) = TestCbor.ReadAttestationObject(Base64UrlText.Decode((string)value!));
        string description;
        switch (_random.Next(4))
        {
            case 0:
                authData = bytes.Mutate(authData, donors);
                description = "authData inside attestationObject";
                break;
            case 1:
                authData = MutateCoseKey(authData);
                description = "COSE key inside authData";
                break;
            case 2:
                attStmt = bytes.Mutate(attStmt, donors);
                description = "attStmt inside attestationObject";
                break;
            default:
                fmt = _random.Next(2) == 0
                    ? bytes.Random.Next(3) switch { 0 => "packed", 1 => "none", _ => "tpm" }
                    : Encoding.Latin1.GetString(bytes.RandomBytes(_random.Next(0, 12)));
                description = "fmt inside attestationObject";
                break;
        }

        // Assembled by hand: CborWriter.WriteEncodedValue would refuse the ill-formed attStmt we want to send.
        byte[] rebuilt =
        [
            0xa3,
            .. Item(w => w.WriteTextString("fmt")),
            .. Item(w => w.WriteTextString(fmt)),
            .. Item(w => w.WriteTextString("attStmt")),
            .. attStmt,
            .. Item(w => w.WriteTextString("authData")),
            .. Item(w => w.WriteByteString(authData))
        ];
        ((JsonObject)root["response"]!)["attestationObject"] = Base64UrlText.Encode(rebuilt);
        return new FuzzCase(description, root.ToJsonString(), null, "attestationObject");
    }

    private static byte[] Item(Action<CborWriter> write)
    {
        var writer = new CborWriter(CborConformanceMode.Lax);
        write(writer);
        return writer.Encode();
    }

    private byte[] MutateCoseKey(byte[] authData)
    {
        if (authData.Length < 55 || (authData[32] & 0x40) == 0)
        {
            return bytes.Mutate(authData, donors);
        }

        var keyStart = 55 + ((authData[53] << 8) | authData[54]);
        if (keyStart >= authData.Length)
        {
            return bytes.Mutate(authData, donors);
        }

        return [.. authData[..keyStart], .. bytes.Mutate(authData[keyStart..], donors)];
    }

    private FuzzCase MutateClientDataJson(JsonObject root)
    {
        var response = (JsonObject)root["response"]!;
        var original = Base64UrlText.Decode((string)response["clientDataJSON"]!);
        var clientData = JsonNode.Parse(original)!.AsObject();
        var names = clientData.Select(p => p.Key).ToArray();
        var name = names[_random.Next(names.Length)];
        switch (_random.Next(5))
        {
            case 0:
                clientData.Remove(name);
                break;
            case 1:
                clientData[name] = WrongValue();
                break;
            case 2:
                clientData[name] = (string?)(clientData[name] as JsonValue)?.ToString() + Encoding.Latin1.GetString(bytes.RandomBytes(_random.Next(1, 4)));
                break;
            case 3:
                clientData["crossOrigin"] = true;
                clientData["topOrigin"] = _random.Next(2) == 0 ? "https://evil.example" : null;
                break;
            default:
                clientData[name + _random.Next(3)] = WrongValue();
                break;
        }

        var mutated = Encoding.UTF8.GetBytes(clientData.ToJsonString());
        response["clientDataJSON"] = Base64UrlText.Encode(mutated);
        return new FuzzCase($"clientDataJSON member {name}", root.ToJsonString(), null, Changed("clientDataJSON", original, mutated));
    }

    private FuzzCase MutateJsonMember(JsonObject root)
    {
        var members = Members(root).ToArray();
        var (parent, name) = members[_random.Next(members.Length)];
        if (_random.Next(2) == 0)
        {
            parent.Remove(name);
            return new FuzzCase($"removed {name}", root.ToJsonString(), null, null);
        }

        parent[name] = WrongValue();
        return new FuzzCase($"retyped {name}", root.ToJsonString(), null, null);
    }

    private FuzzCase GarbleBase64(JsonObject root)
    {
        var present = BinaryMembers.Where(path => Find(root, path) is JsonValue).ToArray();
        var path = present[_random.Next(present.Length)];
        var (parent, name) = Locate(root, path);
        var text = (string)parent[name]!;
        string[] garbage = ["=", "==", "+", "/", " ", "\n", "\0", "é", "\ud83d\ude00", "%", ".", "A", "AAA"];
        var at = _random.Next(text.Length + 1);
        parent[name] = _random.Next(3) switch
        {
            0 => text[..at] + garbage[_random.Next(garbage.Length)] + text[at..],
            1 => text[..at],
            _ => new string('A', _random.Next(0, 30_000)),
        };
        return new FuzzCase($"base64url garbage in {path}", root.ToJsonString(), null, null);
    }

    // The posted text itself: UTF-8 bytes flipped, cut, spliced; may leave JSON or UTF-8 altogether.
    private FuzzCase MutateText(string json)
    {
        var utf8 = Encoding.UTF8.GetBytes(json);
        return _random.Next(4) switch
        {
            0 => new FuzzCase("duplicated JSON member", DuplicateMember(json), null, null),
            1 => new FuzzCase(
                "deeply nested JSON",
                json.Insert(json.LastIndexOf('}'), ",\"clientExtensionResults2\":" + new string('[', _random.Next(10, 5000))),
                null,
                null),
            _ => new FuzzCase("bytes of the JSON text", null, bytes.Mutate(utf8, donors), null),
        };
    }

    private string DuplicateMember(string json)
    {
        string[] names = ["\"id\"", "\"type\"", "\"response\"", "\"clientDataJSON\"", "\"signature\""];
        var name = names[_random.Next(names.Length)];
        var at = json.IndexOf(name, StringComparison.Ordinal);
        return at < 0 ? json : json.Insert(at, name + ":\"AAAA\",");
    }

    private FuzzCase Noise() => _random.Next(3) switch
    {
        0 => new FuzzCase("random bytes", null, bytes.RandomBytes(_random.Next(0, 2048)), null),
        1 => new FuzzCase("random text", Encoding.Latin1.GetString(bytes.RandomBytes(_random.Next(0, 512))), null, null),
        _ => new FuzzCase("huge input", HugeInputs[_random.Next(HugeInputs.Length)], null, null),
    };

    private JsonNode? WrongValue() => _random.Next(8) switch
    {
        0 => null,
        1 => 0,
        2 => true,
        3 => new JsonObject(),
        4 => new JsonArray(1, "a"),
        5 => "",
        6 => -1.5e300,
        _ => new string('x', _random.Next(1, 20_000)),
    };

    private static string? Changed(string member, byte[] original, byte[] mutated) =>
        original.AsSpan().SequenceEqual(mutated) ? null : member;

    private static IEnumerable<(JsonObject Parent, string Name)> Members(JsonObject obj)
    {
        foreach (var (name, value) in obj.ToArray())
        {
            yield return (obj, name);
            if (value is JsonObject child)
            {
                foreach (var member in Members(child))
                {
                    yield return member;
                }
            }
        }
    }

    private static JsonNode? Find(JsonObject root, string path)
    {
        var (parent, name) = Locate(root, path);
        return parent[name];
    }

    private static (JsonObject Parent, string Name) Locate(JsonObject root, string path) =>
        path.StartsWith("response.", StringComparison.Ordinal)
            ? ((JsonObject)root["response"]!, path["response.".Length..])
            : (root, path);
}
