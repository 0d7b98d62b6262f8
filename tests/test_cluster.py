"""Translation on a Ray cluster: a real local Ray (2 CPUs, bound to 127.0.0.1) started once for this module.

Results are judged against a local run of the same engine (byte-identical catalogues), with the
deterministic engine and with the tiny real Argos package; a worker process is killed mid-batch.
"""

from __future__ import annotations

import functools
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from conftest import REPO

from l10n.errors import L10nError
from l10n.lang import get_language
from l10n.project.config import load_config
from l10n.project.layout import Project
from l10n.translate.engine import DeterministicEngine, get_engine

TESTS = Path(__file__).resolve().parent
AR, FR = get_language("ar"), get_language("fr")
#: Random weights never emit </s>: cap the output so the tiny model stays fast (as in test_argos.py).
FAST = {"max_decoding_length": 12, "beam_size": 2}


@pytest.fixture(scope="module")
def ray_cluster():
    """One local Ray for the module: 2 CPUs, no dashboard, listening on the loopback interface only."""
    saved = {k: os.environ.get(k) for k in ("RAY_ENABLE_WINDOWS_OR_OSX_CLUSTER", "RAY_memory_monitor_refresh_ms", "PYTHONPATH")}
    os.environ["RAY_ENABLE_WINDOWS_OR_OSX_CLUSTER"] = "0"  # read by Ray at import: bind to 127.0.0.1
    # Ray kills workers when the whole machine is above 95 % memory: on a shared CI machine that is other
    # jobs' memory, and a worker killed by it would make the fault tests' counts flaky.
    os.environ["RAY_memory_monitor_refresh_ms"] = "0"  # noqa: SIM112 - Ray spells it so
    ray = pytest.importorskip("ray", reason="the cluster backend needs the 'cluster' extra (Ray)")
    if ray.is_initialized():  # pragma: no cover - another module left one running
        ray.shutdown()
    # Workers import l10n and this module's test engines.
    old_path = saved["PYTHONPATH"]
    os.environ["PYTHONPATH"] = os.pathsep.join([str(REPO), str(TESTS), *([old_path] if old_path else [])])
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False, logging_level="ERROR")
    try:
        yield ray
    finally:
        ray.shutdown()
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


@pytest.fixture
def seed_project(tmp_path, monkeypatch):
    """The seed article and the project glossary, catalogues created for ar and fr; fixed dates."""
    import shutil

    from l10n.cli import main

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    root = tmp_path / "project"
    shutil.copytree(REPO / "source", root / "source")
    shutil.copytree(REPO / "glossary", root / "glossary")
    assert main(["-C", str(root), "extract"]) == 0 and main(["-C", str(root), "update", "-l", "ar", "-l", "fr"]) == 0
    return root


def copies(root: Path, tmp_path: Path, n: int) -> list[Path]:
    import shutil

    out = []
    for i in range(n):
        shutil.copytree(root, tmp_path / f"copy{i}")
        out.append(tmp_path / f"copy{i}")
    return out


def catalogues(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted((root / "locale").rglob("*.po"))}


def cluster(engine, options=None, glossary=None, **settings):
    from l10n.project.models import install_shipped
    from l10n.translate.cluster import ClusterSettings, RayCluster

    settings = ClusterSettings(address="auto", **settings)
    return RayCluster(settings, engine, options or {}, glossary, prepare=install_shipped)


def project_glossary(root: Path):
    from l10n.project.glossary import load_project_glossary

    return load_project_glossary(load_config(root))


# -- the cluster is real and private --------------------------------------------------------------


def test_the_test_cluster_listens_on_the_loopback_interface_only(ray_cluster):
    nodes = ray_cluster.nodes()
    assert [n["NodeManagerAddress"] for n in nodes] == ["127.0.0.1"]
    assert ray_cluster.cluster_resources()["CPU"] == 2


# -- identical to a local run ---------------------------------------------------------------------


