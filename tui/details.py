"""An event's details as a person reads them: the sentence the timeline shows,
then each recorded field on its own line ("vehicle: RPM-00044"), not the
journal's JSON. Ground truth only for a controller, marked as such."""
from __future__ import annotations

from simex.durations import format_clock
from simex.languages import translator


def _value(value) -> str:
    if isinstance(value, dict):
        return ", ".join(f"{k} {_value(v)}" for k, v in value.items())
    if isinstance(value, (list, tuple)):
        return ", ".join(_value(v) for v in value)
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def event_details(event, sentence: str, lang: str, controller: bool) -> str:
    g = translator(lang)
    lines = [sentence, "", f"{format_clock(event.t)}  {event.kind.replace('_', ' ')}"]
    for name, value in event.payload().items():
        if value in (None, "", (), [], {}):
            continue
        if name == "truth":
            if not controller:
                continue
            name = g.gettext("ground truth (controllers only)")
        if name in ("translations", "attachments") or (name == "seed" and not controller):
            continue          # shown elsewhere (the reader's language, the inject's attachments) or secret
        if isinstance(value, dict):   # facts, parameters, answers: one line each
            lines.append(f"{name.replace('_', ' ')}:")
            lines += [f"  {key.replace('_', ' ')}: {_value(item)}" for key, item in value.items()]
        else:
            lines.append(f"{name.replace('_', ' ')}: {_value(value)}")
    return "\n".join(lines)
