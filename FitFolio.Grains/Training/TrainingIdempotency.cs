using System.Text.Json;
using FitFolio.Grains.Idempotency;
using Npgsql;

namespace FitFolio.Grains.Training;

/// <summary>
/// Keyed training writes (<see cref="IdempotencyStore"/>) in the training log's terms: a claim refused is a 409, and the
/// answer stored is the one the front door sends for the outcome (201 when created, 204 for a deletion, else 200, with
/// the value as the API's JSON). Refusals are not stored: they changed nothing, and rolled back with their transaction.
/// </summary>
internal static class TrainingIdempotency
{
    public static readonly TrainingError Running = TrainingError.Conflict(
        "idempotency_key_in_flight", "A request with this Idempotency-Key is still being answered; retry it shortly for its answer.");

    /// <summary>First thing in a write transaction: null to go ahead, or the 409 to answer.</summary>
    public static async Task<TrainingError?> ClaimAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken = default) =>
        await IdempotencyStore.ClaimAsync(connection, transaction, cancellationToken) ? null : Running;

    /// <summary>Stores a successful outcome's answer with the key, if the call has one, and commits.</summary>
    public static async Task<TrainingOutcome<T>> CommitAsync<T>(
        NpgsqlConnection connection, NpgsqlTransaction transaction, TrainingOutcome<T> outcome, CancellationToken cancellationToken = default)
    {
        if (outcome.Error is null)
        {
            var deletion = outcome.Value is bool;
            await IdempotencyStore.RecordAsync(
                connection,
                transaction,
                outcome.Created ? 201 : deletion ? 204 : 200,
                deletion ? null : JsonSerializer.Serialize(outcome.Value, JsonSerializerOptions.Web),
                cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return outcome;
    }
}
