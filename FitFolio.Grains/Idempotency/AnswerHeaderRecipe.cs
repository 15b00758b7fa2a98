using System.Globalization;
using System.Text.Json;

namespace FitFolio.Grains.Idempotency;

/// <summary>
/// Which of the replayable headers (ETag, Location) a keyed write's answer carries, each a function of the answer's
/// body: the ETag is the body's <c>version</c> as a strong tag, and the Location, of a 201 only, is
/// <see cref="Location"/> with <c>{id}</c> replaced by the body's <c>id</c>. The front door declares it from the route's
/// metadata (FitFolio.Api/Http/IdempotencyKeyFilter.cs); the store that commits the write applies it
/// (<see cref="IdempotencyStore.RecordAsync"/>), so the headers a retry gets commit with the change, its status and body,
/// and a crash can never leave a stored answer without them.
/// </summary>
[GenerateSerializer, Immutable, Alias("fitfolio.idempotency.answer-headers")]
public sealed record AnswerHeaderRecipe(
    [property: Id(0)] bool ETag,
    [property: Id(1)] string? Location)
{
    public const string ETagHeader = "ETag";

    public const string LocationHeader = "Location";

    public const string IdPlaceholder = "{id}";

    /// <summary>A version as the strong entity tag the API gives out (<c>"3"</c>).</summary>
    public static string EntityTagOf(long version) => "\"" + version.ToString(CultureInfo.InvariantCulture) + "\"";

    /// <summary>The headers an answer of <paramref name="status"/> with JSON <paramref name="body"/> carries; null when none.</summary>
    public Dictionary<string, string>? For(int status, string? body)
    {
        if (body is null || (!ETag && (Location is null || status != 201)))
        {
            return null;
        }

        using var document = JsonDocument.Parse(body);
        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        Dictionary<string, string>? headers = null;
        if (ETag && document.RootElement.TryGetProperty("version", out var version) && version.TryGetInt64(out var number))
        {
            (headers ??= new(StringComparer.Ordinal))[ETagHeader] = EntityTagOf(number);
        }

        if (Location is not null && status == 201
            && document.RootElement.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String && id.GetString() is { Length: > 0 } value)
        {
            (headers ??= new(StringComparer.Ordinal))[LocationHeader] = Location.Replace(IdPlaceholder, value, StringComparison.Ordinal);
        }

        return headers;
    }
}
