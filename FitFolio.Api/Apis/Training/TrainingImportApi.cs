using System.Text;
using FitFolio.Api.Auth;
using FitFolio.Api.Http;
using FitFolio.Grains.Training;
using FitFolio.Grains.Training.Import;
using Microsoft.AspNetCore.Http.Features;

namespace FitFolio.Api.Apis.Training;

/// <summary>Import from Strong and Hevy CSV exports; export everything as CSV.</summary>
public static class TrainingImportApi
{
    /// <summary>
    /// The largest file an import takes: 32 MB. A 100,000-set Strong export (years of daily training, issue 17) is 7 MB without notes,
    /// over the 5 MB this was; 32 MB leaves room for exports heavy with notes while still bounding what one upload holds in
    /// memory (the file, then its parse). Only this route reads more than Kestrel's 1 MB.
    /// </summary>
    public const int MaxImportBytes = 32 * 1024 * 1024;

    // A bigger body than this is cut off by Kestrel; up to it the body is read to the end, so a
    // client that is still sending gets a clean 413 rather than a reset connection.
    private const long MaxDrainedBytes = 48L * 1024 * 1024;

    public static RouteGroupBuilder MapTrainingImportApi(this RouteGroupBuilder training)
    {
        // No Accepts metadata: it would make routing answer other media types before this endpoint
        // can say which ones it takes. The body is read here, by hand, to enforce the size limit.
        training.MapPost("/import", ImportAsync).RequireUser(ApiScope.Write).WithName("TrainingImport")
            .WithSummary("Import a CSV export")
            .WithDescription(
                "Checks and reads a Strong or Hevy CSV export (raw text/csv body or multipart field 'file', at most 32 MB), then answers 202 at once "
                + "with the import's progress and its address (Location) while it is written; poll that address for the progress and the summary. "
                + "One import at a time per person (409 while one runs). A file that is not a Strong or Hevy export is refused before anything is stored.")
            .Produces<ImportProgress>(StatusCodes.Status202Accepted)
            .ProducesProblemBody(
                StatusCodes.Status400BadRequest, StatusCodes.Status409Conflict, StatusCodes.Status413PayloadTooLarge, StatusCodes.Status415UnsupportedMediaType)
            .WithoutIdempotencyKeys("The import is idempotent by its content: a file imported again adds nothing and says what it skipped.");
        training.MapGet("/imports/{id}", ProgressAsync).RequireUser(ApiScope.Read).WithName("TrainingImportProgress")
            .WithSummary("Get an import's progress")
            .WithDescription(
                "How far one of your imports is (rows read, workouts done of the total, sets written, percent), and its summary once finished; "
                + "an import cut short (the server restarted) is failed: import the file again, nothing is added twice.")
            .Produces<ImportProgress>()
            .ProducesProblemBody(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound);
        training.MapGet("/export.csv", ExportAsync).RequireUser(ApiScope.Read).WithName("TrainingExportCsv")
            .WithSummary("Export sets as CSV")
            .WithDescription("All your sets as CSV, one row per set (columns in docs/training-api.md).")
            .Produces(StatusCodes.Status200OK, contentType: "text/csv");
        return training;
    }

