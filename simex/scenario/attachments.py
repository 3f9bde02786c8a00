"""Files handed out with injects (a photo of the seal, a RIID spectrum, a
radio recording): checked when the scenario is read, fingerprinted so the
journal says exactly which bytes the players saw, and served to remote
players by the exercise server (simex.net.media).

A scenario may come from someone else (a partner programme, an e-mail), and
whatever its `path:` names is sent to every participant it is addressed to:
so the file must lie inside the scenario's own folder (no `../`, no absolute
path, no link leading out), be one of the kinds a viewer opens (never a
program), and be of a size a venue network carries.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path, PurePosixPath, PureWindowsPath

from simex.words import N_, Say

# The largest file one attachment may be: a phone photo is 3-8 MB, a page of
# scanned PDF 1-2 MB, a minute of speech as MP3 about 1 MB. Forty participants
# fetching it over a venue's Wi-Fi at once is then some hundreds of MB.
MAX_BYTES = 20 * 1024 * 1024

# What a participant's system viewer opens as a document, by extension: no
# executables, scripts, archives or office files with macros.
MEDIA_TYPES = {
    ".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".gif": "image/gif",
    ".webp": "image/webp", ".pdf": "application/pdf", ".txt": "text/plain",
    ".mp3": "audio/mpeg", ".ogg": "audio/ogg", ".wav": "audio/wav", ".m4a": "audio/mp4",
    ".mp4": "video/mp4", ".webm": "video/webm",
}


@dataclass(frozen=True)
class AttachmentFile:
    """An attachment's file on the facilitator's machine, as checked; `path`
    None when only its fingerprint is known (a journal whose file is gone)."""
    path: Path | None
    sha256: str
    size: int
    media_type: str


class AttachmentProblem(ValueError):
    """Why an attachment's file cannot be handed out; the text says what to do.
    Its argument is a Say, so `simex validate` can say it in the reader's language."""

    @property
    def words(self) -> Say:
        return self.args[0]

    def __str__(self) -> str:
        return str(self.args[0])


def read_attachment(base: Path, written: str) -> AttachmentFile:
    """The file `written` (as in the scenario) relative to the folder `base`,
    checked and fingerprinted; raises AttachmentProblem."""
    if not written.strip():
        raise AttachmentProblem(Say(N_("the path is empty: name the file, relative to the scenario")))
    if PurePosixPath(written).is_absolute() or PureWindowsPath(written).is_absolute() or PureWindowsPath(written).drive:
        raise AttachmentProblem(Say(N_("{path} is an absolute path: give it relative to the scenario's folder, "
                                       "so the scenario and its files travel together"), path=repr(written)))
    suffix = PurePosixPath(written.replace("\\", "/")).suffix.lower()
    media_type = MEDIA_TYPES.get(suffix)
    if media_type is None:
        kinds = ", ".join(sorted(MEDIA_TYPES))
        raise AttachmentProblem(Say(N_("{path}: participants' viewers open only these kinds of file: {kinds}"),
                                    path=repr(written), kinds=kinds))
    root = base.resolve()
    file = (root / written.replace("\\", "/")).resolve()
    if not file.is_relative_to(root):
        raise AttachmentProblem(Say(N_("{path} lies outside the scenario's folder; keep attachments beside "
                                       "the scenario (in it or a folder under it)"), path=repr(written)))
    if not file.is_file():
        raise AttachmentProblem(Say(N_("no file {path} beside the scenario (looked in {folder})"),
                                    path=repr(written), folder=str(root)))
    size = file.stat().st_size
    if size > MAX_BYTES:
        raise AttachmentProblem(Say(N_("{path} is {size} MB; attachments are limited to {limit} MB "
                                       "(shrink the image or cut the recording)"),
                                    path=repr(written), size=f"{size / 1048576:.1f}", limit=MAX_BYTES // 1048576))
    return AttachmentFile(file, file_sha256(file), size, media_type)


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def read_all(scenario, base: Path) -> tuple[dict[str, AttachmentFile], list[tuple[tuple, Say]]]:
    """Every attachment file of the scenario's injects, by the path written,
    and the problems as (path in the data, message)."""
    files: dict[str, AttachmentFile] = {}
    problems: list[tuple[tuple, Say]] = []
    for i, inject in enumerate(scenario.injects):
        for j, attachment in enumerate(inject.attachments):
            if attachment.path is None or attachment.path in files:
                continue
            try:
                files[attachment.path] = read_attachment(base, attachment.path)
            except AttachmentProblem as exc:
                problems.append((("injects", i, "attachments", j, "path"), exc.words))
    return files, problems


def fingerprints(scenario) -> dict[str, dict]:
    """What a journal keeps of the scenario's attachment files (simex.journal.run_meta):
    by the path written, their fingerprint, size and type."""
    return {written: {"sha256": f.sha256, "size": f.size, "type": f.media_type}
            for written, f in sorted(getattr(scenario, "_attachment_files", {}).items())}


def restore(scenario, recorded: dict[str, dict], base: Path) -> None:
    """Give a scenario rebuilt from a journal the attachment files of record:
    the file beside the scenario when it still has the recorded fingerprint,
    else the fingerprint alone. Either way the injects replay with the same
    fingerprints, so a replay or a resumed exercise never diverges because a
    file was moved or edited; only the exact bytes of record are handed out."""
    files = {}
    for written, known in recorded.items():
        try:
            found = read_attachment(base, written)
        except AttachmentProblem:
            found = None
        if found is None or found.sha256 != known["sha256"]:
            found = AttachmentFile(None, known["sha256"], int(known["size"]), known["type"])
        files[written] = found
    scenario._attachment_files = files
