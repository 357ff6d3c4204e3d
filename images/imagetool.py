#!/usr/bin/env python3
"""Container images as files, without a container engine: what images/prove.sh needs.

  pack LAYER OUT.tar --env K=V ...         a one-layer `docker save` tarball (the base image)
  verify --created TS TASK=IMAGE.tar ...   structural checks of Jib's task images, layer sizes
  unpack IMAGE.tar ROOTFS [--cache DIR]    apply the layers in order, whiteouts honoured
  run IMAGE.tar ROOTFS [--bind H:C] -- ARGS  the image's entrypoint, as its user, chrooted
  digests IMAGE.tar                        the config digest and layer diff ids, one per line

Images are docker-archive tarballs (manifest.json, a config JSON, one tar per layer, gzipped or
not), the format `docker save` writes, Jib's buildTar writes and Jib reads as tar:// base images.
Standard library only: this runs before anything is installed.
"""

import argparse
import calendar
import gzip
import hashlib
import io
import json
import os
import shutil
import subprocess
import sys
import tarfile
import time
from dataclasses import dataclass, field

APP_ROOT = "app"
CLASSPATH_FILE = "app/jib-classpath-file"
MAIN_CLASS_FILE = "app/jib-main-class-file"
JAVA_17_CLASS_MAJOR = 61
JIB_DEFAULT_MTIME = 1
# -XX:+ExitOnOutOfMemoryError exits with 3, the task contract's "invalid input" code, which the
# DAG never retries; an out-of-memory run must not look like bad data.
FORBIDDEN_JVM_FLAGS = ("-XX:+ExitOnOutOfMemoryError",)


class ImageError(Exception):
    """An image tarball that is not what it should be; the message says what."""


# ---------------------------------------------------------------------------------------- reading


class _HashingReader(io.RawIOBase):
    """Counts and hashes the bytes read through it (a layer's uncompressed stream: its diff id)."""

    def __init__(self, raw):
        self.raw = raw
        self.sha = hashlib.sha256()
        self.size = 0

    def readable(self):
        return True

    def readinto(self, buffer):
        data = self.raw.read(len(buffer))
        self.sha.update(data)
        self.size += len(data)
        buffer[: len(data)] = data
        return len(data)

    def drain(self):
        while self.read(1 << 20):
            pass


def _normalize(name):
    """A tar member's path relative to the root ('' for the root itself); rejects escapes."""
    parts = [p for p in name.replace("\\", "/").split("/") if p not in ("", ".")]
    if ".." in parts:
        raise ImageError(f"layer entry escapes the root: {name!r}")
    return "/".join(parts)


@dataclass
class LayerInfo:
    diff_id: str
    compressed: bool
    blob_size: int
    size: int
    entries: dict = field(default_factory=dict)  # path -> (type, size, mtime, uid, gid, mode)
    first_bytes: dict = field(default_factory=dict)  # small files kept for content checks


class DockerArchive:
    """A `docker save`-format image tarball, opened for reading."""

    def __init__(self, path):
        self.path = path
        # Open for the object's lifetime (members are read lazily); close() ends it.
        self.tar = tarfile.open(path, "r:")  # noqa: SIM115
        self.members = {_normalize(m.name): m for m in self.tar.getmembers()}
        manifest = json.loads(self._read("manifest.json"))
        if not isinstance(manifest, list) or len(manifest) != 1:
            raise ImageError(f"{path}: manifest.json must hold exactly one image")
        self.manifest = manifest[0]
        self.config_bytes = self._read(self.manifest["Config"])
        self.config = json.loads(self.config_bytes)
        self.layers = list(self.manifest["Layers"])

    def _read(self, name):
        member = self.members.get(_normalize(name))
        if member is None:
            raise ImageError(f"{self.path}: no {name}")
        return self.tar.extractfile(member).read()

    @property
    def config_digest(self):
        return "sha256:" + hashlib.sha256(self.config_bytes).hexdigest()

    @property
    def diff_ids(self):
        return list(self.config.get("rootfs", {}).get("diff_ids", []))

    def layer_blob(self, index):
        member = self.members[_normalize(self.layers[index])]
        return member.size, self.tar.extractfile(member)

    def open_layer(self, index):
        """(blob size, compressed?, hashing reader of the uncompressed tar stream)."""
        size, blob = self.layer_blob(index)
        magic = blob.read(2)
        blob.seek(0)
        compressed = magic == b"\x1f\x8b"
        stream = gzip.GzipFile(fileobj=blob, mode="rb") if compressed else blob
        return size, compressed, _HashingReader(stream)

    def close(self):
        self.tar.close()


