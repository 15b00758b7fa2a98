using FitFolio.Api.Http;
using FitFolio.Api.Auth;
using FitFolio.Grains.Training;

namespace FitFolio.Api.Apis.Training;

/// <summary>Programs: named plans of days, each an ordered list of exercises with targets; copy and archive.</summary>
public static class TrainingProgramsApi
{
    public static RouteGroupBuilder MapTrainingProgramsApi(this RouteGroupBuilder training)
    {
        var programs = training.MapGroup("/programs");
        programs.MapGet("/", ListAsync).RequireUser(ApiScope.Read).WithName("TrainingListPrograms")
            .WithSummary("List programs")
            .WithDescription("Your programs, most recently changed first; archived=false (default), true or all.")
            .Produces<ItemsResponse<ProgramSummary>>()
            .ProducesProblemBody(StatusCodes.Status400BadRequest);
        programs.MapPost("/", CreateAsync).RequireUser(ApiScope.Write).WithName("TrainingCreateProgram")
            .WithSummary("Create a program")
            .WithDescription("Creates a program with its days, exercises, supersets and targets.")
            .Produces<ProgramView>(StatusCodes.Status201Created)
            .ProducesProblemBody(StatusCodes.Status400BadRequest)
            .WithEntityTag()
            .WithCreatedLocation("/api/v1/training/programs/{id}");
        programs.MapGet("/{id}", GetAsync).RequireUser(ApiScope.Read).WithName("TrainingGetProgram")
            .WithSummary("Get a program").WithDescription("One program with its days.")
            .Produces<ProgramView>()
            .ProducesProblemBody(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound)
            .WithEntityTag();
        programs.MapPut("/{id}", ReplaceAsync).RequireUser(ApiScope.Write).WithName("TrainingReplaceProgram")
            .WithSummary("Replace a program")
            .WithDescription("Replaces a program's name, notes and days; with If-Match only from that version.")
            .Produces<ProgramView>()
            .ProducesProblemBody(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound)
            .TakesIfMatch();
        programs.MapPost("/{id}/copy", CopyAsync).RequireUser(ApiScope.Write).WithName("TrainingCopyProgram")
            .WithSummary("Copy a program")
            .WithDescription("Copies a program (name defaults to \"<name> (copy)\").")
            .Produces<ProgramView>(StatusCodes.Status201Created)
            .ProducesProblemBody(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound)
            .WithEntityTag()
            .WithCreatedLocation("/api/v1/training/programs/{id}");
        programs.MapPost("/{id}/archive", (string id, HttpContext context, ProgramStore store) => SetArchivedAsync(id, true, context, store))
            .RequireUser(ApiScope.Write).WithName("TrainingArchiveProgram").WithSummary("Archive a program").WithDescription("Archives a program.")
            .Produces<ProgramView>()
            .ProducesProblemBody(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound)
            .WithEntityTag();
        programs.MapPost("/{id}/unarchive", (string id, HttpContext context, ProgramStore store) => SetArchivedAsync(id, false, context, store))
            .RequireUser(ApiScope.Write).WithName("TrainingUnarchiveProgram")
            .WithSummary("Unarchive a program").WithDescription("Brings an archived program back.")
            .Produces<ProgramView>()
            .ProducesProblemBody(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound)
            .WithEntityTag();
        programs.MapDelete("/{id}", DeleteAsync).RequireUser(ApiScope.Write).WithName("TrainingDeleteProgram")
            .WithSummary("Delete a program")
            .WithDescription("Deletes a program; workouts started from it keep their exercises. With If-Match only at that version.")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblemBody(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound)
            .TakesIfMatch();
        return programs;
    }

    private static async Task<IResult> ListAsync(string? archived, HttpContext context, ProgramStore store)
    {
        bool? filter = archived switch { null or "" or "false" => false, "true" => true, "all" => null, _ => false };
        if (archived is not (null or "" or "false" or "true" or "all"))
        {
            return TrainingErrors.Invalid(context, "archived", "archived is false, true or all.");
        }

        return TypedResults.Ok(new ItemsResponse<ProgramSummary>(await store.ListAsync(context.UserId(), filter, context.RequestAborted)));
    }

    private static async Task<IResult> CreateAsync(ProgramDraft draft, HttpContext context, ProgramStore store)
    {
        var outcome = await store.CreateAsync(context.UserId(), draft, context.RequestAborted);
        return EntityTags.Answer(context, outcome, p => p.Version, outcome.Value is { } p ? CreatedLocation.Of(context, p.Id) : null);
    }

    private static async Task<IResult> GetAsync(string id, HttpContext context, ProgramStore store)
    {
        if (!Guid.TryParse(id, out var programId))
        {
            return TrainingErrors.InvalidId(context, "id");
        }

        return await store.GetAsync(context.UserId(), programId, context.RequestAborted) is { } program
            ? EntityTags.Ok(context, program, program.Version)
            : TrainingErrors.NotFound(context, "program");
    }

    private static Task<IResult> ReplaceAsync(string id, ProgramDraft draft, HttpContext context, ProgramStore store) =>
        EntityTags.WriteAsync(
            context, id, (programId, expected) => store.ReplaceAsync(context.UserId(), programId, draft, expected, context.RequestAborted), p => p.Version);

    private static async Task<IResult> CopyAsync(string id, CopyProgramRequest? request, HttpContext context, ProgramStore store)
    {
        if (!Guid.TryParse(id, out var programId))
        {
            return TrainingErrors.InvalidId(context, "id");
        }

        var outcome = await store.CopyAsync(context.UserId(), programId, request?.Name, context.RequestAborted);
        return EntityTags.Answer(context, outcome, p => p.Version, outcome.Value is { } p ? CreatedLocation.Of(context, p.Id) : null);
    }

    private static async Task<IResult> SetArchivedAsync(string id, bool archived, HttpContext context, ProgramStore store) =>
        Guid.TryParse(id, out var programId)
            ? EntityTags.Answer(context, await store.SetArchivedAsync(context.UserId(), programId, archived, context.RequestAborted), p => p.Version)
            : TrainingErrors.InvalidId(context, "id");

    private static async Task<IResult> DeleteAsync(string id, HttpContext context, ProgramStore store)
    {
        if (!Guid.TryParse(id, out var programId))
        {
            return TrainingErrors.InvalidId(context, "id");
        }

        if (!EntityTags.TryExpected(context, out var expected, out var error))
        {
            return error!;
        }

        var outcome = await store.DeleteAsync(context.UserId(), programId, expected, context.RequestAborted);
        return outcome.Error is { } refused ? TrainingErrors.Of(context, refused) : TypedResults.NoContent();
    }
}