def test_cli_cluster_run_writes_the_same_catalogues_and_summary_as_a_local_run(ray_cluster, seed_project, tmp_path, capsys):
    from l10n.cli import main

    local, remote = copies(seed_project, tmp_path, 2)
    argv = ["translate", "-l", "ar", "-l", "fr", "--engine", "deterministic", "--batch-size", "7"]
    assert main(["-C", str(local), *argv]) == 0
    out_local = capsys.readouterr().out
    assert main(["-C", str(remote), *argv, "--cluster", "auto", "--workers", "2"]) == 0
    out_remote = capsys.readouterr().out
    assert catalogues(remote) == catalogues(local)
    assert "60 machine-translated" in out_local

    def strip(text, root):  # everything but the MT seconds (the workers') and the project's directory
        return [line.rsplit("; MT ", 1)[0].replace(str(root), "ROOT") for line in text.splitlines()]

    assert strip(out_remote, remote) == strip(out_local, local)


def test_tiny_argos_package_installed_on_the_workers_gives_the_local_result(ray_cluster, seed_project, tmp_path, argos_packages):
    directory, _ = argos_packages
    local, remote = copies(seed_project, tmp_path, 2)
    glossary = project_glossary(seed_project)
    engine = get_engine("argos", packages_dirs=[directory], threads=1, **FAST)
    expected = run(local, engine, glossary=glossary, batch_size=10)
    assert expected.machine > 0
    # "installed in the worker image": the workers find the package through their own environment
    with cluster("argos", FAST, glossary, workers=2, runtime_env={"env_vars": {"L10N_ARGOS_PACKAGES": str(directory)}}) as c:
        got = run(remote, None, glossary=glossary, batch_size=10, translator=c.batches("en", AR))
    assert catalogues(remote) == catalogues(local)
    assert (got.machine, got.failed, got.terms_enforced) == (expected.machine, expected.failed, expected.terms_enforced)


def test_tiny_argos_package_shipped_with_the_job_gives_the_local_result(ray_cluster, seed_project, tmp_path, argos_packages):
    directory, archive = argos_packages
    local, remote = copies(seed_project, tmp_path, 2)
    engine = get_engine("argos", packages_dirs=[directory], threads=1, **FAST)
    run(local, engine, batch_size=16)
    empty = tmp_path / "no-models"
    env = {"L10N_ARGOS_PACKAGES": str(empty), "L10N_CLUSTER_CACHE": str(tmp_path / "node-cache")}
    with cluster("argos", FAST, workers=2, ship_models=(str(archive),), runtime_env={"env_vars": env}) as c:
        run(remote, None, batch_size=16, translator=c.batches("en", AR))
    assert catalogues(remote) == catalogues(local)
    assert not empty.exists() or not any(empty.iterdir())  # nothing was installed where the image's models live
    assert len(list((tmp_path / "node-cache").glob("*/translate-en_ar-1_0/metadata.json"))) == 1  # once per node


def test_a_worker_without_the_model_fails_the_run_in_one_line_naming_it_and_the_install_command(
    ray_cluster, seed_project, tmp_path
):
    before = catalogues(seed_project)
    env = {"L10N_ARGOS_PACKAGES": str(tmp_path / "empty")}
    with (
        cluster("argos", FAST, workers=1, runtime_env={"env_vars": env}) as c,
        pytest.raises(L10nError) as info,
    ):
        run(seed_project, None, translator=c.batches("en", AR))
    message = str(info.value)
    assert "\n" not in message
    assert message.startswith("cluster worker 1 on ") and "(pid " in message
    assert "no Argos model for en→ar: run 'l10n models install en ar'" in message
    assert "--ship-model FILE.argosmodel" in message
    assert catalogues(seed_project) == before


# -- faults ---------------------------------------------------------------------------------------


