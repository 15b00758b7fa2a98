using FitFolio.Grains.Idempotency;
using FitFolio.Grains.Training;
using Microsoft.Extensions.Primitives;

namespace FitFolio.Api.Apis.Training;

/// <summary>
/// ETag and If-Match for the versioned training resources (workouts, programs, exercises, body weight; sql/018_versions.sql).
/// The ETag is the stored version as a strong tag (<c>"3"</c>). If-Match takes one such tag or <c>*</c>; a weak tag is
/// well-formed but never matches (If-Match compares strongly), so it gets 412 like a stale one. Anything else, a list
/// included, is refused with 400: our clients only ever send back the one tag they were given. No If-Match at all keeps
/// the old last-write-wins behaviour, so API scripts and the app's offline queue work as before.
/// </summary>
public static class EntityTags
{
    /// <summary>One definition with the tag a keyed write stores for its replay (<see cref="AnswerHeaderRecipe"/>).</summary>
    public static string Of(long version) => AnswerHeaderRecipe.EntityTagOf(version);

    /// <summary>Reads If-Match: true with the expected version (null: none sent), or false with the 400 to answer.</summary>
    public static bool TryExpected(HttpContext context, out long? expected, out IResult? error)
    {
        expected = null;
        error = null;
        var values = context.Request.Headers.IfMatch;
        if (StringValues.IsNullOrEmpty(values))
        {
            return true;
        }

        expected = values.Count == 1 ? Parse(values[0]!.Trim()) : null;
        if (expected is null)
        {
            error = TrainingErrors.Of(context, new TrainingError(
                TrainingFailure.Invalid, "invalid_if_match", "If-Match is one ETag this API gave out (such as \"3\"), or *.", "If-Match"));
            return false;
        }

        return true;
    }

    /// <summary>A conditional write of the resource whose path id is <paramref name="id"/>: 400 for a bad id or If-Match, else the outcome.</summary>
    public static async Task<IResult> WriteAsync<T>(
        HttpContext context, string id, Func<Guid, long?, Task<TrainingOutcome<T>>> write, Func<T, long> version)
    {
        if (!Guid.TryParse(id, out var resourceId))
        {
            return TrainingErrors.InvalidId(context, "id");
        }

        return TryExpected(context, out var expected, out var error) ? Answer(context, await write(resourceId, expected), version) : error!;
    }

    /// <summary>Answers the outcome, with the new version as the ETag header when it succeeded.</summary>
    public static IResult Answer<T>(HttpContext context, TrainingOutcome<T> outcome, Func<T, long> version, string? location = null)
    {
        if (outcome.Value is { } value)
        {
            context.Response.Headers.ETag = Of(version(value));
        }

        return TrainingErrors.Answer(context, outcome, location);
    }

    /// <summary>200 with the resource and its ETag header.</summary>
    public static IResult Ok<T>(HttpContext context, T value, long version)
    {
        context.Response.Headers.ETag = Of(version);
        return TypedResults.Ok(value);
    }

    private static long? Parse(string value)
    {
        if (value == "*")
        {
            return ExpectedVersion.AnyExisting;
        }

        var weak = value.StartsWith("W/", StringComparison.Ordinal);
        var tag = weak ? value[2..] : value;
        if (tag.Length < 3 || tag[0] != '"' || tag[^1] != '"' || !tag[1..^1].All(char.IsAsciiDigit)
            || !long.TryParse(tag[1..^1], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var version)
            || version < 1)
        {
            return null;
        }

        return weak ? ExpectedVersion.Never : version;
    }
}
