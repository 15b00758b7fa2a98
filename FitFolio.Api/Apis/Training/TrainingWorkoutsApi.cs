using FitFolio.Api.Http;
using FitFolio.Grains.Common.Paging;
using FitFolio.Api.Auth;
using FitFolio.Grains.Training;

namespace FitFolio.Api.Apis.Training;

/// <summary>Workouts: start (empty or from a program day), edit, finish, abandon; their exercises added, swapped, reordered, skipped.</summary>
public static class TrainingWorkoutsApi
{
    public static RouteGroupBuilder MapTrainingWorkoutsApi(this RouteGroupBuilder training)
    {
        var workouts = training.MapGroup("/workouts");
        workouts.MapPost("/", StartAsync).RequireUser(ApiScope.Write).WithName("TrainingStartWorkout")
            .WithSummary("Start a workout")
            .WithDescription("Starts a workout, empty or from a program day (exercises, supersets and targets copied; each prefilled from last time).")
            .Produces<WorkoutView>(StatusCodes.Status201Created)
            .ProducesProblemBody(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict)
            .WithEntityTag()
            .WithCreatedLocation("/api/v1/training/workouts/{id}");
        workouts.MapGet("/active", ActiveAsync).RequireUser(ApiScope.Read).WithName("TrainingActiveWorkout")
            .WithSummary("Get the active workout")
            .WithDescription("The workout in progress, or 404.")
            .Produces<WorkoutView>()
            .ProducesProblemBody(StatusCodes.Status404NotFound)
            .WithEntityTag();
        workouts.MapGet("/", ListAsync).RequireUser(ApiScope.Read).WithName("TrainingListWorkouts")
            .WithSummary("List workouts")
            .WithDescription("Your workouts, newest first, with set counts, volume and records; keyset cursor.")
            .Produces<Page<WorkoutSummary>>()
            .ProducesProblemBody(StatusCodes.Status400BadRequest);
        workouts.MapGet("/{id}", GetAsync).RequireUser(ApiScope.Read).WithName("TrainingGetWorkout")
            .WithSummary("Get a workout")
            .WithDescription("One workout with its exercises, sets, records and prefill; its ETag versions the workout's own fields.")
            .Produces<WorkoutView>()
            .ProducesProblemBody(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound)
            .WithEntityTag();
        workouts.MapPatch("/{id}", UpdateAsync)
            .RequireUser(ApiScope.Write).WithName("TrainingUpdateWorkout")
            .WithSummary("Update a workout")
            .WithDescription("Changes a workout's name, notes, start or end time; with If-Match only from that version (logging sets does not change it).")
            .Produces<WorkoutView>()
            .ProducesProblemBody(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict)
            .TakesIfMatch();
        workouts.MapPost("/{id}/finish", (string id, FinishWorkoutRequest? request, HttpContext context, IGrainFactory grains) =>
                Tagged(id, context, grains, (g, w) => g.FinishWorkout(w, request?.EndedAt)))
            .RequireUser(ApiScope.Write).WithName("TrainingFinishWorkout").WithSummary("Finish a workout").WithDescription("Finishes the workout in progress.")
            .Produces<WorkoutView>()
            .ProducesProblemBody(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict)
            .WithEntityTag();
        workouts.MapPost("/{id}/abandon", (string id, HttpContext context, IGrainFactory grains) =>
                Tagged(id, context, grains, (g, w) => g.AbandonWorkout(w)))
            .RequireUser(ApiScope.Write).WithName("TrainingAbandonWorkout")
            .WithSummary("Abandon a workout")
            .WithDescription("Abandons the workout in progress: its sets stop counting for records and progress.")
            .Produces<WorkoutView>()
            .ProducesProblemBody(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict)
            .WithEntityTag();
        workouts.MapDelete("/{id}", DeleteAsync)
            .RequireUser(ApiScope.Write).WithName("TrainingDeleteWorkout").WithSummary("Delete a workout")
            .WithDescription("Deletes a workout and its sets; with If-Match only at that version.")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblemBody(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound)
            .TakesIfMatch();

        workouts.MapPost("/{id}/exercises", (string id, AddExerciseCommand command, HttpContext context, IGrainFactory grains) =>
                Call(id, context, grains, (g, w) => g.AddExercise(w, command)))
            .RequireUser(ApiScope.Write).WithName("TrainingAddWorkoutExercise")
            .WithSummary("Add an exercise to a workout")
            .WithDescription("Adds an exercise (at a position, default last), prefilled with the sets from last time.")
            .Produces<WorkoutExerciseView>()
            .Produces<WorkoutExerciseView>(StatusCodes.Status201Created)
            .ProducesProblemBody(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);
        workouts.MapPut("/{id}/exercises/order", (string id, ReorderExercisesRequest request, HttpContext context, IGrainFactory grains) =>
                Call(id, context, grains, (g, w) => g.ReorderExercises(w, request.Order)))
            .RequireUser(ApiScope.Write).WithName("TrainingReorderWorkoutExercises")
            .WithSummary("Reorder workout exercises").WithDescription("Puts the workout's exercises in the given order.")
            .Produces<WorkoutView>()
            .ProducesProblemBody(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);
        workouts.MapPatch("/{id}/exercises/{exerciseId}", (
            string id, string exerciseId, WorkoutExercisePatch patch, HttpContext context, IGrainFactory grains) =>
                Call(id, exerciseId, context, grains, (g, w, e) => g.UpdateExercise(w, e, patch)))
            .RequireUser(ApiScope.Write).WithName("TrainingUpdateWorkoutExercise")
            .WithSummary("Update a workout exercise").WithDescription("Skips or unskips an exercise; changes its notes or superset.")
            .Produces<WorkoutExerciseView>()
            .ProducesProblemBody(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);
        workouts.MapPost("/{id}/exercises/{exerciseId}/swap", (
            string id, string exerciseId, SwapExerciseRequest request, HttpContext context, IGrainFactory grains) =>
                Call(id, exerciseId, context, grains, (g, w, e) => g.SwapExercise(w, e, request.ExerciseId)))
            .RequireUser(ApiScope.Write).WithName("TrainingSwapWorkoutExercise")
            .WithSummary("Swap a workout exercise")
            .WithDescription("Replaces an exercise that has no sets yet with another, prefilled from last time.")
            .Produces<WorkoutExerciseView>()
            .ProducesProblemBody(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);
        workouts.MapDelete("/{id}/exercises/{exerciseId}", (string id, string exerciseId, HttpContext context, IGrainFactory grains) =>
                NoContent(id, exerciseId, context, grains, (g, w, e) => g.RemoveExercise(w, e)))
            .RequireUser(ApiScope.Write).WithName("TrainingRemoveWorkoutExercise")
            .WithSummary("Remove a workout exercise").WithDescription("Removes an exercise and its sets from the workout.")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblemBody(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);
        return workouts;
    }

