"""Structural checks of the delaywatch-api image (images/prove-api.sh): what verify checks for a
task image, less the `common` jar the API does not use, plus what a service needs.

    python3 images/check_api_image.py api/target/jib-image.tar CREATED
"""

import sys

import imagetool


def problems(path, created):
    archive = imagetool.DockerArchive(path)
    cfg = archive.config.get("config", {})
    found = []
    entrypoint = cfg.get("Entrypoint") or []
    if entrypoint[:1] != ["java"] or entrypoint[-1:] != ["io.delaywatch.api.Main"]:
        found.append(f"entrypoint is not java ... io.delaywatch.api.Main: {entrypoint}")
    if not any(f.startswith("-XX:MaxRAMPercentage=") for f in entrypoint):
        found.append("no -XX:MaxRAMPercentage: the heap would ignore the container's memory")
    if "-XX:+UseG1GC" not in entrypoint:
        found.append("no -XX:+UseG1GC: a small container would get Serial and its full pauses")
    if archive.config.get("created") != created:
        found.append(f"created is {archive.config.get('created')!r}, not {created!r}")
    uid, _ = imagetool.parse_user(cfg.get("User", ""))
    if uid == 0:
        found.append("runs as root")
    if "8090/tcp" not in (cfg.get("ExposedPorts") or {}):
        found.append(f"port 8090 not exposed: {cfg.get('ExposedPorts')}")
    if cfg.get("Cmd"):
        found.append(f"Cmd {cfg['Cmd']} would be passed as options")
    files = {}
    for index in range(len(archive.layers)):
        files.update(imagetool.read_layer(archive, index).entries)
    jars = [p.rsplit("/", 1)[-1] for p in files if p.startswith("app/libs/") and p.endswith(".jar")]
    for wanted in ("javalin-", "HikariCP-", "postgresql-", "picocli-", "jackson-databind-"):
        if not any(j.startswith(wanted) for j in jars):
            found.append(f"no {wanted}*.jar in /app/libs")
    # The launcher's embedded PostgreSQL (60 MB of binaries) stays out of the image.
    unwanted = [j for j in jars if j.startswith("embedded-postgres")]
    if unwanted:
        found.append(f"embedded PostgreSQL in the image: {unwanted}")
    if "app/resources/openapi.json" not in files:
        found.append("no /app/resources/openapi.json")
    if "app/classes/io/delaywatch/api/Main.class" not in files:
        found.append("no /app/classes/io/delaywatch/api/Main.class")
    return found, len(jars)


if __name__ == "__main__":
    found, jars = problems(sys.argv[1], sys.argv[2])
    if found:
        sys.exit("delaywatch-api image:\n  - " + "\n  - ".join(found))
    print(f"{jars} jars, entrypoint, user, port, creation time and resources as expected")