class StallingEngine(DeterministicEngine):
    """The deterministic engine, except that the first process to meet *needle* announces its pid in
    *markers* and stalls there (to be killed); any later process meeting it notes its pid and goes on."""

    def __init__(self, markers: str, needle: str):
        super().__init__()
        self.markers, self.needle = Path(markers), needle

    def translate(self, texts, source, target, *, n_best=1):
        if any(self.needle in t for t in texts):
            first = self.markers / "attempt-1"
            if not first.exists():
                first.write_text(str(os.getpid()))
                time.sleep(60)
            else:
                (self.markers / f"retry-{os.getpid()}").touch()
        return super().translate(texts, source, target, n_best=n_best)


class Recording:
    """Wraps a batch translator; remembers every batch it delivered to the driver."""

    def __init__(self, inner):
        self.inner, self.delivered = inner, []

    @property
    def label(self):
        return self.inner.label

    def __call__(self, batches):
        for batch, results, seconds in self.inner(batches):
            self.delivered.append(list(batch))
            yield batch, results, seconds


def test_a_worker_killed_mid_batch_is_restarted_and_nothing_is_lost_or_written_twice(ray_cluster, seed_project, tmp_path):
    local, remote = copies(seed_project, tmp_path, 2)
    glossary = project_glossary(seed_project)
    expected = run(local, DeterministicEngine(), glossary=glossary, batch_size=4)
    markers = tmp_path / "markers"
    markers.mkdir()
    needle = "strategic anchor"  # in exactly one sentence of the seed article
    killed: list[int] = []

    def killer():
        deadline = time.monotonic() + 60
        while not (markers / "attempt-1").exists() and time.monotonic() < deadline:
            time.sleep(0.02)
        time.sleep(0.1)
        pid = int((markers / "attempt-1").read_text())
        os.kill(pid, signal.SIGKILL)  # the worker process, inside its batch
        killed.append(pid)

    thread = threading.Thread(target=killer, daemon=True)
    thread.start()
    factory = functools.partial(StallingEngine, str(markers), needle)
    with cluster(factory, glossary=glossary, workers=2) as c:
        recorder = Recording(c.batches("en", AR))
        got = run(remote, None, glossary=glossary, batch_size=4, translator=recorder)
        pids = {info.pid for info in c.info}
    thread.join(5)

    assert killed and killed[0] in pids  # a worker of this pool was killed …
    retries = list(markers.glob("retry-*"))
    assert len(retries) == 1 and int(retries[0].name.split("-")[1]) != killed[0]  # … its batch rerun elsewhere
    sources = [s for batch in recorder.delivered for s in batch]
    assert len(sources) == len(set(sources)) == expected.machine + expected.failed == 60  # each once, none lost
    assert (got.machine, got.failed) == (expected.machine, expected.failed)
    assert catalogues(remote) == catalogues(local)


class DyingEngine(DeterministicEngine):
    """Kills its own process whenever it meets *needle*: a batch no worker survives."""

    def __init__(self, needle: str):
        super().__init__()
        self.needle = needle

    def translate(self, texts, source, target, *, n_best=1):
        if any(self.needle in t for t in texts):
            os.kill(os.getpid(), signal.SIGKILL)
        return super().translate(texts, source, target, n_best=n_best)


def test_a_batch_that_keeps_killing_its_worker_stops_the_run_in_one_line_keeping_what_was_saved(
    ray_cluster, seed_project, tmp_path
):
    factory = functools.partial(DyingEngine, "strategic anchor")
    with cluster(factory, workers=1, max_retries=1) as c, pytest.raises(L10nError) as info:
        run(seed_project, None, batch_size=4, translator=c.batches("en", AR))
    message = str(info.value)
    assert "\n" not in message and message.startswith("a cluster worker died 2 times running one batch")
    assert message.endswith("translated batches are saved: run again to resume")
    import polib

    po = polib.pofile(str(seed_project / "locale/ar/LC_MESSAGES/palmyra-attack.po"))
    saved = [e for e in po if e.msgstr]
    assert saved and all("strategic anchor" not in e.msgid for e in saved)  # batches before it were saved


