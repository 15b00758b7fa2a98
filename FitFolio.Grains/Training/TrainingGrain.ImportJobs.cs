using System.Text.Json;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;

namespace FitFolio.Grains.Training;

/// <summary>
/// Imports as jobs: <see cref="BeginImport"/> answers at once and sends <see cref="RunImport"/> to this grain, which writes
/// while <see cref="GetImport"/> reads the progress kept in <see cref="_import"/>. Only the outcome is stored.
/// </summary>
internal sealed partial class TrainingGrain
{
    private static readonly JsonSerializerOptions SummaryJson = new(JsonSerializerDefaults.Web);

    // The latest import of this activation; one at a time per person, and a person has one training grain.
    private ImportJob? _import;

    public async Task<TrainingOutcome<ImportProgress>> BeginImport(ImportBatch batch)
    {
        if (_import is { Running: true })
        {
            return new TrainingError(
                TrainingFailure.Conflict, "import_running", "An import of yours is still running; wait for its summary before importing another file.");
        }

        // Claimed before the first await: this call interleaves, so a second BeginImport may run at any await below.
        var job = new ImportJob(Guid.CreateVersion7(clock.GetUtcNow()), batch);
        _import = job;
        try
        {
            await using var insert = dataSource.CreateCommand(
                """
                insert into training_imports (id, user_id, status, format, rows_read, workouts, started_at)
                values (@id, @user, 'running', @format, @rows, @workouts, @now)
                """);
            insert.Parameters.AddWithValue("id", job.Id);
            insert.Parameters.AddWithValue("user", UserId);
            insert.Parameters.AddWithValue("format", NpgsqlDbType.Text, job.Format);
            insert.Parameters.AddWithValue("rows", job.RowsRead);
            insert.Parameters.AddWithValue("workouts", job.WorkoutsTotal);
            insert.Parameters.AddWithValue("now", NpgsqlDbType.TimestampTz, clock.GetUtcNow());
            await insert.ExecuteNonQueryAsync();
        }
        catch
        {
            _import = null;
            throw;
        }

        await this.AsReference<ITrainingGrain>().RunImport(job.Id);
        return TrainingOutcome<ImportProgress>.Ok(job.Snapshot());
    }

    public async Task RunImport(Guid importId)
    {
        if (_import is not { Running: true, Batch: { } batch } job || job.Id != importId)
        {
            return;
        }

        try
        {
            job.Finish(await WriteImportAsync(batch, job));
        }
        catch (Exception exception)
        {
            // Whatever went wrong, the transaction rolled back: nothing of the import is stored, and the person must hear so
            // rather than watch a job that never ends. The row says so, or (if even that fails) stays 'running', which
            // GetImport answers as failed once no live job owns it. The row first, then the live job: whoever hears "failed"
            // (GetImport interleaves with this turn) then reads the same from the row.
            LogImportFailed(exception.GetType().Name);
            await MarkImportFailedAsync(importId);
            job.Fail();
        }
    }

    public async Task<ImportProgress?> GetImport(Guid importId)
    {
        if (_import is { } job && job.Id == importId)
        {
            return job.Snapshot();
        }

        await using var command = dataSource.CreateCommand(
            "select status, format, rows_read, workouts, summary::text from training_imports where id = @id and user_id = @user");
        command.Parameters.AddWithValue("id", importId);
        command.Parameters.AddWithValue("user", UserId);
        await using var reader = await command.ExecuteReaderAsync();
        if (!await reader.ReadAsync())
        {
            return null;
        }

        var (format, rows, workouts) = (reader.GetString(1), reader.GetInt32(2), reader.GetInt32(3));
        if (reader.GetString(0) == ImportStatus.Finished && !reader.IsDBNull(4))
        {
            var summary = JsonSerializer.Deserialize<ImportSummary>(reader.GetString(4), SummaryJson)!;
            return new ImportProgress(importId, ImportStatus.Finished, format, rows, workouts, workouts, summary.SetsImported, 100, summary, null);
        }

        // Failed, or still 'running' with no live job: the silo that ran it is gone, and its transaction with it.
        return new ImportProgress(importId, ImportStatus.Failed, format, rows, workouts, 0, 0, 0, null, ImportStatus.TryAgain);
    }

    /// <summary>Sets the job's row to finished with its summary, inside the import's transaction: the outcome commits with the data.</summary>
    private async Task MarkImportFinishedAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Guid importId, ImportSummary summary)
    {
        await using var update = new NpgsqlCommand(
            "update training_imports set status = 'finished', summary = @summary, finished_at = @now where id = @id and user_id = @user",
            connection,
            transaction);
        update.Parameters.AddWithValue("summary", NpgsqlDbType.Jsonb, JsonSerializer.Serialize(summary, SummaryJson));
        update.Parameters.AddWithValue("now", NpgsqlDbType.TimestampTz, clock.GetUtcNow());
        update.Parameters.AddWithValue("id", importId);
        update.Parameters.AddWithValue("user", UserId);
        await update.ExecuteNonQueryAsync();
    }

    private async Task MarkImportFailedAsync(Guid importId)
    {
        try
        {
            await using var update = dataSource.CreateCommand(
                "update training_imports set status = 'failed', finished_at = @now where id = @id and user_id = @user and status = 'running'");
            update.Parameters.AddWithValue("now", NpgsqlDbType.TimestampTz, clock.GetUtcNow());
            update.Parameters.AddWithValue("id", importId);
            update.Parameters.AddWithValue("user", UserId);
            await update.ExecuteNonQueryAsync();
        }
        catch (Exception exception) when (exception is NpgsqlException or TimeoutException)
        {
            LogImportFailed(exception.GetType().Name);
        }
    }

    [LoggerMessage(
        EventId = 7100, EventName = "ImportFailed", Level = LogLevel.Warning, Message = "An import job failed and was rolled back: {ErrorType}")]
    private partial void LogImportFailed(string errorType);
}
