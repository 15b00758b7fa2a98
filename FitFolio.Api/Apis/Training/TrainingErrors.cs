using FitFolio.Api.Http;
using FitFolio.Grains.Training;

namespace FitFolio.Api.Apis.Training;

/// <summary>Turns training refusals into HTTP answers.</summary>
public static class TrainingErrors
{
    public static IResult Of(HttpContext context, TrainingError error)
    {
        if (error.Failure == TrainingFailure.Stale)
        {
            return Stale(context, error);
        }

        return Errors.Result(
            context,
            error.Failure switch
            {
                TrainingFailure.NotFound => StatusCodes.Status404NotFound,
                TrainingFailure.Conflict => StatusCodes.Status409Conflict,
                TrainingFailure.Forbidden => StatusCodes.Status403Forbidden,
                _ => StatusCodes.Status400BadRequest,
            },
            error.Code,
            error.Message,
            error.Field);
    }

    /// <summary>412: the error body with the version now stored, which is also the ETag header (none when nothing is stored).</summary>
    private static IResult Stale(HttpContext context, TrainingError error)
    {
        if (error.CurrentVersion is { } current)
        {
            context.Response.Headers.ETag = EntityTags.Of(current);
        }

        var body = new ApiError(error.Code, error.Message, context.TraceIdentifier, error.Field) { CurrentVersion = error.CurrentVersion };
        return TypedResults.Json(new ApiErrorBody(body), statusCode: StatusCodes.Status412PreconditionFailed);
    }

    public static IResult Invalid(HttpContext context, string field, string message) => Of(context, TrainingError.Validation(field, message));

    public static IResult InvalidId(HttpContext context, string field) =>
        Of(context, new TrainingError(TrainingFailure.Invalid, "invalid_id", $"{field} must be a UUID.", field));

    public static IResult NotFound(HttpContext context, string what) => Of(context, TrainingError.NotFound(what));

    public static IResult Answer<T>(HttpContext context, TrainingOutcome<T> outcome, string? location = null) =>
        outcome.Error is { } error ? Of(context, error)
        : outcome.Created ? TypedResults.Json(outcome.Value, statusCode: StatusCodes.Status201Created).WithLocation(context, location)
        : TypedResults.Ok(outcome.Value);

    private static IResult WithLocation(this IResult result, HttpContext context, string? location)
    {
        if (location is not null)
        {
            context.Response.Headers.Location = location;
        }

        return result;
    }
}
