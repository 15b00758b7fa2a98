using FitFolio.Api.Http;
using FitFolio.Api.Auth;
using FitFolio.Grains.Training;

namespace FitFolio.Api.Apis.Training;

/// <summary>The exercise catalog and a person's own exercises, with each exercise's last sets, history, records and progress.</summary>
public static class TrainingExercisesApi
{
    public static RouteGroupBuilder MapTrainingExercisesApi(this RouteGroupBuilder training)
    {
        var exercises = training.MapGroup("/exercises");
        exercises.MapGet("/", ListAsync).RequireUser(ApiScope.Read).WithName("TrainingListExercises")
            .WithSummary("List exercises")
            .WithDescription("Built-in and your own exercises by name, filtered by query, category, muscle, equipment, kind and custom.")
            .Produces<ItemsResponse<Exercise>>()
            .ProducesProblemBody(StatusCodes.Status400BadRequest);
        exercises.MapGet("/{id}", GetAsync).RequireUser(ApiScope.Read).WithName("TrainingGetExercise")
            .WithSummary("Get an exercise").WithDescription("One exercise.")
            .Produces<Exercise>()
            .ProducesProblemBody(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound)
            .WithEntityTag();
        exercises.MapPost("/", CreateAsync).RequireUser(ApiScope.Write).WithName("TrainingCreateExercise")
            .WithSummary("Create an exercise").WithDescription("Creates a custom exercise.")
            .Produces<Exercise>(StatusCodes.Status201Created)
            .ProducesProblemBody(StatusCodes.Status400BadRequest, StatusCodes.Status409Conflict)
            .WithEntityTag()
            .WithCreatedLocation("/api/v1/training/exercises/{id}");
        exercises.MapPut("/{id}", UpdateAsync).RequireUser(ApiScope.Write).WithName("TrainingUpdateExercise")
            .WithSummary("Update an exercise")
            .WithDescription("Changes one of your custom exercises (built-in ones answer 403); with If-Match only from that version.")
            .Produces<Exercise>()
            .ProducesProblemBody(StatusCodes.Status400BadRequest, StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict)
            .TakesIfMatch();
        exercises.MapDelete("/{id}", DeleteAsync).RequireUser(ApiScope.Write).WithName("TrainingDeleteExercise")
            .WithSummary("Delete an exercise")
            .WithDescription("Deletes one of your custom exercises unless a workout or program uses it (409); with If-Match only at that version.")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblemBody(StatusCodes.Status400BadRequest, StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict)
            .TakesIfMatch();
        exercises.MapGet("/{id}/last", LastAsync).RequireUser(ApiScope.Read).WithName("TrainingLastSets")
            .WithSummary("Get last sets of an exercise")
            .WithDescription("The sets of the last workout with this exercise: what a new set is prefilled from.")
            .Produces<PreviousPerformance>()
            .ProducesProblemBody(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound);
        exercises.MapGet("/{id}/history", HistoryAsync).RequireUser(ApiScope.Read).WithName("TrainingExerciseHistory")
            .WithSummary("Get exercise history")
            .WithDescription("The workouts with this exercise and their sets, newest first.")
            .Produces<ItemsResponse<ExerciseSession>>()
            .ProducesProblemBody(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound);
        exercises.MapGet("/{id}/records", RecordsAsync).RequireUser(ApiScope.Read).WithName("TrainingExerciseRecords")
            .WithSummary("Get exercise records")
            .WithDescription("Your current personal records for this exercise.")
            .Produces<ItemsResponse<PersonalRecord>>()
            .ProducesProblemBody(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound);
        exercises.MapGet("/{id}/progress", ProgressAsync).RequireUser(ApiScope.Read).WithName("TrainingExerciseProgress")
            .WithSummary("Get exercise progress")
            .WithDescription("One point per workout: best estimated 1RM (Epley, 1-12 reps), heaviest weight, volume, reps, sets.")
            .Produces<ItemsResponse<ExerciseProgressPoint>>()
            .ProducesProblemBody(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound);
        return exercises;
    }

    private static async Task<IResult> ListAsync(
        HttpContext context, ExerciseCatalog catalog, string? query, string? category, string? muscle, string? equipment, string? kind, string? custom)
    {
        if (query is { Length: > 100 })
        {
            return TrainingErrors.Invalid(context, "query", "query is at most 100 characters.");
        }

        if (category is { Length: > 0 } && !TrainingVocabulary.IsCategory(category))
        {
            return TrainingErrors.Invalid(context, "category", "Not a known category; see GET /api/v1/training/meta.");
        }

        if (muscle is { Length: > 0 } && !TrainingVocabulary.IsMuscle(muscle))
        {
            return TrainingErrors.Invalid(context, "muscle", "Not a known muscle; see GET /api/v1/training/meta.");
        }

        if (equipment is { Length: > 0 } && !TrainingVocabulary.IsEquipment(equipment))
        {
            return TrainingErrors.Invalid(context, "equipment", "Not a known equipment; see GET /api/v1/training/meta.");
        }

        if (kind is { Length: > 0 } && !TrainingVocabulary.IsKind(kind))
        {
            return TrainingErrors.Invalid(context, "kind", "Not a known kind; see GET /api/v1/training/meta.");
        }

        if (!TrainingQuery.TryBool(custom, out var customOnly))
        {
            return TrainingErrors.Invalid(context, "custom", "custom is true or false.");
        }

        var filter = new ExerciseFilter(query, NullIfEmpty(category), NullIfEmpty(muscle), NullIfEmpty(equipment), NullIfEmpty(kind), customOnly);
        return TypedResults.Ok(new ItemsResponse<Exercise>(await catalog.ListAsync(context.UserId(), filter, context.RequestAborted)));
    }

