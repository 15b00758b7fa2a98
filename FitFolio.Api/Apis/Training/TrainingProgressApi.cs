using FitFolio.Api.Http;
using FitFolio.Api.Auth;
using FitFolio.Grains.Training;

namespace FitFolio.Api.Apis.Training;

/// <summary>Records, weekly volume per muscle group and the body-weight log.</summary>
public static class TrainingProgressApi
{
    public static RouteGroupBuilder MapTrainingProgressApi(this RouteGroupBuilder training)
    {
        training.MapGet("/records", RecordsAsync).RequireUser(ApiScope.Read).WithName("TrainingRecords")
            .WithSummary("List personal records")
            .WithDescription("Your current personal records, for every exercise or one (exerciseId).")
            .Produces<ItemsResponse<PersonalRecord>>()
            .ProducesProblemBody(StatusCodes.Status400BadRequest);
        training.MapGet("/progress/muscle-volume", MuscleVolumeAsync).RequireUser(ApiScope.Read).WithName("TrainingMuscleVolume")
            .WithSummary("Get weekly muscle volume")
            .WithDescription("Sets and volume per muscle group per ISO week; primary muscles count a set fully, secondary ones half.")
            .Produces<ItemsResponse<MuscleVolumePoint>>()
            .ProducesProblemBody(StatusCodes.Status400BadRequest);
        training.MapGet("/body-weight", BodyWeightAsync).RequireUser(ApiScope.Read).WithName("TrainingBodyWeight")
            .WithSummary("List body weight")
            .WithDescription("Your body-weight entries, oldest first (the chart series).")
            .Produces<ItemsResponse<BodyWeightEntry>>()
            .ProducesProblemBody(StatusCodes.Status400BadRequest);
        training.MapPut("/body-weight/{date}", PutBodyWeightAsync).RequireUser(ApiScope.Write).WithName("TrainingPutBodyWeight")
            .WithSummary("Record body weight")
            .WithDescription("Records (201) or replaces (200) the body weight of a day; with If-Match only replaces the entry at that version.")
            .Produces<BodyWeightEntry>()
            .Produces<BodyWeightEntry>(StatusCodes.Status201Created)
            .ProducesProblemBody(StatusCodes.Status400BadRequest)
            .TakesIfMatch();
        training.MapDelete("/body-weight/{date}", DeleteBodyWeightAsync).RequireUser(ApiScope.Write).WithName("TrainingDeleteBodyWeight")
            .WithSummary("Delete body weight")
            .WithDescription("Deletes a day's body weight; with If-Match only at that version.")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblemBody(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound)
            .TakesIfMatch();
        return training;
    }

    private static async Task<IResult> RecordsAsync(string? exerciseId, HttpContext context, ProgressQueries progress)
    {
        Guid? exercise = null;
        if (!string.IsNullOrEmpty(exerciseId))
        {
            if (!Guid.TryParse(exerciseId, out var parsed))
            {
                return TrainingErrors.InvalidId(context, "exerciseId");
            }

            exercise = parsed;
        }

        return TypedResults.Ok(new ItemsResponse<PersonalRecord>(await progress.RecordsAsync(context.UserId(), exercise, context.RequestAborted)));
    }

    private static async Task<IResult> MuscleVolumeAsync(string? weeks, string? tz, HttpContext context, ProgressQueries progress)
    {
        if (!TrainingQuery.TryInt(weeks, 1, 104, 12, out var count))
        {
            return TrainingErrors.Invalid(context, "weeks", "weeks is 1 to 104.");
        }

        if (!TrainingQuery.TryZone(tz, out var zone))
        {
            return TrainingErrors.Invalid(context, "tz", "tz is an IANA time zone such as Europe/Berlin.");
        }

        return TypedResults.Ok(
            new ItemsResponse<MuscleVolumePoint>(await progress.WeeklyMuscleVolumeAsync(context.UserId(), count, zone, context.RequestAborted)));
    }

    private static async Task<IResult> BodyWeightAsync(string? from, string? to, HttpContext context, BodyWeightLog log)
    {
        if (!TrainingQuery.TryDate(from, out var fromDate))
        {
            return TrainingErrors.Invalid(context, "from", "from is a date, yyyy-MM-dd.");
        }

        if (!TrainingQuery.TryDate(to, out var toDate))
        {
            return TrainingErrors.Invalid(context, "to", "to is a date, yyyy-MM-dd.");
        }

        return TypedResults.Ok(new ItemsResponse<BodyWeightEntry>(await log.ListAsync(context.UserId(), fromDate, toDate, context.RequestAborted)));
    }

    private static async Task<IResult> PutBodyWeightAsync(string date, BodyWeightInput input, HttpContext context, BodyWeightLog log, TimeProvider clock)
    {
        if (!TrainingQuery.TryDate(date, out var day) || day is null)
        {
            return TrainingErrors.Invalid(context, "date", "date is yyyy-MM-dd.");
        }

        if (day < new DateOnly(1900, 1, 1) || day > DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime).AddDays(1))
        {
            return TrainingErrors.Invalid(context, "date", "date cannot be in the future.");
        }

        return EntityTags.TryExpected(context, out var expected, out var error)
            ? EntityTags.Answer(context, await log.PutAsync(context.UserId(), day.Value, input, expected, context.RequestAborted), e => e.Version)
            : error!;
    }

    private static readonly TrainingError NoEntry = new(TrainingFailure.NotFound, "not_found", "You have no body weight for that day.");

    private static async Task<IResult> DeleteBodyWeightAsync(string date, HttpContext context, BodyWeightLog log)
    {
        if (!TrainingQuery.TryDate(date, out var day) || day is null)
        {
            return TrainingErrors.Invalid(context, "date", "date is yyyy-MM-dd.");
        }

        if (!EntityTags.TryExpected(context, out var expected, out var error))
        {
            return error!;
        }

        return (await log.DeleteAsync(context.UserId(), day.Value, expected, context.RequestAborted)).Error switch
        {
            null => TypedResults.NoContent(),
            { Failure: TrainingFailure.NotFound } => TrainingErrors.Of(context, NoEntry),
            { } refused => TrainingErrors.Of(context, refused),
        };
    }
}
