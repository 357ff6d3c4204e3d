"""Rules of images/imagetool.py, on small images made here (python3 -m unittest discover -s images)."""

import gzip
import hashlib
import io
import json
import os
import tarfile
import tempfile
import unittest

import imagetool

CREATED = "2024-01-01T00:00:00Z"
FIXED = 1704067200
MAIN = "io.delaywatch.transform.Main"
GOOD_ENTRYPOINT = [
    "java",
    "-XX:MaxRAMPercentage=75",
    "-XX:+CrashOnOutOfMemoryError",
    "-cp",
    "@/app/jib-classpath-file",
    MAIN,
]


def layer(entries, compress=True):
    """A layer tar from (path, content or None for a directory or ('link', target), mtime)."""
    raw = io.BytesIO()
    with tarfile.open(fileobj=raw, mode="w", format=tarfile.PAX_FORMAT) as tar:
        for path, content, mtime in entries:
            info = tarfile.TarInfo(path)
            info.mtime = mtime
            if content is None:
                info.type, info.mode = tarfile.DIRTYPE, 0o755
                tar.addfile(info)
            elif isinstance(content, tuple):
                info.type, info.linkname = tarfile.SYMTYPE, content[1]
                tar.addfile(info)
            else:
                info.size, info.mode = len(content), 0o644
                tar.addfile(info, io.BytesIO(content))
    data = raw.getvalue()
    return (gzip.compress(data, mtime=0) if compress else data), "sha256:" + hashlib.sha256(
        data
    ).hexdigest()


def image(path, layers, config=None, history=None, tags=("delaywatch-transform:latest",)):
    """A docker-archive tarball of the given layers (as returned by layer())."""
    config = dict(config or {})
    body = {
        "architecture": "amd64",
        "os": "linux",
        "created": CREATED,
        "config": config,
        "rootfs": {"type": "layers", "diff_ids": [d for _, d in layers]},
        "history": history or [{"created_by": "base"}] * len(layers),
    }
    with tarfile.open(path, "w") as tar:
        names = []
        for index, (blob, _) in enumerate(layers):
            names.append(f"{index}.tar.gz")
            add(tar, names[-1], blob)
        add(tar, "config.json", json.dumps(body).encode())
        add(
            tar,
            "manifest.json",
            json.dumps(
                [{"Config": "config.json", "RepoTags": list(tags), "Layers": names}]
            ).encode(),
        )
    return path


def add(tar, name, data):
    info = tarfile.TarInfo(name)
    info.size = len(data)
    tar.addfile(info, io.BytesIO(data))


def main_class_bytes(major=61):
    return b"\xca\xfe\xba\xbe\x00\x00" + major.to_bytes(2, "big") + b"rest"


def jib_layers(
    classpath="/app/resources:/app/classes:/app/libs/common-0.1.0.jar:/app/libs/picocli-4.7.7.jar",
    mtime=FIXED,
    main=None,
):
    base = layer(
        [("usr", None, 5), ("usr/bin", None, 5), ("usr/bin/java", b"#!", 5), ("tmp", None, 5)]
    )
    libs = layer(
        [
            ("app", None, 1),
            ("app/libs", None, 1),
            ("app/libs/picocli-4.7.7.jar", b"jar", mtime),
            ("app/libs/common-0.1.0.jar", b"jar", mtime),
        ]
    )
    classes = layer(
        [
            ("app", None, 1),
            ("app/classes", None, 1),
            ("app/classes/io/delaywatch/transform/Main.class", main or main_class_bytes(), mtime),
        ]
    )
    args = layer(
        [
            ("app", None, 1),
            ("app/jib-classpath-file", classpath.encode(), 1),
            ("app/jib-main-class-file", MAIN.encode(), 1),
        ]
    )
    history = [{"created_by": "debootstrap"}] + [
        {"author": "Jib", "created_by": "jib-maven-plugin", "comment": c}
        for c in ("dependencies", "classes", "jvm arg files")
    ]
    return [base, libs, classes, args], history


def good_config(**overrides):
    config = {
        "Entrypoint": GOOD_ENTRYPOINT,
        "User": "10001:10001",
        "WorkingDir": "/tmp",
        "Env": ["PATH=/usr/bin:/bin"],
    }
    config.update(overrides)
    return config


