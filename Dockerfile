# syntax=docker/dockerfile:1
# FitFolio.Api image: the front door and a silo in one process, serving the SPA from /app/wwwroot.
#   docker build -t fitfolio:local .        (or: docker compose build)
# Three stages: the SPA (Node), the .NET publish (SDK), and a chiseled runtime that gets only
# their outputs. The build stages run on the builder's own platform ($BUILDPLATFORM): their
# outputs, static files and portable IL, run anywhere, so an arm64 image builds at native speed
# on an amd64 machine and vice versa.

ARG NODE_IMAGE=node:22-bookworm-slim
ARG SDK_IMAGE=mcr.microsoft.com/dotnet/sdk:10.0
# Chiseled: no shell, no package manager, non-root by default. The ASP.NET Core chiseled images
# weigh a little over 100 MB, which leaves the 250 MB budget plenty of room for FitFolio and the SPA.
ARG RUNTIME_IMAGE=mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled

# ---- SPA -------------------------------------------------------------------------------------
FROM --platform=$BUILDPLATFORM ${NODE_IMAGE} AS web
WORKDIR /src/web
# The lock file alone first: the npm ci layer is reused until dependencies change.
COPY web/package.json web/package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY web/ ./
RUN npm run build

# ---- .NET ------------------------------------------------------------------------------------
FROM --platform=$BUILDPLATFORM ${SDK_IMAGE} AS build
# The image's architecture (amd64, arm64): FitFolio.Api is compiled ahead of time (ReadyToRun) for it.
ARG TARGETARCH
WORKDIR /src
ENV DOTNET_CLI_TELEMETRY_OPTOUT=1 \
    DOTNET_NOLOGO=1
# What restore reads, and nothing else, so that the restore layer survives code changes: the
# repo-wide props and the projects FitFolio.Api references (FitFolio.Api -> Grains -> Silo), plus the
# health probe. Tests, bench and their mail helpers are not part of the image, so their projects
# are not restored here; scripts/validate-compose.sh fails if a new ProjectReference is missing.
COPY Directory.Build.props Directory.Packages.props ./
COPY FitFolio.Silo/FitFolio.Silo.csproj FitFolio.Silo/
COPY FitFolio.Grains/FitFolio.Grains.csproj FitFolio.Grains/
COPY FitFolio.Api/FitFolio.Api.csproj FitFolio.Api/
COPY deploy/healthprobe/FitFolio.HealthProbe.csproj deploy/healthprobe/
RUN rid="linux-$(echo "$TARGETARCH" | sed s/amd64/x64/)" \
 && dotnet restore FitFolio.Api/FitFolio.Api.csproj -r "$rid" \
 && dotnet restore deploy/healthprobe/FitFolio.HealthProbe.csproj

# .editorconfig: the build enforces code style (EnforceCodeStyleInBuild), so it must see the rules.
# sql/: the migrations are embedded resources of FitFolio.Api, read at build time.
COPY .editorconfig ./
COPY sql/ sql/
COPY FitFolio.Silo/ FitFolio.Silo/
COPY FitFolio.Grains/ FitFolio.Grains/
COPY FitFolio.Api/ FitFolio.Api/
COPY deploy/healthprobe/ deploy/healthprobe/
# Framework-dependent and without an apphost: the runtime image's dotnet runs it. FitFolio.Api is
# ReadyToRun for the image's architecture (crossgen2 cross-compiles, so an arm64 image still builds
# at native speed on amd64): a starting silo JITs a fraction of what it would, and a restarted silo
# is back sooner (scripts/publish-app.sh, which the rehearsal uses, has the same flags and says why).
# The health probe stays plain IL: it runs for milliseconds. XML docs and IIS's web.config have no
# use in a container; PDBs stay, for line numbers in stack traces.
RUN rid="linux-$(echo "$TARGETARCH" | sed s/amd64/x64/)" \
 && flags="-c Release --no-restore -p:UseAppHost=false -p:PublishDocumentationFile=false -p:PublishDocumentationFiles=false -p:IsTransformWebConfigDisabled=true" \
 && dotnet publish FitFolio.Api/FitFolio.Api.csproj $flags -r "$rid" --self-contained false -p:PublishReadyToRun=true -o /out/app \
 && dotnet publish deploy/healthprobe/FitFolio.HealthProbe.csproj $flags -o /out/healthprobe

# ---- runtime ---------------------------------------------------------------------------------
FROM ${RUNTIME_IMAGE} AS runtime
WORKDIR /app
# Owned by root and not writable by the app's user: a compromised process cannot rewrite its own code.
COPY --from=build /out/app/ ./
COPY --from=build /out/healthprobe/ ./healthprobe/
# The content root is /app (the working directory), so the app serves its static files from
# /app/wwwroot.
COPY --from=web /src/web/dist/ ./wwwroot/

# The base image's non-root user "app" ($APP_UID = 1654), stated here rather than left implicit,
# so that a base image without it fails the build instead of quietly running as root.
USER $APP_UID
# HTTP already listens on 8080 (ASPNETCORE_HTTP_PORTS from the base image); the silo port is ours.
ENV Silo__Port=11111
# 8080: HTTP behind the reverse proxy. 11111: silo-to-silo calls; publish it to no one.
EXPOSE 8080 11111

# Chiseled images have no curl or wget (no shell either), so the usual `curl -f` check is impossible.
# The .NET runtime is present, so the check is a small .NET program built above
# (deploy/healthprobe): GET /healthz/ready, healthy on 2xx. Each run is one short-lived dotnet
# process (measured on a developer machine: about 0.3 s and 40 MB, once every 10 s).
HEALTHCHECK --interval=10s --timeout=5s --start-period=60s --retries=3 \
  CMD ["/usr/bin/dotnet", "/app/healthprobe/FitFolio.HealthProbe.dll", "http://127.0.0.1:8080/healthz/ready"]

ENTRYPOINT ["/usr/bin/dotnet", "/app/FitFolio.Api.dll"]
