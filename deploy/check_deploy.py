#!/usr/bin/python3
"""Static checks of the deployment files that no generic validator makes.

    check_deploy.py REPO_ROOT RENDERED_COMPOSE_YAML

RENDERED_COMPOSE_YAML is `docker-compose config` output (variables substituted, staging profile
on), so the checks see what Compose would run, not the text with its ${...} defaults.
Each check states a decision from compose.yml or the Dockerfile; breaking one prints why.
Run by scripts/validate-compose.sh; needs only Debian's python3 and python3-yaml.
"""

import json
import re
import shlex
import sys
import xml.etree.ElementTree as ET
from pathlib import Path, PurePosixPath

import yaml

SECRET_TARGETS = {
    "fitfolio_db_connection": "ConnectionStrings__Postgres",
    "smtp_password": "Mail__Smtp__Password",
    "cluster_secret": "Cluster__Secret",
    "session_cookie_key": "SessionCookie__Key",
    "fitfolio_redis_connection": "ConnectionStrings__Redis",
    "silo_tls_certificate": "silo_tls_certificate",
    "silo_tls_key": "silo_tls_key",
    "silo_tls_ca": "silo_tls_ca",
}
# Silo-to-silo mutual TLS: every file from a Docker secret.
SILO_TLS_ENV = {
    "Silo__Tls__CertificateFile": "/run/secrets/silo_tls_certificate",
    "Silo__Tls__KeyFile": "/run/secrets/silo_tls_key",
    "Silo__Tls__TrustedCaFile": "/run/secrets/silo_tls_ca",
}
APP_ENV = ["ASPNETCORE_URLS", "App__PublicOrigin", "Silo__Port",
           "Mail__Smtp__Host", "Mail__Smtp__Port", "Mail__From"]
PROBE = ["/usr/bin/dotnet", "/app/healthprobe/FitFolio.HealthProbe.dll",
         "http://127.0.0.1:8080/healthz/ready"]

failures: list[str] = []
warnings: list[str] = []


def check(condition: bool, message: str) -> None:
    if not condition:
        failures.append(message)


def seconds(duration) -> float:
    """Compose durations: '1m30s', '30s', 90 (seconds)."""
    if isinstance(duration, (int, float)):
        return float(duration)
    total = 0.0
    for amount, unit in re.findall(r"(\d+(?:\.\d+)?)(ms|us|h|m|s)", str(duration)):
        total += float(amount) * {"h": 3600, "m": 60, "s": 1, "ms": 1e-3, "us": 1e-6}[unit]
    return total


def as_dict(value) -> dict:
    """Compose accepts lists ("K=V") or maps for environment and labels."""
    if isinstance(value, dict):
        return {k: ("" if v is None else str(v)) for k, v in value.items()}
    result = {}
    for item in value or []:
        key, _, val = str(item).partition("=")
        result[key] = val
    return result


def published_ports(service: dict) -> list[str]:
    ports = []
    for port in service.get("ports", []) or []:
        if isinstance(port, dict):
            ports.append(str(port.get("target")))
        else:
            ports.append(str(port).split(":")[-1].split("/")[0])
    return ports