    private static async Task<IResult> ImportAsync(HttpContext context, IGrainFactory grains, string? tz)
    {
        if (!TrainingQuery.TryZone(tz, out var zone))
        {
            return TrainingErrors.Invalid(context, "tz", "tz is an IANA time zone such as Europe/Berlin (the zone the export's times are in).");
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = MaxDrainedBytes;
        }

        if (context.Request.ContentLength > MaxDrainedBytes)
        {
            return TooLarge(context);
        }

        byte[]? file;
        var mediaType = context.Request.ContentType?.Split(';')[0].Trim().ToLowerInvariant();
        if (mediaType == "multipart/form-data")
        {
            IFormCollection form;
            try
            {
                form = await context.Request.ReadFormAsync(context.RequestAborted);
            }
            catch (Exception exception) when (exception is InvalidDataException or IOException && !context.RequestAborted.IsCancellationRequested)
            {
                // Not multipart at all, or cut short before its closing boundary (found by the route fuzz, which got a 500).
                return Errors.Result(context, StatusCodes.Status400BadRequest, "invalid_body", "The multipart body is malformed.");
            }

            if ((form.Files.GetFile("file") ?? form.Files.FirstOrDefault()) is not { } upload)
            {
                return TrainingErrors.Invalid(context, "file", "Send the export as the multipart field 'file'.");
            }

            if (upload.Length > MaxImportBytes)
            {
                return TooLarge(context);
            }

            file = new byte[upload.Length];
            await using var stream = upload.OpenReadStream();
            await stream.ReadExactlyAsync(file, context.RequestAborted);
        }
        else if (mediaType is "text/csv" or "application/csv" or "text/plain" or "application/octet-stream" or "application/vnd.ms-excel")
        {
            file = await ReadCappedAsync(context.Request.Body, context.RequestAborted);
            if (file is null)
            {
                return TooLarge(context);
            }
        }
        else
        {
            return Errors.Result(context, StatusCodes.Status415UnsupportedMediaType, "unsupported_media_type",
                "Send the file as text/csv, application/octet-stream, or multipart/form-data with the field 'file'.");
        }

        var parsed = ImportParser.Parse(file, TimeZoneInfo.FindSystemTimeZoneById(zone));
        if (parsed.Batch is not { } batch)
        {
            return Errors.Result(context, StatusCodes.Status400BadRequest, parsed.Code!, parsed.Message!);
        }

        var started = await context.TrainingGrain(grains).BeginImport(batch);
        return started.Value is { } progress
            ? TypedResults.Accepted(ProgressPath(context, progress.Id), progress)
            : TrainingErrors.Of(context, started.Error!);
    }

    private static async Task<IResult> ProgressAsync(string id, HttpContext context, IGrainFactory grains)
    {
        if (!Guid.TryParse(id, out var importId))
        {
            return TrainingErrors.InvalidId(context, "id");
        }

        // The caller's own grain: another person's import id is simply not found there.
        return await context.TrainingGrain(grains).GetImport(importId) is { } progress
            ? TypedResults.Ok(progress)
            : TrainingErrors.NotFound(context, "import");
    }

    /// <summary>The progress route beside this one (…/training/import → …/training/imports/{id}), whatever prefix the API is mounted at.</summary>
    private static string ProgressPath(HttpContext context, Guid importId)
    {
        var path = context.Request.Path.Value!;
        return $"{context.Request.PathBase}{path[..(path.LastIndexOf('/') + 1)]}imports/{importId}";
    }

    private static async Task ExportAsync(HttpContext context, TrainingExport export)
    {
        context.Response.ContentType = "text/csv; charset=utf-8";
        context.Response.Headers.ContentDisposition = "attachment; filename=\"fitfolio-training.csv\"";
        await using var writer = new StreamWriter(context.Response.Body, new UTF8Encoding(false), 16 * 1024);
        await export.WriteCsvAsync(context.UserId(), writer, context.RequestAborted);
    }

    /// <summary>The body if it is within the limit, else null (having read and dropped the rest).</summary>
    private static async Task<byte[]?> ReadCappedAsync(Stream body, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[64 * 1024];
        var tooLarge = false;
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (!tooLarge && buffer.Length + read > MaxImportBytes)
            {
                tooLarge = true;
                buffer.SetLength(0);
            }

            if (!tooLarge)
            {
                buffer.Write(chunk, 0, read);
            }
        }

        return tooLarge ? null : buffer.ToArray();
    }

    private static IResult TooLarge(HttpContext context) =>
        Errors.Result(context, StatusCodes.Status413PayloadTooLarge, "payload_too_large", $"An import is at most {MaxImportBytes / (1024 * 1024)} MB.");
}
