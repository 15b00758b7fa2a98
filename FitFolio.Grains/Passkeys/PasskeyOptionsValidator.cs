using Microsoft.Extensions.Options;

namespace FitFolio.Grains.Passkeys;

/// <summary>
/// Refuses <see cref="PasskeyOptions"/> that would fail later, at start-up: every problem is named by its key, and a
/// configured metadata BLOB is read and verified here, so a missing file or a bad signature stops the host.
/// </summary>
internal sealed class PasskeyOptionsValidator : IValidateOptions<PasskeyOptions>
{
    public ValidateOptionsResult Validate(string? name, PasskeyOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = options.Problems().ToList();
        if (failures.Count == 0)
        {
            try
            {
                // Read again when the relying party is built: twice at start, rather than a second holder of the BLOB.
                options.Metadata?.Load();
            }
            catch (PasskeyMetadataException e)
            {
                failures.Add(e.Message);
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