    private static async Task<IResult> StartAsync(StartWorkoutCommand command, HttpContext context, IGrainFactory grains)
    {
        var outcome = await context.TrainingGrain(grains).StartWorkout(command);
        return EntityTags.Answer(context, outcome, w => w.Version, outcome.Value is { } w ? CreatedLocation.Of(context, w.Id) : null);
    }

    private static Task<IResult> UpdateAsync(string id, WorkoutPatch patch, HttpContext context, IGrainFactory grains) =>
        EntityTags.WriteAsync(context, id, (workoutId, expected) => context.TrainingGrain(grains).UpdateWorkout(workoutId, patch, expected), w => w.Version);

    private static async Task<IResult> DeleteAsync(string id, HttpContext context, IGrainFactory grains)
    {
        if (!EntityTags.TryExpected(context, out var expected, out var error))
        {
            return error!;
        }

        return await NoContent(id, context, grains, (g, w) => g.DeleteWorkout(w, expected));
    }

    private static async Task<IResult> ActiveAsync(HttpContext context, WorkoutQueries queries) =>
        await queries.ActiveAsync(context.UserId(), context.RequestAborted) is { } workout
            ? EntityTags.Ok(context, workout, workout.Version)
            : TrainingErrors.Of(context, new TrainingError(TrainingFailure.NotFound, "not_found", "No workout is in progress."));

