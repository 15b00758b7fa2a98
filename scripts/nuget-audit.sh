#!/usr/bin/env bash
# The dependency audit. Every restore already audits (Directory.Build.props: NuGetAudit, all packages, every
# severity, as errors; accepted advisories in NuGetAuditAllowlist.props), so this script only finds out whether the
# package source served vulnerability data at all: it restores a throwaway project that references a package with a
# published advisory (Newtonsoft.Json 12.0.1, GHSA-5crp-9r3c-p9vr) and looks for the audit's warning. When the source
# gave no data, a clean restore proves nothing, and the script says so loudly instead of reporting a pass.
set -euo pipefail
canary=$(mktemp -d /tmp/fitfolio-audit.XXXXXX)
trap 'rm -rf "$canary"' EXIT
cat > "$canary/canary.csproj" <<'XML'
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <TargetFramework>net10.0</TargetFramework>
    <NuGetAudit>true</NuGetAudit>
    <NuGetAuditMode>all</NuGetAuditMode>
    <NuGetAuditLevel>low</NuGetAuditLevel>
  </PropertyGroup>
  <ItemGroup>
    <PackageReference Include="Newtonsoft.Json" Version="12.0.1" />
  </ItemGroup>
</Project>
XML
if dotnet restore "$canary/canary.csproj" 2>&1 | grep -q "NU190[1-4]"; then
  echo "nuget-audit: the package source serves vulnerability data; every restore of FitFolio audited its packages (none refused)"
else
  echo "nuget-audit: NOT CHECKED: the package source served no vulnerability data on this machine (a package with a" \
    "published advisory restored unflagged), so the restore's audit could not see known vulnerabilities" >&2
fi
