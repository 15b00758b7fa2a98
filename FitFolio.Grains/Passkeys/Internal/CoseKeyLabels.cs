namespace FitFolio.Grains.Passkeys.Internal;

/// <summary>The integer-labelled members of a COSE_Key, typed, with duplicate labels refused (RFC 9052 §7).</summary>
internal sealed class CoseKeyLabels
{
    /// <summary>Stands for a value of a type no key parameter we read can have (map, array, text, float...).</summary>
    public static readonly object Unusable = new();

    private readonly Dictionary<long, object> _values = [];

    public void Add(long label, object value)
    {
        if (!_values.TryAdd(label, value))
        {
            throw Fail.Malformed($"The COSE key repeats label {label}.");
        }
    }

    public long Integer(long label, string name) => _values.TryGetValue(label, out var value) switch
    {
        false => throw Fail.With(PasskeyFailureReason.InvalidPublicKey, $"The COSE key has no {name} ({label})."),
        true when value is long number => number,
        _ => throw Fail.With(PasskeyFailureReason.InvalidPublicKey, $"The COSE key's {name} ({label}) must be an integer."),
    };

    public byte[] Bytes(long label, string name) => _values.TryGetValue(label, out var value) switch
    {
        false => throw Fail.With(PasskeyFailureReason.InvalidPublicKey, $"The COSE key has no {name} ({label})."),
        true when value is byte[] bytes => bytes,
        _ => throw Fail.With(PasskeyFailureReason.InvalidPublicKey, $"The COSE key's {name} ({label}) must be a byte string."),
    };
}