# ---------------------------------------------------------------------------------------- compose
def check_compose(root: Path, config: dict) -> None:
    services = config.get("services", {})
    for name in ("traefik", "fitfolio", "postgres", "redis", "smtp4dev"):
        check(name in services, f"compose: service '{name}' is missing")
    if failures:
        return
    traefik, app, db, redis, mail = (services[n] for n in ("traefik", "fitfolio", "postgres", "redis", "smtp4dev"))
    networks = config.get("networks", {})

    # Only Traefik faces the outside.
    for name, service in services.items():
        if name != "traefik":
            check(not service.get("ports"), f"compose: {name} publishes ports; only traefik may")
        check("11111" not in published_ports(service),
              f"compose: {name} publishes the silo port 11111, which must stay internal")
        check("healthcheck" in service, f"compose: {name} has no health check")
    check({"80", "443"} <= set(published_ports(traefik)), "compose: traefik must publish 80 and 443")

    # Networks.
    check(networks.get("internal", {}).get("internal") is True,
          "compose: the 'internal' network must be internal: true (no route out)")
    check(not networks.get("edge", {}).get("internal"), "compose: 'edge' must not be internal")
    check(set(app.get("networks", {})) == {"edge", "internal"},
          "compose: fitfolio must be on exactly 'edge' and 'internal'")
    check(set(db.get("networks", {})) == {"internal"}, "compose: postgres must be on 'internal' only")
    check(set(redis.get("networks", {})) == {"internal"}, "compose: redis must be on 'internal' only")
    check(set(traefik.get("networks", {})) == {"edge"}, "compose: traefik must be on 'edge' only")
    check("internal" in (mail.get("networks") or {}), "compose: smtp4dev must be on 'internal' (SMTP)")

    # The app.
    check(app.get("build", {}).get("dockerfile", "Dockerfile") == "Dockerfile",
          "compose: fitfolio must be built from the Dockerfile")
    check(app.get("deploy", {}).get("replicas") == 3, "compose: fitfolio must run 3 replicas")
    for dependency in ("postgres", "redis"):
        check(app.get("depends_on", {}).get(dependency, {}).get("condition") == "service_healthy",
              f"compose: fitfolio must wait for {dependency} to be healthy")
    check(seconds(app.get("stop_grace_period", "10s")) >= 30,
          "compose: fitfolio's stop_grace_period must leave 30 s for the drain")
    check(app.get("healthcheck", {}).get("test") == ["CMD", *PROBE],
          f"compose: fitfolio's health check must run {' '.join(PROBE)}")
    env = as_dict(app.get("environment"))
    for key in APP_ENV:
        check(bool(env.get(key)), f"compose: fitfolio lacks environment {key}")
    check(env.get("ASPNETCORE_URLS") == "http://+:8080", "compose: ASPNETCORE_URLS must be http://+:8080")
    check(env.get("Silo__Port") == "11111", "compose: Silo__Port must be 11111")
    check(env.get("App__PublicOrigin", "").startswith("https://"), "compose: App__PublicOrigin must be https")
    for key, value in SILO_TLS_ENV.items():
        check(env.get(key) == value, f"compose: fitfolio's {key} must be {value} (a Docker secret)")
    check(str(env.get("Silo__Tls__Enabled", "true")).lower() != "false", "compose: silo TLS must stay on between replicas")
    # The silo port on the private network only: its listen network is the 'internal' network's subnet, never 0.0.0.0.
    subnets = [c.get("subnet") for c in (networks.get("internal", {}).get("ipam") or {}).get("config", [])]
    check(bool(env.get("Silo__ListenNetwork")) and env.get("Silo__ListenNetwork") in subnets,
          "compose: fitfolio's Silo__ListenNetwork must be the 'internal' network's subnet (the silo port on the private address only)")
    check("Silo__ListenAddress" not in env, "compose: Silo__ListenAddress would open the silo port beyond 'internal'; set Silo__ListenNetwork")
    for key in env:
        check(not re.search(r"password|secret|connectionstrings|cookie", key, re.I),
              f"compose: fitfolio sets {key} in its environment; secrets come from /run/secrets files")
    mounted = {(s["source"], s.get("target", s["source"])) if isinstance(s, dict) else (s, s) for s in app.get("secrets", [])}
    mounted = dict(mounted)
    check(mounted == SECRET_TARGETS,
          f"compose: fitfolio's secrets must be {SECRET_TARGETS}, found {mounted}")

    # PostgreSQL.
    # Built FROM postgres:15 or 17 with pgBackRest (deploy/postgres/Dockerfile), archiving WAL for point-in-time recovery.
    base = re.search(r"^FROM\s+(\S+)", (root / db.get("build", {}).get("context", ".") / "Dockerfile").read_text(), re.M) if "build" in db else None
    image = base.group(1) if base else db.get("image", "")
    check(re.fullmatch(r"postgres:(15|17)(\..*)?", image) is not None,
          "compose: postgres must be (built from) postgres:15 or postgres:17")
    check(not db.get("build") or "archive_mode=on" in db.get("command", []),
          "compose: postgres built with pgBackRest must archive its WAL (archive_mode=on)")
    db_env = as_dict(db.get("environment"))
    check("POSTGRES_PASSWORD" not in db_env and db_env.get("POSTGRES_PASSWORD_FILE", "").startswith("/run/secrets/"),
          "compose: postgres must take its password from a secret file, not the environment")
    check("pg_isready" in " ".join(map(str, db.get("healthcheck", {}).get("test", []))),
          "compose: postgres' health check must use pg_isready")
    volumes = [str(v.get("source") if isinstance(v, dict) else v).split(":")[0] for v in db.get("volumes", [])]
    check(any(v in (config.get("volumes") or {}) for v in volumes), "compose: postgres needs a named volume")

    # Redis: Orleans' membership store, so durable (append-only on a named volume; dotnet/orleans#7784).
    check(re.fullmatch(r"redis:7(\..*)?", redis.get("image", "")) is not None, "compose: redis must be redis:7")
    command = redis.get("command") or []
    command = shlex.split(command) if isinstance(command, str) else [str(c) for c in command]
    # Either redis-server itself, or a shell that feeds it the password file as configuration on stdin.
    server = shlex.split(command[2].split("|")[-1]) if command[:2] == ["sh", "-c"] and len(command) > 2 else command
    server = server[1:] if server[:1] == ["exec"] else server
    check(server[:1] == ["redis-server"] and any(server[i:i + 2] == ["--appendonly", "yes"] for i in range(len(server))),
          "compose: redis must run redis-server --appendonly yes")
    check("requirepass" in " ".join(command) and "/run/secrets/redis_password" in " ".join(command),
          "compose: redis must require the password from the redis_password secret")
    check("redis_password" in [s["source"] if isinstance(s, dict) else s for s in redis.get("secrets", []) or []],
          "compose: redis must mount the redis_password secret")
    check(not redis.get("ports"), "compose: redis must publish no port")
    check("redis-cli" in " ".join(map(str, redis.get("healthcheck", {}).get("test", []))) and
          "ping" in " ".join(map(str, redis.get("healthcheck", {}).get("test", []))),
          "compose: redis' health check must be redis-cli ping")
    redis_volumes = [(v.get("source"), v.get("target")) if isinstance(v, dict) else tuple(str(v).split(":")[:2])
                     for v in redis.get("volumes", [])]
    check(any(source in (config.get("volumes") or {}) and target == "/data" for source, target in redis_volumes),
          "compose: redis needs a named volume at /data")

    # The staging mailbox is smtp4dev, the version the tool manifest pins for development.
    manifest = json.loads((root / ".config" / "dotnet-tools.json").read_text())
    pinned = manifest["tools"]["rnwood.smtp4dev"]["version"]
    check(mail.get("image", "") == f"rnwood/smtp4dev:{pinned}",
          f"compose: smtp4dev must be rnwood/smtp4dev:{pinned}, the version .config/dotnet-tools.json pins")
    check(mail.get("profiles") == ["staging"], "compose: smtp4dev must be in the 'staging' profile only")
    mail_secrets = {s["source"]: s.get("target") for s in mail.get("secrets", []) if isinstance(s, dict)}
    check(mail_secrets.get("smtp4dev_settings") == "/smtp4dev/appsettings.json",
          "compose: smtp4dev must read its logins from the smtp4dev_settings secret (/smtp4dev/appsettings.json)")

    # Secrets: every use defined, every definition a file.
    defined = config.get("secrets", {}) or {}
    for name, service in services.items():
        for secret in service.get("secrets", []) or []:
            source = secret["source"] if isinstance(secret, dict) else secret
            check(source in defined, f"compose: {name} uses secret '{source}', which is not defined")
    for name, secret in defined.items():
        check("file" in secret, f"compose: secret '{name}' must come from a file")

    check_traefik(root, config, traefik)