class VerifyTest(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.TemporaryDirectory()
        self.addCleanup(self.dir.cleanup)

    def verify(self, config=None, **layer_options):
        layers, history = jib_layers(**layer_options)
        path = image(
            os.path.join(self.dir.name, "image.tar"), layers, config or good_config(), history
        )
        archive = imagetool.DockerArchive(path)
        self.addCleanup(archive.close)
        return imagetool.verify_task_image(archive, "transform", CREATED, {})

    def assert_rejected(self, message, config=None, **layer_options):
        with self.assertRaises(imagetool.ImageError) as caught:
            self.verify(config, **layer_options)
        self.assertIn(message, str(caught.exception))

    def test_accepts_a_jib_image_and_reports_every_layer(self):
        rows = self.verify()
        self.assertEqual([r[0] for r in rows], ["base", "dependencies", "classes", "jvm arg files"])
        self.assertEqual([r[1] for r in rows], [False, True, True, True])

    def test_rejects_root_user(self):
        self.assert_rejected("runs as root", good_config(User=""))
        self.assert_rejected("runs as root", good_config(User="0:0"))
        self.assert_rejected("not numeric", good_config(User="app"))

    def test_rejects_exit_on_out_of_memory_error_because_it_exits_with_the_invalid_input_code(self):
        entrypoint = GOOD_ENTRYPOINT[:1] + ["-XX:+ExitOnOutOfMemoryError"] + GOOD_ENTRYPOINT[1:]
        self.assert_rejected("exits with 3", good_config(Entrypoint=entrypoint))

    def test_rejects_a_fixed_heap_or_no_container_sizing(self):
        self.assert_rejected(
            "-Xmx", good_config(Entrypoint=GOOD_ENTRYPOINT[:1] + ["-Xmx1g"] + GOOD_ENTRYPOINT[1:])
        )
        self.assert_rejected(
            "MaxRAMPercentage", good_config(Entrypoint=["java"] + GOOD_ENTRYPOINT[2:])
        )

    def test_rejects_a_cmd_that_would_become_task_options(self):
        self.assert_rejected("Cmd ['bash']", good_config(Cmd=["bash"]))

    def test_rejects_an_entrypoint_for_another_main_class(self):
        self.assert_rejected(
            "io.delaywatch.transform.Main",
            good_config(Entrypoint=GOOD_ENTRYPOINT[:-1] + ["x.Main"]),
        )

    def test_rejects_build_time_modification_times(self):
        self.assert_rejected("build-time mtime", mtime=1732800000)

    def test_rejects_jars_missing_from_the_class_path_and_class_path_entries_missing_from_the_image(
        self,
    ):
        self.assert_rejected(
            "not on the class path", classpath="/app/classes:/app/libs/common-0.1.0.jar"
        )
        self.assert_rejected(
            "not in the image",
            classpath="/app/classes:/app/libs/common-0.1.0.jar:"
            "/app/libs/picocli-4.7.7.jar:/app/libs/gone.jar",
        )

    def test_rejects_classes_newer_than_java17(self):
        self.assert_rejected("newer than Java 17", main=main_class_bytes(65))

    def test_rejects_a_layer_whose_content_does_not_match_its_diff_id(self):
        layers, history = jib_layers()
        layers[1] = (layers[1][0], "sha256:" + "0" * 64)
        path = image(os.path.join(self.dir.name, "image.tar"), layers, good_config(), history)
        archive = imagetool.DockerArchive(path)
        self.addCleanup(archive.close)
        with self.assertRaisesRegex(imagetool.ImageError, "diff id"):
            imagetool.verify_task_image(archive, "transform", CREATED, {})


class UnpackTest(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.TemporaryDirectory()
        self.addCleanup(self.dir.cleanup)
        self.root = self.dir.name

    def unpack(self, layers, name="rootfs", cache=None):
        path = image(os.path.join(self.root, name + ".tar"), layers)
        archive = imagetool.DockerArchive(path)
        self.addCleanup(archive.close)
        target = os.path.join(self.root, name)
        imagetool.unpack(archive, target, cache)
        return target

    def tree(self, rootfs):
        found = {}
        for directory, dirs, files in os.walk(rootfs):
            for name in files:
                path = os.path.join(directory, name)
                with open(path, "rb") as f:
                    found[os.path.relpath(path, rootfs)] = f.read()
            for name in dirs:
                found[os.path.relpath(os.path.join(directory, name), rootfs) + "/"] = None
        return found

    def test_applies_layers_in_order_with_file_and_opaque_whiteouts(self):
        lower = layer(
            [
                ("a", None, 0),
                ("a/x", b"x", 0),
                ("a/y", b"y", 0),
                ("b", b"b", 0),
                ("c", None, 0),
                ("c/old", b"old", 0),
                ("d", b"d1", 0),
            ]
        )
        upper = layer(
            [
                ("a/.wh.x", b"", 0),
                (".wh.b", b"", 0),
                ("c/.wh..wh..opq", b"", 0),
                ("c/new", b"new", 0),
                ("d", b"d2", 0),
            ],
            compress=False,
        )
        rootfs = self.unpack([lower, upper])
        self.assertEqual(
            self.tree(rootfs), {"a/": None, "a/y": b"y", "c/": None, "c/new": b"new", "d": b"d2"}
        )

    def test_a_whiteout_hides_only_lower_layers_not_the_file_its_own_layer_adds(self):
        lower = layer([("e", b"old", 0)])
        upper = layer([("e", b"new", 0), (".wh.e", b"", 0)])
        self.assertEqual(self.tree(self.unpack([lower, upper])), {"e": b"new"})

    def test_shared_snapshots_are_hard_linked_and_never_written_through(self):
        cache = os.path.join(self.root, "cache")
        base = layer([("etc", None, 0), ("etc/os", b"debian", 0), ("shared", b"base", 0)])
        first = self.unpack([base, layer([("shared", b"first", 0)])], "one", cache)
        second = self.unpack([base, layer([("app", b"second", 0)])], "two", cache)
        self.assertEqual(
            os.stat(os.path.join(first, "etc/os")).st_ino,
            os.stat(os.path.join(second, "etc/os")).st_ino,
        )
        self.assertEqual(
            self.tree(second),
            {"etc/": None, "etc/os": b"debian", "shared": b"base", "app": b"second"},
        )
        self.assertEqual(self.tree(first)["shared"], b"first")

    def test_rejects_entries_that_escape_the_root_or_pass_through_a_symbolic_link(self):
        with self.assertRaisesRegex(imagetool.ImageError, "escapes the root"):
            self.unpack([layer([("../evil", b"x", 0)])], "escape")
        with self.assertRaisesRegex(imagetool.ImageError, "below a symbolic link"):
            self.unpack([layer([("lib", ("link", "/etc"), 0), ("lib/passwd", b"x", 0)])], "symlink")

    def test_chain_ids_follow_the_oci_definition(self):
        ids = imagetool.chain_ids(["sha256:a", "sha256:b"])
        self.assertEqual(ids[0], "sha256:a")
        self.assertEqual(ids[1], "sha256:" + hashlib.sha256(b"sha256:a sha256:b").hexdigest())


class PackTest(unittest.TestCase):
    def test_packs_a_layer_into_an_image_jib_can_use_as_base(self):
        with tempfile.TemporaryDirectory() as root:
            blob, diff_id = layer(
                [("usr", None, 0), ("usr/bin", None, 0), ("usr/bin/java", b"#!", 0)]
            )
            with open(os.path.join(root, "layer.tar.gz"), "wb") as f:
                f.write(blob)
            out = os.path.join(root, "base.tar")
            imagetool.pack(
                f.name, out, "base:1", ["PATH=/usr/bin"], ["bash"], "test", "1970-01-01T00:00:00Z"
            )
            archive = imagetool.DockerArchive(out)
            self.assertEqual(archive.diff_ids, [diff_id])
            self.assertEqual(archive.manifest["RepoTags"], ["base:1"])
            self.assertEqual(archive.config["config"]["Env"], ["PATH=/usr/bin"])
            self.assertEqual(archive.config["config"]["Cmd"], ["bash"])
            self.assertEqual(imagetool.read_layer(archive, 0).diff_id, diff_id)
            archive.close()


if __name__ == "__main__":
    unittest.main()
