"""The practices sealed sources are used in, and the category IAEA RS-G-1.9
assigns each (primer §3.2).

RS-G-1.9 (IAEA Safety Standards Series No. RS-G-1.9, Categorization of
Radioactive Sources, 2005) Table 1, "Recommended categories for sources used
in common practices", lists fifteen practices in five categories; the Code
of Conduct on the Safety and Security of Radioactive Sources repeats it
(Annex I, Table 1). `RSG19_TABLE1` is that table, row by row, in its words.
Each `Practice` is a name an author writes in a scenario (`practice: blood
irradiator`) under the Table 1 row it belongs to, as the guide's Appendix I
groups the sources it lists: its category is the row's, never its own.

The practice category is one of the two rankings RS-G-1.9 gives a source; the
other is its A/D band (categories.py). They can disagree (an old teletherapy
head in the Category 2 band), and simex reports both.

Tags as in docs/reference-data.md: the Category 1-3 rows are [V] against
secondary sources that quote the guide (primer §3.2's mmtc-asia.my RPO
notes; CNSC RD/GD-338 glossary, which names level, dredger, conveyor and
spinning pipe gauges as the high-activity fixed gauges); the Category 4-5
rows are [R], except XRF and electron capture devices [V] (ionactive.co.uk,
primer §3.2).
"""
from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType

RSG19 = "IAEA RS-G-1.9 (2005) Table 1"

# RS-G-1.9 Table 1: row -> category, in the guide's order.
RSG19_TABLE1 = MappingProxyType({
    "Radioisotope thermoelectric generators (RTGs)": 1,
    "Irradiators": 1,
    "Teletherapy": 1,
    "Fixed, multi-beam teletherapy (gamma knife)": 1,
    "Industrial gamma radiography": 2,
    "High/medium dose rate brachytherapy": 2,
    "Fixed industrial gauges that incorporate high activity sources": 3,
    "Well logging gauges": 3,
    "Low dose rate brachytherapy (except eye plaques and permanent implants)": 4,
    "Industrial gauges that do not incorporate high activity sources": 4,
    "Bone densitometers": 4,
    "Static eliminators": 4,
    "Low dose rate brachytherapy eye plaques and permanent implant sources": 5,
    "X ray fluorescence (XRF) devices": 5,
    "Electron capture devices": 5,
    "Mossbauer spectrometry": 5,
    "Positron emission tomography (PET) checking": 5,
})


@dataclass(frozen=True)
class Practice:
    """A practice an author can name, under its RS-G-1.9 Table 1 row."""

    name: str
    row: str
    source: str

    @property
    def category(self) -> int:
        return RSG19_TABLE1[self.row]


_V = RSG19 + " [V] (primer §3.2; CNSC RD/GD-338 glossary)"
_R = RSG19 + " [R]"
_APPX = RSG19 + ", sub-practice as grouped in its Appendix I [R]"
_XRF = RSG19 + " [V] (ionactive.co.uk 'What is a Category 5 source', primer §3.2)"

_FIXED_HIGH = "Fixed industrial gauges that incorporate high activity sources"
_GAUGE_LOW = "Industrial gauges that do not incorporate high activity sources"
# (Table 1 row, source, names an author may write). Lower case, no hyphens: see _key.
_NAMES: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("Radioisotope thermoelectric generators (RTGs)", _R + " (primer §3.2)",
     ("rtg", "radioisotope thermoelectric generator")),
    ("Irradiators", _V, ("irradiator",)),
    ("Irradiators", _APPX, ("blood irradiator", "tissue irradiator", "self shielded irradiator",
                            "research irradiator", "panoramic irradiator", "sterilization irradiator",
                            "food irradiator")),
    ("Teletherapy", _V, ("teletherapy", "radiotherapy")),
    ("Fixed, multi-beam teletherapy (gamma knife)", _R, ("gamma knife", "multi beam teletherapy")),
    ("Industrial gamma radiography", _V, ("industrial radiography", "gamma radiography")),
    ("High/medium dose rate brachytherapy", _V, ("hdr brachytherapy", "mdr brachytherapy")),
    (_FIXED_HIGH, _V, ("fixed industrial gauge", "level gauge", "dredger gauge", "conveyor gauge",
                       "spinning pipe gauge")),
    ("Well logging gauges", _V, ("well logging", "well logging gauge")),
    ("Low dose rate brachytherapy (except eye plaques and permanent implants)", _R, ("ldr brachytherapy",)),
    (_GAUGE_LOW, _R, ("industrial gauge",)),
    (_GAUGE_LOW, _APPX, ("thickness gauge", "fill level gauge", "portable moisture/density gauge",
                         "moisture density gauge")),
    ("Bone densitometers", _R, ("bone densitometer",)),
    ("Static eliminators", _R, ("static eliminator",)),
    ("Low dose rate brachytherapy eye plaques and permanent implant sources", _R, ("eye plaque", "permanent implant")),
    ("X ray fluorescence (XRF) devices", _XRF, ("xrf", "x ray fluorescence")),
    ("Electron capture devices", _XRF, ("electron capture detector",)),
    ("Mossbauer spectrometry", _R, ("mossbauer spectrometry",)),
    ("Positron emission tomography (PET) checking", _R, ("pet check source",)),
)


def _key(text: str) -> str:
    """How a name is compared: case, hyphens, underscores and spacing ignored."""
    return " ".join(text.lower().replace("-", " ").replace("_", " ").replace("ö", "o").split())


PRACTICES: MappingProxyType[str, Practice] = MappingProxyType(
    {_key(name): Practice(name, row, source) for row, source, names in _NAMES for name in names}
    # Table 1's own wording is a name too ("Irradiators", "Well logging gauges").
    | {_key(row): Practice(row, row, RSG19) for row in RSG19_TABLE1
       if _key(row) not in {_key(name) for _, _, names in _NAMES for name in names}}
)


def practice(text: str) -> Practice | None:
    """The practice an author named, or None if RS-G-1.9 has none by that name."""
    return PRACTICES.get(_key(text))


def practice_names() -> list[str]:
    """The names an author may write, for "did you mean" and error messages."""
    return [p.name for p in PRACTICES.values() if p.name == p.name.lower()]