def check_traefik(root: Path, config: dict, traefik: dict) -> None:
    args = [str(a) for a in traefik.get("command", [])]
    flags = dict(a.lstrip("-").split("=", 1) for a in args if "=" in a)
    entrypoints = {k.split(".")[1] for k in flags if k.startswith("entrypoints.") and k.endswith(".address")}
    resolvers = {k.split(".")[1] for k in flags if k.startswith("certificatesresolvers.")}
    check(flags.get("entrypoints.web.http.redirections.entrypoint.scheme") == "https",
          "traefik: http must redirect to https")
    check(any(k.endswith(".acme.tlschallenge") and v == "true" for k, v in flags.items()),
          "traefik: the ACME resolver must use the TLS challenge")
    edge_name = (config.get("networks", {}).get("edge") or {}).get("name")
    check(flags.get("providers.docker.network") == edge_name,
          f"traefik: providers.docker.network must be the edge network's name ({edge_name})")
    check(flags.get("providers.docker.exposedByDefault") == "false",
          "traefik: containers must opt in (exposedByDefault=false)")

    dynamic_dir = None
    for volume in traefik.get("volumes", []):
        source, target = (volume.get("source"), volume.get("target")) if isinstance(volume, dict) \
            else str(volume).split(":")[:2]
        if target == flags.get("providers.file.directory"):
            dynamic_dir = Path(source)
    check(dynamic_dir is not None and dynamic_dir.is_dir(),
          "traefik: the file provider's directory must be mounted from the repository")
    middlewares = set()
    if dynamic_dir is not None and dynamic_dir.is_dir():
        for file in sorted(dynamic_dir.glob("*.y*ml")):
            dynamic = yaml.safe_load(file.read_text()) or {}
            middlewares |= set(((dynamic.get("http") or {}).get("middlewares") or {}).keys())

    routers = 0
    for name, service in config["services"].items():
        labels = as_dict(service.get("labels"))
        if labels.get("traefik.enable") != "true":
            continue
        for key, value in labels.items():
            match = re.fullmatch(r"traefik\.http\.routers\.([^.]+)\.(.+)", key)
            if not match:
                continue
            router, option = match.groups()
            if option == "rule":
                routers += 1
                check(value.startswith("Host(`"), f"traefik: router {router} must match on the host name")
            elif option == "entrypoints":
                for entrypoint in value.split(","):
                    check(entrypoint in entrypoints, f"traefik: router {router} uses undefined entry point {entrypoint}")
                    check(entrypoint != "web", f"traefik: router {router} must not serve plain http")
            elif option == "tls.certresolver":
                check(value in resolvers, f"traefik: router {router} uses undefined resolver {value}")
            elif option == "middlewares":
                for middleware in value.split(","):
                    base, _, provider = middleware.partition("@")
                    if provider == "file":
                        check(base in middlewares, f"traefik: middleware {base}@file is not in {dynamic_dir}")
        if name == "fitfolio":
            check(labels.get("traefik.http.services.fitfolio.loadbalancer.server.port") == "8080",
                  "traefik: the app's service port must be 8080")
            # The route cookie keeps a browser on the silo holding its person's grains; a __Host- cookie
            # is refused by browsers unless Secure with Path=/.
            sticky = "traefik.http.services.fitfolio.loadbalancer.sticky.cookie."
            check(labels.get(sticky + "name", "").startswith("__Host-"), "traefik: the app's sticky route cookie must be a __Host- cookie")
            check(labels.get(sticky + "secure") == "true" and labels.get(sticky + "path") == "/",
                  "traefik: a __Host- route cookie needs secure and path /")
            check(labels.get(sticky + "httponly") == "true", "traefik: the route cookie must be httponly")
            chain = labels.get("traefik.http.routers.fitfolio.middlewares", "")
            for needed in ("fitfolio-headers@file", "fitfolio-compress@file"):
                check(needed in chain, f"traefik: the app's router must use {needed}")
    check(routers >= 1, "traefik: no router is defined")

    if dynamic_dir is not None and (dynamic_dir / "dynamic.yml").is_file():
        headers = yaml.safe_load((dynamic_dir / "dynamic.yml").read_text())["http"]["middlewares"]["fitfolio-headers"]["headers"]
        check(headers.get("stsSeconds", 0) >= 31536000, "traefik: HSTS must last at least a year")
        check(headers.get("contentTypeNosniff") is True, "traefik: nosniff is missing")
        check(headers.get("frameDeny") is True, "traefik: frame deny is missing")
        check(bool(headers.get("referrerPolicy")), "traefik: Referrer-Policy is missing")
        # The app sets the CSP (a per-response nonce on the docs page); a proxy policy would replace it.
        check("contentSecurityPolicy" not in headers, "traefik: leave the CSP to the app (its docs page needs a per-response nonce)")