    private static async Task<IResult> GetAsync(string id, HttpContext context, ExerciseCatalog catalog)
    {
        if (!Guid.TryParse(id, out var exerciseId))
        {
            return TrainingErrors.InvalidId(context, "id");
        }

        return await catalog.GetAsync(context.UserId(), exerciseId, context.RequestAborted) is { } exercise
            ? EntityTags.Ok(context, exercise, exercise.Version)
            : TrainingErrors.NotFound(context, "exercise");
    }

    private static async Task<IResult> CreateAsync(ExerciseDraft draft, HttpContext context, ExerciseCatalog catalog)
    {
        var outcome = await catalog.CreateAsync(context.UserId(), draft, context.RequestAborted);
        return EntityTags.Answer(context, outcome, e => e.Version, outcome.Value is { } e ? CreatedLocation.Of(context, e.Id) : null);
    }

    private static Task<IResult> UpdateAsync(string id, ExerciseDraft draft, HttpContext context, ExerciseCatalog catalog) =>
        EntityTags.WriteAsync(
            context, id, (exerciseId, expected) => catalog.UpdateAsync(context.UserId(), exerciseId, draft, expected, context.RequestAborted), e => e.Version);

    private static async Task<IResult> DeleteAsync(string id, HttpContext context, ExerciseCatalog catalog)
    {
        if (!Guid.TryParse(id, out var exerciseId))
        {
            return TrainingErrors.InvalidId(context, "id");
        }

        if (!EntityTags.TryExpected(context, out var expected, out var invalid))
        {
            return invalid!;
        }

        var outcome = await catalog.DeleteAsync(context.UserId(), exerciseId, expected, context.RequestAborted);
        return outcome.Error is { } error ? TrainingErrors.Of(context, error) : TypedResults.NoContent();
    }

    private static async Task<IResult> LastAsync(string id, HttpContext context, ExerciseCatalog catalog, ProgressQueries progress)
    {
        var (error, exercise) = await FindAsync(id, context, catalog);
        return error ?? TypedResults.Ok(await progress.LastAsync(context.UserId(), exercise!.Id, context.RequestAborted));
    }

    private static async Task<IResult> HistoryAsync(string id, string? limit, HttpContext context, ExerciseCatalog catalog, ProgressQueries progress)
    {
        if (!TrainingQuery.TryInt(limit, 1, 100, 20, out var count))
        {
            return TrainingErrors.Invalid(context, "limit", "limit is 1 to 100.");
        }

        var (error, exercise) = await FindAsync(id, context, catalog);
        return error ?? TypedResults.Ok(new ItemsResponse<ExerciseSession>(
            await progress.ExerciseHistoryAsync(context.UserId(), exercise!.Id, count, context.RequestAborted)));
    }

    private static async Task<IResult> RecordsAsync(string id, HttpContext context, ExerciseCatalog catalog, ProgressQueries progress)
    {
        var (error, exercise) = await FindAsync(id, context, catalog);
        return error ?? TypedResults.Ok(new ItemsResponse<PersonalRecord>(await progress.RecordsAsync(context.UserId(), exercise!.Id, context.RequestAborted)));
    }

    private static async Task<IResult> ProgressAsync(
        string id, string? from, string? to, string? tz, HttpContext context, ExerciseCatalog catalog, ProgressQueries progress)
    {
        if (!TrainingQuery.TryDate(from, out var fromDate))
        {
            return TrainingErrors.Invalid(context, "from", "from is a date, yyyy-MM-dd.");
        }

        if (!TrainingQuery.TryDate(to, out var toDate))
        {
            return TrainingErrors.Invalid(context, "to", "to is a date, yyyy-MM-dd.");
        }

        if (!TrainingQuery.TryZone(tz, out var zone))
        {
            return TrainingErrors.Invalid(context, "tz", "tz is an IANA time zone such as Europe/Berlin.");
        }

        var (error, exercise) = await FindAsync(id, context, catalog);
        return error ?? TypedResults.Ok(new ItemsResponse<ExerciseProgressPoint>(
            await progress.ExerciseSeriesAsync(context.UserId(), exercise!.Id, fromDate, toDate, zone, context.RequestAborted)));
    }

    private static async Task<(IResult? Error, Exercise? Exercise)> FindAsync(string id, HttpContext context, ExerciseCatalog catalog)
    {
        if (!Guid.TryParse(id, out var exerciseId))
        {
            return (TrainingErrors.InvalidId(context, "id"), null);
        }

        return await catalog.GetAsync(context.UserId(), exerciseId, context.RequestAborted) is { } exercise
            ? (null, exercise)
            : (TrainingErrors.NotFound(context, "exercise"), null);
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