def read_layer(archive, index, keep=()):
    """Lists one layer and checks its diff id; files whose path is in `keep` are read whole."""
    size, compressed, reader = archive.open_layer(index)
    info = LayerInfo("", compressed, size, 0)
    with tarfile.open(fileobj=io.BufferedReader(reader, 1 << 20), mode="r|") as layer:
        for member in layer:
            path = _normalize(member.name)
            kind = (
                "dir" if member.isdir() else "link" if member.issym() or member.islnk() else "file"
            )
            info.entries[path] = (
                kind,
                member.size,
                member.mtime,
                member.uid,
                member.gid,
                member.mode,
            )
            if member.isfile() and (path in keep or path.endswith("/Main.class")):
                info.first_bytes[path] = layer.extractfile(member).read()
    reader.drain()
    info.diff_id = "sha256:" + reader.sha.hexdigest()
    info.size = reader.size
    expected = archive.diff_ids[index] if index < len(archive.diff_ids) else None
    if info.diff_id != expected:
        raise ImageError(
            f"{archive.path}: layer {index} has diff id {info.diff_id}, config says {expected}"
        )
    return info


# -------------------------------------------------------------------------------------------- pack


def pack(layer_path, out, tag, env, cmd, created_by, created):
    """Writes a one-layer docker-archive tarball around an existing (gzipped) layer tar."""
    with open(layer_path, "rb") as f:
        head = f.read(2)
    opener = gzip.open if head == b"\x1f\x8b" else open
    diff = hashlib.sha256()
    with opener(layer_path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            diff.update(chunk)
    diff_id = "sha256:" + diff.hexdigest()
    config = {
        "architecture": "amd64",
        "os": "linux",
        "created": created,
        "config": {"Env": list(env), "Cmd": list(cmd) or None, "WorkingDir": "/"},
        "rootfs": {"type": "layers", "diff_ids": [diff_id]},
        "history": [{"created": created, "created_by": created_by}],
    }
    config_bytes = json.dumps(config, indent=None, separators=(",", ":")).encode()
    config_name = hashlib.sha256(config_bytes).hexdigest() + ".json"
    layer_name = diff_id.split(":", 1)[1] + "/layer.tar"
    manifest = [{"Config": config_name, "RepoTags": [tag], "Layers": [layer_name]}]
    tmp = out + ".tmp"
    with tarfile.open(tmp, "w", format=tarfile.PAX_FORMAT) as tar:
        _add_bytes(tar, config_name, config_bytes)
        tar.add(layer_path, arcname=layer_name, filter=_reset_owner)
        _add_bytes(tar, "manifest.json", json.dumps(manifest).encode())
    os.replace(tmp, out)
    return diff_id


def _add_bytes(tar, name, data):
    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mode = 0o644
    tar.addfile(info, io.BytesIO(data))


def _reset_owner(info):
    info.uid = info.gid = 0
    info.uname = info.gname = "root"
    return info


# ------------------------------------------------------------------------------------------ verify


def parse_user(user):
    """(uid, gid) of a numeric `uid[:gid]` User; a name cannot be checked without /etc/passwd."""
    if not user:
        return 0, 0
    uid, _, gid = user.partition(":")
    if not uid.isdigit() or (gid and not gid.isdigit()):
        raise ImageError(f"User {user!r} is not numeric uid[:gid]")
    return int(uid), int(gid) if gid else 0


def layer_labels(config):
    """(label, added by Jib?) of each layer, from the history (Jib names its layers)."""
    labels = []
    for entry in config.get("history", []):
        if not entry.get("empty_layer"):
            jib = entry.get("author") == "Jib"
            labels.append((entry.get("comment") or "base", jib))
    return labels


def verify_task_image(archive, task, created, layer_cache):
    """Checks one task image; returns its layer rows (label, blob bytes, uncompressed bytes)."""
    failures = []
    cfg = archive.config.get("config", {})
    main_class = f"io.delaywatch.{task}.Main"

    def check(condition, message):
        if not condition:
            failures.append(message)

    repo_tags = archive.manifest.get("RepoTags") or []
    check(
        any(t.rsplit(":", 1)[0].endswith(f"delaywatch-{task}") for t in repo_tags),
        f"RepoTags {repo_tags} do not name delaywatch-{task}",
    )
    check(
        archive.config.get("os") == "linux" and archive.config.get("architecture") == "amd64",
        "not a linux/amd64 image",
    )
    check(
        archive.config.get("created") == created,
        f"created is {archive.config.get('created')!r}, not the fixed {created!r}",
    )
    entrypoint = cfg.get("Entrypoint") or []
    check(entrypoint[:1] == ["java"], f"Entrypoint does not start with java: {entrypoint}")
    check(
        entrypoint[-3:] == ["-cp", "@/" + CLASSPATH_FILE, main_class],
        f"Entrypoint does not end with -cp @/{CLASSPATH_FILE} {main_class}: {entrypoint}",
    )
    flags = entrypoint[1:-3]
    check(
        any(f.startswith("-XX:MaxRAMPercentage=") for f in flags),
        f"no -XX:MaxRAMPercentage: the heap would ignore the container's memory: {flags}",
    )
    check(
        not any(f.startswith("-Xmx") for f in flags),
        f"a fixed -Xmx defeats container sizing: {flags}",
    )
    for flag in FORBIDDEN_JVM_FLAGS:
        check(flag not in flags, f"{flag} exits with 3, the contract's 'invalid input' code")
    check(not cfg.get("Cmd"), f"Cmd {cfg.get('Cmd')} would be passed to the task as options")
    try:
        uid, gid = parse_user(cfg.get("User", ""))
        check(uid != 0, f"runs as root (User {cfg.get('User')!r})")
    except ImageError as e:
        failures.append(str(e))
    workdir = cfg.get("WorkingDir", "")
    check(workdir.startswith("/"), f"WorkingDir {workdir!r} is not absolute")
    env = dict(e.split("=", 1) for e in cfg.get("Env", []))
    check("PATH" in env, "no PATH in Env: `java` would not resolve")
    check(
        len(archive.layers) == len(archive.diff_ids),
        "manifest and config disagree on the layer count",
    )

    rows, files, contents = [], {}, {}
    labels = layer_labels(archive.config)
    keep = {CLASSPATH_FILE, MAIN_CLASS_FILE}
    for index in range(len(archive.layers)):
        blob_size, blob = archive.layer_blob(index)
        key = (blob_size, hashlib.sha256(blob.read()).hexdigest())
        if key not in layer_cache:
            layer_cache[key] = read_layer(archive, index, keep)
        info = layer_cache[key]
        label, jib = labels[index] if index < len(labels) else ("?", False)
        app_files = [p for p in info.entries if p == APP_ROOT or p.startswith(APP_ROOT + "/")]
        rows.append((label, jib, blob_size, info.size, len(info.entries)))
        files.update(info.entries)
        contents.update(info.first_bytes)
        if jib:
            check(len(app_files) == len(info.entries), f"layer {label} writes outside /{APP_ROOT}")
            # Files get the configured time; directories and generated files Jib's epoch + 1 s.
            fixed_times = {_epoch(created), JIB_DEFAULT_MTIME}
            unfixed = {path for path in app_files if info.entries[path][2] not in fixed_times}
            check(
                not unfixed,
                f"layer {label}: {len(unfixed)} entries with a build-time mtime, e.g. {sorted(unfixed)[:3]}",
            )
            owned = {path for path in app_files if info.entries[path][3:5] != (0, 0)}
            check(not owned, f"layer {label}: entries not owned by root: {sorted(owned)[:3]}")
            writable = {path for path in app_files if info.entries[path][5] & 0o022}
            check(
                not writable, f"layer {label}: group/world-writable entries: {sorted(writable)[:3]}"
            )

    main_path = f"{APP_ROOT}/classes/" + main_class.replace(".", "/") + ".class"
    check(main_path in files, f"no {main_path}")
    if main_path in contents:
        major = int.from_bytes(contents[main_path][6:8], "big")
        check(
            major <= JAVA_17_CLASS_MAJOR,
            f"{main_path} is class version {major}, newer than Java 17",
        )
    jars = sorted(p for p in files if p.startswith(f"{APP_ROOT}/libs/") and p.endswith(".jar"))
    check(jars, f"no jar under /{APP_ROOT}/libs")
    check(
        any(os.path.basename(j).startswith("common-") for j in jars),
        "the common module's jar is missing",
    )
    check(any(os.path.basename(j).startswith("picocli-") for j in jars), "picocli is missing")
    if CLASSPATH_FILE not in contents:
        failures.append(f"no /{CLASSPATH_FILE}")
    else:
        entries = contents[CLASSPATH_FILE].decode().strip().split(":")
        missing = [e for e in entries if e.endswith(".jar") and e.lstrip("/") not in files]
        check(not missing, f"class path names jars not in the image: {missing[:3]}")
        check(f"/{APP_ROOT}/classes" in entries, f"/{APP_ROOT}/classes is not on the class path")
        listed = {e.lstrip("/") for e in entries}
        unlisted = [j for j in jars if j not in listed]
        check(not unlisted, f"jars in the image but not on the class path: {unlisted[:3]}")
    if MAIN_CLASS_FILE in contents:
        check(
            contents[MAIN_CLASS_FILE].decode().strip() == main_class,
            f"/{MAIN_CLASS_FILE} names {contents[MAIN_CLASS_FILE].decode().strip()}",
        )
    if failures:
        raise ImageError(f"{archive.path} (delaywatch-{task}):\n  - " + "\n  - ".join(failures))
    return rows


def _epoch(timestamp):
    return calendar.timegm(time.strptime(timestamp, "%Y-%m-%dT%H:%M:%SZ"))


def _mb(n):
    return f"{n / 1e6:.1f}"


# ------------------------------------------------------------------------------------------ unpack


def chain_ids(diff_ids):
    """The chain id of each layer prefix (OCI image spec): what a snapshot of layers 0..i is."""
    chain = []
    for diff_id in diff_ids:
        chain.append(
            diff_id
            if not chain
            else "sha256:" + hashlib.sha256(f"{chain[-1]} {diff_id}".encode()).hexdigest()
        )
    return chain


def unpack(archive, rootfs, cache=None):
    """Applies the image's layers in order into rootfs (which must not exist or be empty).

    With a cache directory, the result of every layer prefix is kept there, keyed by chain id, and
    an image that shares a prefix (the base layer) starts from a hard-linked copy of it, as an
    engine's snapshotter does. Safe because applying a layer replaces files, never writes into them.
    """
    if os.path.exists(rootfs) and os.listdir(rootfs):
        raise ImageError(f"{rootfs} is not empty")
    chain = chain_ids(archive.diff_ids)
    start = 0
    if cache:
        for index in reversed(range(len(chain) - 1)):
            snapshot = os.path.join(cache, chain[index].split(":", 1)[1])
            if os.path.isdir(snapshot):
                _copy_linked(snapshot, rootfs)
                start = index + 1
                break
    os.makedirs(rootfs, exist_ok=True)
    for index in range(start, len(archive.layers)):
        apply_layer(archive, index, rootfs)
        snapshot = os.path.join(cache, chain[index].split(":", 1)[1]) if cache else None
        if snapshot and index < len(chain) - 1 and not os.path.isdir(snapshot):
            os.makedirs(cache, exist_ok=True)
            _copy_linked(rootfs, snapshot + ".tmp")
            os.replace(snapshot + ".tmp", snapshot)


def _copy_linked(source, target):
    if os.path.exists(target):
        shutil.rmtree(target)
    subprocess.run(["cp", "-a", "-l", source, target], check=True)


def apply_layer(archive, index, rootfs):
    """One layer's changeset (OCI image spec): whiteouts delete from the layers below it."""
    _, _, reader = archive.open_layer(index)
    added = set()
    with tarfile.open(fileobj=io.BufferedReader(reader, 1 << 20), mode="r|") as layer:
        for member in layer:
            path = _normalize(member.name)
            if not path:
                continue
            parent, base = os.path.split(path)
            _check_parents(rootfs, parent)
            if base == ".wh..wh..opq":
                directory = os.path.join(rootfs, parent)
                if os.path.isdir(directory):
                    for child in os.listdir(directory):
                        if os.path.join(parent, child) not in added:
                            _remove(os.path.join(directory, child))
                continue
            if base.startswith(".wh."):
                target = os.path.join(parent, base[len(".wh.") :])
                if target not in added:
                    _remove(os.path.join(rootfs, target))
                continue
            if member.ischr() or member.isblk() or member.isfifo():
                continue  # devices come from the runtime, as in any container engine
            target = os.path.join(rootfs, path)
            if os.path.lexists(target) and not (
                member.isdir() and os.path.isdir(target) and not os.path.islink(target)
            ):
                _remove(target)  # never write through a file another image may share (hard links)
            member.name = path
            if member.islnk():
                member.linkname = _normalize(member.linkname)
            _extract(layer, member, rootfs)
            added.add(path)
    reader.drain()
    if "sha256:" + reader.sha.hexdigest() != archive.diff_ids[index]:
        raise ImageError(f"{archive.path}: layer {index} does not match its diff id")


def _extract(layer, member, rootfs):
    kwargs = {"set_attrs": True, "numeric_owner": True}
    if hasattr(tarfile, "fully_trusted_filter"):
        kwargs["filter"] = (
            "fully_trusted"  # paths were checked above: no escape, no symlinked parent
        )
    layer.extract(member, rootfs, **kwargs)


def _check_parents(rootfs, parent):
    current = rootfs
    for part in parent.split("/") if parent else []:
        current = os.path.join(current, part)
        if os.path.islink(current):
            raise ImageError(f"layer entry below a symbolic link: {parent}")


def _remove(path):
    if os.path.isdir(path) and not os.path.islink(path):
        shutil.rmtree(path)
    elif os.path.lexists(path):
        os.unlink(path)


# --------------------------------------------------------------------------------------------- run

_DEVICES = ("null", "zero", "full", "random", "urandom", "tty")

# Runs in a private mount namespace, so every mount below disappears with the process: /dev and
# /sys as a container engine provides them, the bind mounts, then a PID namespace with /proc, the
# image's root, working directory and user. java needs /proc to find its own libraries ($ORIGIN).
_RUNNER = r"""
set -e
root=$1; wd=$2; uid=$3; gid=$4; binds=$5; shift 5
mkdir -p "$root/dev" "$root/proc" "$root/sys"
mount -t tmpfs -o nosuid,mode=755 tmpfs "$root/dev"
for d in {devices}; do touch "$root/dev/$d"; mount --bind "/dev/$d" "$root/dev/$d"; done
mkdir "$root/dev/shm" && mount -t tmpfs -o nosuid,nodev tmpfs "$root/dev/shm"
ln -s /proc/self/fd "$root/dev/fd"
ln -s /proc/self/fd/0 "$root/dev/stdin"; ln -s /proc/self/fd/1 "$root/dev/stdout"; ln -s /proc/self/fd/2 "$root/dev/stderr"
mount -t sysfs -o ro,nosuid,nodev,noexec sysfs "$root/sys"
while [ "$binds" -gt 0 ]; do
  mkdir -p "$root$2"; mount --bind "$1" "$root$2"; shift 2; binds=$((binds - 1))
done
exec unshare --pid --fork --kill-child --mount-proc=/proc --root="$root" --wd="$wd" \
  --setgid "$gid" --setuid "$uid" -- "$@"
""".replace("{devices}", " ".join(_DEVICES))


def run(archive, rootfs, binds, args, extra_env):
    """Runs the image's entrypoint with args (as `docker run IMAGE ARGS` does); returns its exit code."""
    cfg = archive.config.get("config", {})
    argv = list(cfg.get("Entrypoint") or []) + (list(args) or list(cfg.get("Cmd") or []))
    if not argv:
        raise ImageError("the image has neither Entrypoint nor Cmd")
    env = dict(e.split("=", 1) for e in cfg.get("Env", []))
    env.update(dict(e.split("=", 1) for e in extra_env))
    env.setdefault("PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin")
    # What Docker adds when the image does not set them (HOME from /etc/passwd, else /).
    env.setdefault("HOSTNAME", "delaywatch")
    env.setdefault("HOME", "/")
    uid, gid = parse_user(cfg.get("User", ""))
    workdir = cfg.get("WorkingDir") or "/"
    bind_args = []
    for spec in binds:
        host, _, container = spec.partition(":")
        if not os.path.isdir(host) or not container.startswith("/"):
            raise ImageError(f"--bind {spec}: want an existing HOST_DIR:/CONTAINER_DIR")
        bind_args += [os.path.abspath(host), container]
    tools = {name: shutil.which(name) for name in ("unshare", "sh")}
    if None in tools.values():
        raise ImageError("needs unshare and sh (util-linux, dash)")
    command = (
        [
            tools["unshare"],
            "--mount",
            "--propagation",
            "private",
            "--",
            tools["sh"],
            "-c",
            _RUNNER,
            "runner",
            os.path.abspath(rootfs),
            workdir,
            str(uid),
            str(gid),
            str(len(binds)),
        ]
        + bind_args
        + argv
    )
    # The host's PATH finds mount and unshare; the image's PATH (in env) finds the entrypoint.
    env_for_runner = dict(env, PATH=env["PATH"] + ":/usr/sbin:/usr/bin:/sbin:/bin")
    return subprocess.run(command, env=env_for_runner, check=False).returncode


# -------------------------------------------------------------------------------------------- main


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("pack", help="a one-layer docker-archive tarball around a layer tar")
    p.add_argument("layer")
    p.add_argument("out")
    p.add_argument("--tag", required=True)
    p.add_argument("--env", action="append", default=[])
    p.add_argument("--cmd", nargs="*", default=[])
    p.add_argument("--created-by", default="images/base.sh")
    p.add_argument("--created", default="1970-01-01T00:00:00Z")
    p = sub.add_parser("verify", help="check task images: TASK=IMAGE.tar ...")
    p.add_argument(
        "--created", required=True, help="the fixed creation time, e.g. 2024-01-01T00:00:00Z"
    )
    p.add_argument("images", nargs="+")
    p = sub.add_parser("unpack", help="apply an image's layers into a new root directory")
    p.add_argument("image")
    p.add_argument("rootfs")
    p.add_argument("--cache", help="directory of layer snapshots shared between images")
    p = sub.add_parser("run", help="run an unpacked image's entrypoint: run IMAGE ROOTFS -- ARGS")
    p.add_argument("image")
    p.add_argument("rootfs")
    p.add_argument("--bind", action="append", default=[], help="HOST_DIR:CONTAINER_DIR")
    p.add_argument("--env", action="append", default=[], help="K=V added to the image's Env")
    p = sub.add_parser("digests", help="the config digest and the layer diff ids")
    p.add_argument("image")
    argv = list(sys.argv[1:] if argv is None else argv)
    # Everything after `--` goes to the entrypoint untouched (argparse would take options from it).
    split = argv.index("--") if "--" in argv else len(argv)
    opts = parser.parse_args(argv[:split])
    opts.args = argv[split + 1 :]

    try:
        if opts.command == "pack":
            pack(opts.layer, opts.out, opts.tag, opts.env, opts.cmd, opts.created_by, opts.created)
        elif opts.command == "verify":
            cache, table = {}, []
            for spec in opts.images:
                task, _, path = spec.partition("=")
                archive = DockerArchive(path)
                rows = verify_task_image(archive, task, opts.created, cache)
                archive.close()
                table.append((task, rows))
                print(f"ok  delaywatch-{task}: {path}", file=sys.stderr)
            print("| image | layer | compressed MB | uncompressed MB | entries |")
            print("|---|---|---:|---:|---:|")
            for task, rows in table:
                for label, _, blob, size, count in rows:
                    print(f"| delaywatch-{task} | {label} | {_mb(blob)} | {_mb(size)} | {count} |")
                app = [r for r in rows if r[1]]
                print(
                    f"| delaywatch-{task} | all Jib layers | {_mb(sum(r[2] for r in app))} "
                    f"| {_mb(sum(r[3] for r in app))} | {sum(r[4] for r in app)} |"
                )
        elif opts.command == "unpack":
            archive = DockerArchive(opts.image)
            unpack(archive, opts.rootfs, opts.cache)
        elif opts.command == "run":
            return run(DockerArchive(opts.image), opts.rootfs, opts.bind, opts.args, opts.env)
        elif opts.command == "digests":
            archive = DockerArchive(opts.image)
            print(archive.config_digest)
            for diff_id in archive.diff_ids:
                print(diff_id)
    except ImageError as e:
        print(f"imagetool: {e}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