def test_a_driver_stopped_mid_run_resumes_like_a_local_run(ray_cluster, seed_project, tmp_path):
    local, remote = copies(seed_project, tmp_path, 2)
    run(local, DeterministicEngine(), batch_size=6)
    done = []

    def stop_after_three(n):
        done.append(n)
        if len(done) == 3:
            raise KeyboardInterrupt  # the driver dies after three batches were saved

    with cluster("deterministic", workers=2) as c:
        with pytest.raises(KeyboardInterrupt):
            run(remote, None, batch_size=6, translator=c.batches("en", AR), progress=stop_after_three)
        second = run(remote, None, batch_size=6, translator=c.batches("en", AR))
    assert second.pending == 60 - sum(done) == 42
    assert catalogues(remote) == catalogues(local)


# -- Ray is optional -----------------------------------------------------------------------------

SCRIPT = """
import sys
{block}
sys.path.insert(0, {repo!r})
from l10n.cli import main
code = main({argv!r})
print("EXIT", code, "RAY", "ray" in sys.modules and sys.modules["ray"] is not None)
"""


def run_cli(argv, *, block_ray):
    block = 'sys.modules["ray"] = None' if block_ray else ""
    script = SCRIPT.format(block=block, repo=str(REPO), argv=argv)
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    return result.stdout, result.stderr


def test_without_ray_the_cluster_option_says_in_one_line_how_to_install_it(seed_project):
    out, err = run_cli(["-C", str(seed_project), "translate", "-l", "ar", "--engine", "deterministic", "--cluster", "local"], block_ray=True)
    assert "EXIT 2" in out
    assert err.strip().splitlines() == ["l10n: error: --cluster needs Ray, which is not installed: pip install 'l10n[cluster]'"]


def test_translate_without_the_cluster_option_never_imports_ray(seed_project):
    out, err = run_cli(["-C", str(seed_project), "translate", "-l", "ar", "--engine", "deterministic"], block_ray=False)
    assert "EXIT 0 RAY False" in out, err


# -- helpers ---------------------------------------------------------------------------------------


def run(root: Path, engine, *, glossary=None, translator=None, lang=AR, batch_size=32, progress=None):
    """``l10n translate`` through the project layer: locally with *engine*, or with *translator*."""
    from l10n.project import commands

    project = Project(load_config(root))
    settings = project.config.translate.override(batch_size=batch_size)
    return commands.translate(
        project, project.articles(), lang, engine, settings=settings, glossary=glossary, translator=translator, progress=progress
    )


@pytest.fixture(scope="module")
def argos_packages(tmp_path_factory):
    """The tiny real en→ar Argos package: (installed directory, package file)."""
    pytest.importorskip("ctranslate2", reason="the Argos engine needs the 'mt' extra")
    pytest.importorskip("argostranslate", reason="the Argos engine needs the 'mt' extra")
    from l10n.project.models import install_package
    from l10n.translate.testing import build_tiny_argos_package

    out = tmp_path_factory.mktemp("cluster-argos")
    archive = build_tiny_argos_package(out / "files", "en", "ar")
    directory = out / "packages"
    install_package(archive, dest=directory)
    return directory, archive


def test_cluster_settings_come_from_the_config_and_a_bad_one_is_one_line(tmp_path):
    from l10n.errors import UsageError

    (tmp_path / "l10n.toml").write_text(
        '[translate]\ncluster = "auto"\nworkers = 3\ngpus_per_worker = 0.5\nship_models = ["m/translate-en_ar-1_0.argosmodel"]\n'
    )
    settings = load_config(tmp_path).translate
    assert (settings.cluster, settings.workers, settings.gpus_per_worker) == ("auto", 3, 0.5)
    assert settings.ship_models == ("m/translate-en_ar-1_0.argosmodel",)
    (tmp_path / "l10n.toml").write_text("[translate]\nworkers = 0\n")
    with pytest.raises(UsageError, match=r"l10n\.toml: \[tool\.l10n\.translate\] workers must be 1 or more"):
        load_config(tmp_path)