# ------------------------------------------------------------------------------------- Dockerfile
def instructions(text: str) -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) with continuations joined and comments dropped."""
    result, current = [], ""
    for line in text.splitlines():
        stripped = line.strip()
        if not current and (not stripped or stripped.startswith("#")):
            continue
        if current and stripped.startswith("#"):
            continue
        if stripped.endswith("\\"):
            current += stripped[:-1] + " "
            continue
        current += stripped
        word, _, rest = current.partition(" ")
        result.append((word.upper(), rest.strip()))
        current = ""
    return result


def dockerignore_patterns(root: Path) -> list[tuple[bool, re.Pattern]]:
    patterns = []
    path = root / ".dockerignore"
    for line in path.read_text().splitlines() if path.exists() else []:
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        negate = line.startswith("!")
        line = line.lstrip("!").strip("/")
        regex = ""
        for part in re.split(r"(\*\*/?|\*|\?)", line):
            regex += {"**/": "(.*/)?", "**": ".*", "*": "[^/]*", "?": "[^/]"}.get(part, re.escape(part))
        patterns.append((negate, re.compile(regex + "(/.*)?")))
    return patterns


def ignored(path: str, patterns) -> bool:
    result = False
    for negate, pattern in patterns:
        if pattern.fullmatch(path):
            result = not negate
    return result


def project_closure(root: Path, project: PurePosixPath) -> list[PurePosixPath]:
    """The project and every project it references, transitively (paths relative to root)."""
    seen, todo = [], [project]
    while todo:
        current = todo.pop()
        if current in seen:
            continue
        seen.append(current)
        tree = ET.parse(root / current)
        for ref in tree.iter("ProjectReference"):
            target = PurePosixPath(*(current.parent / ref.get("Include").replace("\\", "/")).parts)
            todo.append(PurePosixPath(normalise(str(target))))
    return seen


def normalise(path: str) -> str:
    parts: list[str] = []
    for part in path.split("/"):
        if part == "..":
            parts.pop()
        elif part not in ("", "."):
            parts.append(part)
    return "/".join(parts)


def check_dockerfile(root: Path, config: dict) -> None:
    steps = instructions((root / "Dockerfile").read_text())
    args = {}
    stages: list[dict] = []
    for word, rest in steps:
        if word == "ARG" and not stages:
            key, _, value = rest.partition("=")
            args[key] = value.strip('"')
        elif word == "FROM":
            tokens = [t for t in rest.split() if not t.startswith("--platform")]
            image = re.sub(r"\$\{?(\w+)\}?", lambda m: args.get(m.group(1), m.group(0)), tokens[0])
            stages.append({"image": image, "name": tokens[2] if len(tokens) > 2 else None, "steps": []})
        elif stages:
            stages[-1]["steps"].append((word, rest))
    check(len(stages) >= 3, "Dockerfile: expected node, sdk and runtime stages")
    if not stages:
        return
    check(any(s["image"].startswith("node:") for s in stages[:-1]), "Dockerfile: no Node stage builds the SPA")
    check(any(s["image"].startswith("mcr.microsoft.com/dotnet/sdk:10.0") for s in stages[:-1]),
          "Dockerfile: no .NET 10 SDK stage")
    final = stages[-1]
    check(final["image"].startswith("mcr.microsoft.com/dotnet/aspnet:10.0"),
          f"Dockerfile: the runtime stage must be mcr.microsoft.com/dotnet/aspnet:10.0*, not {final['image']}")
    users = [rest for word, rest in final["steps"] if word == "USER"]
    check(bool(users) and users[-1] not in ("root", "0", "0:0"), "Dockerfile: the runtime stage must run as a non-root USER")
    exposed = {p.split("/")[0] for word, rest in final["steps"] if word == "EXPOSE" for p in rest.split()}
    check({"8080", "11111"} <= exposed, "Dockerfile: must EXPOSE 8080 and 11111")
    healthchecks = [rest for word, rest in final["steps"] if word == "HEALTHCHECK"]
    probe = None
    if healthchecks and " CMD " in f" {healthchecks[-1]}":
        try:
            probe = json.loads(f" {healthchecks[-1]}".split(" CMD ", 1)[1])
        except json.JSONDecodeError:
            pass
    check(probe == PROBE, f"Dockerfile: HEALTHCHECK must be CMD {json.dumps(PROBE)}, like compose.yml")
    copies_into_final = [rest for word, rest in final["steps"] if word == "COPY"]
    check(any("/web/dist" in c and "wwwroot" in c for c in copies_into_final),
          "Dockerfile: the SPA's dist must be copied to /app/wwwroot")
    check(any(c.split()[-1].rstrip("/") in ("./healthprobe", "/app/healthprobe") for c in copies_into_final),
          "Dockerfile: the health probe must be copied to /app/healthprobe")

    # Every COPY from the build context: the source exists and .dockerignore lets it through.
    patterns = dockerignore_patterns(root)
    copied: list[tuple[int, str]] = []  # (step index within stage 'build', source)
    for stage in stages:
        for index, (word, rest) in enumerate(stage["steps"]):
            if word not in ("COPY", "ADD"):
                continue
            tokens = shlex.split(rest)
            if any(t.startswith("--from") for t in tokens):
                continue
            sources = [t for t in tokens if not t.startswith("--")][:-1]
            for source in sources:
                source = normalise(source)
                if stage["name"] == "build":
                    copied.append((index, source))
                exists = (root / source).exists()
                if not exists and PurePosixPath(source).parts[0] == "web" and not (root / "web").exists():
                    message = ("Dockerfile: web/ does not exist on this branch yet; the image cannot be "
                               "built until the SPA is merged")
                    if message not in warnings:
                        warnings.append(message)
                    continue
                check(exists, f"Dockerfile: COPY source {source} does not exist")
                check(not ignored(source, patterns), f"Dockerfile: COPY source {source} is excluded by .dockerignore")

    # The restore layer holds every project FitFolio.Api builds from, and the sources follow it.
    build = next((s for s in stages if s["name"] == "build"), None)
    check(build is not None, "Dockerfile: no stage named 'build'")
    if build is None:
        return
    restore_at = next((i for i, (w, r) in enumerate(build["steps"]) if w == "RUN" and "dotnet restore" in r), None)
    check(restore_at is not None, "Dockerfile: the build stage never runs dotnet restore")
    if restore_at is None:
        return
    before = {s for i, s in copied if i < restore_at}
    after = {s for i, s in copied if i > restore_at}
    for project in project_closure(root, PurePosixPath("FitFolio.Api/FitFolio.Api.csproj")):
        check(str(project) in before, f"Dockerfile: {project} is not copied before dotnet restore")
        check(str(project.parent) in after, f"Dockerfile: {project.parent}/ is not copied before dotnet publish")
        tree = ET.parse(root / project)
        for item in tree.iter("EmbeddedResource"):
            include = normalise(str(project.parent / item.get("Include").replace("\\", "/")))
            folder = include.split("*")[0].rstrip("/")
            check(any(folder == s or folder.startswith(s + "/") for s in after),
                  f"Dockerfile: {project} embeds {include}, but {folder}/ is not copied")
    for needed in ("Directory.Build.props", "Directory.Packages.props"):
        check(needed in before, f"Dockerfile: {needed} must be copied before dotnet restore")
    check(".editorconfig" in after, "Dockerfile: .editorconfig must be copied (the build enforces code style)")

    ignore_text = (root / ".dockerignore").read_text() if (root / ".dockerignore").exists() else ""
    for path in ("x/bin/y", "x/obj/y", "web/node_modules/y", ".git/HEAD", ".data/y", "artifacts/y", "deploy/secrets/y"):
        check(ignored(path, patterns), f".dockerignore: {path} would be sent to the build")
    check(bool(ignore_text), ".dockerignore is missing")


def main() -> int:
    root = Path(sys.argv[1]).resolve()
    config = yaml.safe_load(Path(sys.argv[2]).read_text())
    check_compose(root, config)
    check_dockerfile(root, config)
    for message in warnings:
        print(f"warning: {message}")
    for message in failures:
        print(f"FAIL: {message}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
