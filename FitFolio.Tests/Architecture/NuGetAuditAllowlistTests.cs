using System.Globalization;
using System.Xml.Linq;
using FitFolio.Tests.Infrastructure;

namespace FitFolio.Tests.Architecture;

/// <summary>
/// The dependency audit is on for every project, and each advisory it is told to accept
/// (<c>NuGetAuditAllowlist.props</c>) carries a reason and an expiry date that has not passed.
/// </summary>
public sealed class NuGetAuditAllowlistTests
{
    [Fact]
    public void Every_project_audits_direct_and_transitive_packages_at_every_severity()
    {
        var props = XDocument.Load(Path.Combine(PostgresServer.RepositoryRoot, "Directory.Build.props"));
        string? Property(string name) => props.Descendants(name).SingleOrDefault()?.Value;

        Assert.Equal("true", Property("NuGetAudit"));
        Assert.Equal("all", Property("NuGetAuditMode"));
        Assert.Equal("low", Property("NuGetAuditLevel"));
        Assert.Equal("true", Property("TreatWarningsAsErrors"));
        Assert.DoesNotContain("NU190", Property("WarningsNotAsErrors") ?? "", StringComparison.Ordinal);
        Assert.Contains(props.Descendants("Import"), import => (string?)import.Attribute("Project") == "NuGetAuditAllowlist.props");
    }

    [Fact]
    public void Every_accepted_advisory_has_a_reason_and_an_expiry_date_still_ahead()
    {
        var allowlist = XDocument.Load(Path.Combine(PostgresServer.RepositoryRoot, "NuGetAuditAllowlist.props"));
        var findings = Findings(allowlist, DateOnly.FromDateTime(DateTime.UtcNow));
        Assert.True(findings.Count == 0, string.Join('\n', findings));
    }

    [Fact]
    public void An_entry_without_a_reason_or_past_its_date_is_refused()
    {
        var allowlist = XDocument.Parse(
            """
            <Project><ItemGroup>
              <NuGetAuditSuppress Include="https://github.com/advisories/GHSA-5crp-9r3c-p9vr" Reason="" Expires="2027-01-01" />
              <NuGetAuditSuppress Include="https://github.com/advisories/GHSA-aaaa-bbbb-cccc" Reason="not reachable" Expires="2026-12-01" />
              <NuGetAuditSuppress Include="GHSA-dddd-eeee-ffff" Reason="not reachable" Expires="soon" />
              <NuGetAuditSuppress Include="https://github.com/advisories/GHSA-gggg-hhhh-iiii" Reason="not reachable" Expires="2027-01-01" />
            </ItemGroup></Project>
            """);

        var findings = Findings(allowlist, new DateOnly(2026, 12, 6));

        Assert.Equal(
            [
                "https://github.com/advisories/GHSA-5crp-9r3c-p9vr: no Reason",
                "https://github.com/advisories/GHSA-aaaa-bbbb-cccc: expired on 2026-12-01",
                "GHSA-dddd-eeee-ffff: Include is not an advisory URL",
                "GHSA-dddd-eeee-ffff: Expires is not a yyyy-MM-dd date",
            ],
            findings);
    }

    private static List<string> Findings(XDocument allowlist, DateOnly today)
    {
        var findings = new List<string>();
        foreach (var entry in allowlist.Descendants("NuGetAuditSuppress"))
        {
            var advisory = (string?)entry.Attribute("Include") ?? "";
            if (!advisory.StartsWith("https://github.com/advisories/GHSA-", StringComparison.Ordinal))
            {
                findings.Add($"{advisory}: Include is not an advisory URL");
            }

            if (string.IsNullOrWhiteSpace((string?)entry.Attribute("Reason")))
            {
                findings.Add($"{advisory}: no Reason");
            }

            if (!DateOnly.TryParseExact((string?)entry.Attribute("Expires"), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var expires))
            {
                findings.Add($"{advisory}: Expires is not a yyyy-MM-dd date");
            }
            else if (expires <= today)
            {
                findings.Add($"{advisory}: expired on {expires:yyyy-MM-dd}");
            }
        }

        return findings;
    }
}
