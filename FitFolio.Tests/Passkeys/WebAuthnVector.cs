using System.Text.Json.Nodes;
using FitFolio.Grains.Passkeys;

namespace FitFolio.Tests.Passkeys;

/// <summary>
/// One file of the shared WebAuthn vectors (/work/shared/webauthn-vectors, README.md there), read at
/// test time so the vectors stay the single source of truth. The folder is FITFOLIO_WEBAUTHN_VECTORS,
/// or ../shared/webauthn-vectors next to the directory that holds FitFolio.sln.
/// </summary>
public sealed class WebAuthnVector
{
    private WebAuthnVector(string name, JsonObject root)
    {
        Name = name;
        Root = root;
    }

    public string Name { get; }

    public JsonObject Root { get; }

    public bool IsRegistration => (string)Root["ceremony"]! == "registration";

    public string RpId => (string)Root["rpId"]!;

    public string Origin => (string)Root["origin"]!;

    public byte[] Challenge => Base64UrlText.Decode((string)Root["challenge"]!);

    public bool UserVerificationRequired => (bool)Root["userVerificationRequired"]!;

    /// <summary>The PublicKeyCredential.toJSON() output, as the browser would post it.</summary>
    public string ResponseJson => Root["response"]!.ToJsonString();

    public JsonObject Expect => Root["expect"]!.AsObject();

    public bool ExpectOk => (bool)Expect["ok"]!;

    public string? ExpectedError => (string?)Expect["error"];

    public int ExpectedAlgorithm => (int)Expect["alg"]!;

    public static string Directory { get; } = FindDirectory();

    public static IReadOnlyList<string> Names { get; } =
        [.. System.IO.Directory.GetFiles(Directory, "*.json").Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal).Cast<string>()];

    public static WebAuthnVector Load(string name) =>
        new(name, JsonNode.Parse(File.ReadAllText(Path.Combine(Directory, name + ".json")))!.AsObject());

    public static IEnumerable<WebAuthnVector> All() => Names.Select(Load);

    public RelyingPartyOptions Options() => new()
    {
        RpId = RpId,
        RpName = "FitFolio vectors",
        AllowedOrigins = [Origin],
        RequireUserVerification = UserVerificationRequired,
    };

    /// <summary>The stored credential of an authentication vector; the owner handle is the response's userHandle when it sends one.</summary>
    public StoredPasskey StoredPasskey()
    {
        var stored = Root["storedCredential"]!;
        return new StoredPasskey(
            Base64UrlText.Decode((string)stored["credentialId"]!),
            Base64UrlText.Decode((string)stored["publicKeyCose"]!),
            (uint)stored["signCount"]!,
            BackupEligible(),
            OwnerHandle());
    }

    public PendingPasskeyCeremony Pending(DateTimeOffset now) => IsRegistration
        ? PendingPasskeyCeremony.ForRegistration(Challenge, OwnerHandle(), now.AddMinutes(5))
        : PendingPasskeyCeremony.ForAuthentication(Challenge, OwnerHandle(), [], now.AddMinutes(5));

    /// <summary>
    /// The vectors do not record BE for the stored credential; it is read from the response's own
    /// authenticatorData, which is what our registration would have stored.
    /// </summary>
    private bool BackupEligible()
    {
        var authenticatorData = Base64UrlText.Decode((string)Root["response"]!["response"]!["authenticatorData"]!);
        return (authenticatorData[32] & 0x08) != 0;
    }

    private byte[] OwnerHandle()
    {
        var sent = (string?)Root["response"]!["response"]!["userHandle"];
        return string.IsNullOrEmpty(sent) ? "vector-owner"u8.ToArray() : Base64UrlText.Decode(sent);
    }

    private static string FindDirectory()
    {
        var configured = Environment.GetEnvironmentVariable("FITFOLIO_WEBAUTHN_VECTORS");
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return configured;
        }

        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "FitFolio.sln")))
            {
                var vectors = Path.GetFullPath(Path.Combine(directory.FullName, "..", "shared", "webauthn-vectors"));
                return System.IO.Directory.Exists(vectors)
                    ? vectors
                    : throw new DirectoryNotFoundException($"WebAuthn vectors not found at {vectors}; set FITFOLIO_WEBAUTHN_VECTORS.");
            }
        }

        throw new DirectoryNotFoundException("No FitFolio.sln above " + AppContext.BaseDirectory + "; set FITFOLIO_WEBAUTHN_VECTORS.");
    }

    public override string ToString() => Name;
}
