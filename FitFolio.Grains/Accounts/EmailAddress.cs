using System.Globalization;

namespace FitFolio.Grains.Accounts;

/// <summary>
/// A normalized email address: trimmed, lower-cased, 254 characters at most (RFC 5321), a plain
/// addr-spec with no display name, comments, quoting, whitespace or control characters, and an
/// IDN domain turned into its ASCII form. Strict on purpose: what we accept we must safely put in
/// a mail header.
/// </summary>
/// <remarks>Crosses grain calls as its normalized <see cref="Value"/>, which is only ever set by <see cref="TryParse"/>.</remarks>
[GenerateSerializer, Immutable, Alias("fitfolio.accounts.email-address")]
public readonly record struct EmailAddress
{
    public const int MaxLength = 254;

    private static readonly IdnMapping Idn = new();

    private EmailAddress(string value) => Value = value;

    [Id(0)]
    public string Value { get; }

    public string Domain => Value[(Value.LastIndexOf('@') + 1)..];

    public override string ToString() => Value;

    public static bool TryParse(string? input, out EmailAddress address)
    {
        address = default;
        if (input is null)
        {
            return false;
        }

        var trimmed = input.Trim();
        if (trimmed.Length is 0 or > MaxLength)
        {
            return false;
        }

        var at = trimmed.LastIndexOf('@');
        if (at <= 0 || at == trimmed.Length - 1 || trimmed.IndexOf('@') != at)
        {
            return false;
        }

        var local = trimmed[..at];
        var domain = trimmed[(at + 1)..];
        if (local.Length > 64 || !IsValidLocalPart(local))
        {
            return false;
        }

        string asciiDomain;
        try
        {
            asciiDomain = Idn.GetAscii(domain).ToLowerInvariant();
        }
        catch (ArgumentException)
        {
            return false;
        }

        if (!IsValidDomain(asciiDomain))
        {
            return false;
        }

        var normalized = local.ToLowerInvariant() + "@" + asciiDomain;
        if (normalized.Length > MaxLength)
        {
            return false;
        }

        address = new EmailAddress(normalized);
        return true;
    }

    private static bool IsValidLocalPart(string local)
    {
        if (local[0] == '.' || local[^1] == '.' || local.Contains("..", StringComparison.Ordinal))
        {
            return false;
        }

        foreach (var c in local)
        {
            var ok = c is >= 'a' and <= 'z' or >= 'A' and <= 'Z' or >= '0' and <= '9'
                || "!#$%&'*+-/=?^_`{|}~.".Contains(c, StringComparison.Ordinal)
                || (c > 127 && !char.IsControl(c) && !char.IsWhiteSpace(c) && !char.IsSurrogate(c));
            if (!ok)
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsValidDomain(string domain)
    {
        var labels = domain.Split('.');
        if (labels.Length < 2 || domain.Length > 253)
        {
            return false;
        }

        foreach (var label in labels)
        {
            if (label.Length is 0 or > 63 || label[0] == '-' || label[^1] == '-')
            {
                return false;
            }

            foreach (var c in label)
            {
                if (c is not (>= 'a' and <= 'z' or >= '0' and <= '9' or '-'))
                {
                    return false;
                }
            }
        }

        return !labels[^1].All(char.IsAsciiDigit);
    }
}