    private static async Task<IResult> ListAsync(string? cursor, string? limit, string? status, HttpContext context, WorkoutQueries queries)
    {
        if (!TrainingQuery.TryInt(limit, 1, 100, 20, out var count))
        {
            return TrainingErrors.Invalid(context, "limit", "limit is 1 to 100.");
        }

        if (status is { Length: > 0 } && !TrainingVocabulary.WorkoutStatuses.Contains(status))
        {
            return TrainingErrors.Invalid(context, "status", "status is in_progress, finished or abandoned.");
        }

        KeysetCursor? after = null;
        if (!string.IsNullOrEmpty(cursor))
        {
            if (!KeysetCursor.TryDecode(cursor, out var decoded) || !Guid.TryParse(decoded.Id, out _))
            {
                return TrainingErrors.Invalid(context, "cursor", "The cursor is not one this API gave out.");
            }

            after = decoded;
        }

        return TypedResults.Ok(await queries.ListAsync(context.UserId(), string.IsNullOrEmpty(status) ? null : status, after, count, context.RequestAborted));
    }

    private static async Task<IResult> GetAsync(string id, HttpContext context, WorkoutQueries queries)
    {
        if (!Guid.TryParse(id, out var workoutId))
        {
            return TrainingErrors.InvalidId(context, "id");
        }

        return await queries.GetAsync(context.UserId(), workoutId, context.RequestAborted) is { } workout
            ? EntityTags.Ok(context, workout, workout.Version)
            : TrainingErrors.NotFound(context, "workout");
    }

    /// <summary>A write that answers the workout: with its new version as the ETag.</summary>
    private static async Task<IResult> Tagged(
        string id, HttpContext context, IGrainFactory grains, Func<ITrainingGrain, Guid, Task<TrainingOutcome<WorkoutView>>> call) =>
        Guid.TryParse(id, out var workoutId)
            ? EntityTags.Answer(context, await call(context.TrainingGrain(grains), workoutId), w => w.Version)
            : TrainingErrors.InvalidId(context, "id");

    internal static async Task<IResult> Call<T>(
        string id, HttpContext context, IGrainFactory grains, Func<ITrainingGrain, Guid, Task<TrainingOutcome<T>>> call) =>
        Guid.TryParse(id, out var workoutId)
            ? TrainingErrors.Answer(context, await call(context.TrainingGrain(grains), workoutId))
            : TrainingErrors.InvalidId(context, "id");

    internal static async Task<IResult> Call<T>(
        string id, string childId, HttpContext context, IGrainFactory grains, Func<ITrainingGrain, Guid, Guid, Task<TrainingOutcome<T>>> call,
        string childField = "exerciseId")
    {
        if (!Guid.TryParse(id, out var workoutId))
        {
            return TrainingErrors.InvalidId(context, "id");
        }

        return Guid.TryParse(childId, out var child)
            ? TrainingErrors.Answer(context, await call(context.TrainingGrain(grains), workoutId, child))
            : TrainingErrors.InvalidId(context, childField);
    }

    private static async Task<IResult> NoContent(
        string id, HttpContext context, IGrainFactory grains, Func<ITrainingGrain, Guid, Task<TrainingOutcome<bool>>> call)
    {
        if (!Guid.TryParse(id, out var workoutId))
        {
            return TrainingErrors.InvalidId(context, "id");
        }

        var outcome = await call(context.TrainingGrain(grains), workoutId);
        return outcome.Error is { } error ? TrainingErrors.Of(context, error) : TypedResults.NoContent();
    }

    internal static async Task<IResult> NoContent(
        string id, string childId, HttpContext context, IGrainFactory grains, Func<ITrainingGrain, Guid, Guid, Task<TrainingOutcome<bool>>> call,
        string childField = "exerciseId")
    {
        if (!Guid.TryParse(id, out var workoutId))
        {
            return TrainingErrors.InvalidId(context, "id");
        }

        if (!Guid.TryParse(childId, out var child))
        {
            return TrainingErrors.InvalidId(context, childField);
        }

        var outcome = await call(context.TrainingGrain(grains), workoutId, child);
        return outcome.Error is { } error ? TrainingErrors.Of(context, error) : TypedResults.NoContent();
    }
}
