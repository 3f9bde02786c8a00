"""The consoles' own words, through simex's gettext catalogs (simex.languages).

Scenario text has its own translations in the scenario file; these are the
console's words. A call site writes the English and the extractor finds it:

    t.gettext("Send")
    t.ngettext("{n} unread", "{n} unread", n).format(n=n)
    t.pgettext("inject status", "skipped")

Words chosen at run time (a status, a binding's description) are looked up in
a table built by a function of `t` (e.g. `status_words`), so every English
word still stands as a literal where the extractor can see it.
"""
from __future__ import annotations

from simex.languages import translator


class Translator:
    """One console's language: `lang` and the catalog's gettext/ngettext/pgettext.
    A language without a catalog raises LanguageNotAvailable."""

    def __init__(self, lang: str = "en"):
        self.lang = lang
        self._catalog = translator(lang)

    def gettext(self, message: str) -> str:
        return self._catalog.gettext(message)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return self._catalog.ngettext(singular, plural, n)

    def pgettext(self, context: str, message: str) -> str:
        return self._catalog.pgettext(context, message)

    # Screens written before the catalogs call t(words): it still translates,
    # but the extractor cannot see those words; write t.gettext("...").
    __call__ = gettext


def status_words(t: Translator) -> dict[str, str]:
    """An exercise's state (the headers) and an inject's (the MSEL): the
    engine's status words, which never coincide, so one table serves both."""
    return {"not started": t.pgettext("exercise state", "not started"),
            "running": t.pgettext("exercise state", "running"),
            "paused": t.pgettext("exercise state", "paused"), "ended": t.pgettext("exercise state", "ended"),
            "pending": t.pgettext("inject status", "pending"),
            "delivered": t.pgettext("inject status", "delivered"),
            "acknowledged": t.pgettext("inject status", "acknowledged"),
            "skipped": t.pgettext("inject status", "skipped")}


def message_kind_words(t: Translator) -> dict[str, str]:
    """What an agency in the room did (hot-seat play, `a`)."""
    return {"message": t.pgettext("what an agency does", "message"),
            "action": t.pgettext("what an agency does", "action"),
            "decision": t.pgettext("what an agency does", "decision"),
            "evidence transfer": t.pgettext("what an agency does", "evidence transfer")}


def event_kind_words(t: Translator) -> dict[str, str]:
    """The timeline's kind filter."""
    return {"inject_delivered": t.gettext("injects delivered"),
            "message_sent": t.gettext("messages sent"),
            "message_delivered": t.gettext("messages delivered"),
            "action_taken": t.gettext("actions taken"),
            "decision_recorded": t.gettext("decisions recorded"),
            "evidence_transferred": t.gettext("evidence handed over"),
            "observation_recorded": t.gettext("observations"),
            "world": t.gettext("world events"),
            "knob_set": t.gettext("knobs turned"),
            "expectation_overdue": t.gettext("expectations overdue"),
            "expectation_met": t.gettext("expectations met")}


def classification_words(t: Translator) -> dict[str, str]:
    """A message's protective marking."""
    return {"unclassified": t.pgettext("classification", "unclassified"),
            "restricted": t.pgettext("classification", "restricted"),
            "confidential": t.pgettext("classification", "confidential"), "secret": t.pgettext("classification", "secret")}


def medium_words(t: Translator) -> dict[str, str]:
    """Channel media and how an inject is delivered, as nouns."""
    return {"phone": t.pgettext("medium", "phone"), "secure_email": t.pgettext("medium", "secure email"),
            "email": t.pgettext("medium", "email"), "liaison": t.pgettext("medium", "liaison officer"),
            "radio": t.pgettext("medium", "radio"), "in_person": t.pgettext("medium", "in person"),
            "fax": t.pgettext("medium", "fax"), "video": t.pgettext("medium", "video call"),
            "secure_portal": t.pgettext("medium", "secure portal"),
            "diplomatic": t.pgettext("medium", "diplomatic channel"), "handout": t.pgettext("medium", "handout"),
            "tv": t.pgettext("medium", "television"), "social_media": t.pgettext("medium", "social media")}


def weekday_words(t: Translator) -> dict[str, str]:
    """Days a channel is staffed, abbreviated."""
    return {"mon": t.pgettext("weekday", "Mon"), "tue": t.pgettext("weekday", "Tue"),
            "wed": t.pgettext("weekday", "Wed"), "thu": t.pgettext("weekday", "Thu"),
            "fri": t.pgettext("weekday", "Fri"), "sat": t.pgettext("weekday", "Sat"),
            "sun": t.pgettext("weekday", "Sun")}


def rating_words(t: Translator) -> dict[str, str]:
    """HSEEP's P/S/M/U ratings."""
    return {"P": t.gettext("performed without challenges"), "S": t.gettext("performed with some challenges"),
            "M": t.gettext("performed with major challenges"), "U": t.gettext("unable to be performed")}


def textual_words(t: Translator) -> dict[str, tuple[str, str]]:
    """Textual's own command-palette entries: English title -> (title, help)."""
    return {"Theme": (t.gettext("Theme"), t.gettext("Change the colour theme")),
            "Quit": (t.gettext("Quit"), t.gettext("Quit the console at once")),
            "Keys": (t.gettext("Keys"), t.gettext("Show every key and what it does")),
            "Maximize": (t.gettext("Maximize"), t.gettext("Maximize the focused part of the screen")),
            "Minimize": (t.gettext("Minimize"), t.gettext("Restore the screen")),
            "Screenshot": (t.gettext("Screenshot"), t.gettext("Save an SVG screenshot of the screen"))}


def relabel_bindings(node, words: dict[str, str]) -> None:
    """Give the bindings of one app, screen or widget (`node`) the descriptions
    in `words` (action -> words): Textual reads BINDINGS once per class, in
    English; the footer and the command palette read the node's own copy."""
    from dataclasses import replace

    table = node._bindings.key_to_bindings
    for key, bindings in table.items():
        table[key] = [replace(b, description=words[b.action], tooltip="") if b.action in words else b
                      for b in bindings]


class Localised:
    """What a console App mixes in so its footer and command palette speak the
    console's language: `self.t`, and `binding_words()` giving each shown
    binding's action its words."""

    t: Translator

    def binding_words(self) -> dict[str, str]:     # pragma: no cover - each console overrides
        return {}

    def translate_bindings(self) -> None:
        """The app's bindings in the console's language, for the footer and the palette."""
        # Translators: the footer's key for the command palette (Ctrl+P), one short word.
        relabel_bindings(self, {**self.binding_words(), "command_palette": self.t.gettext("palette"),
                                "quit": self.t.gettext("Quit")})

    def get_system_commands(self, screen):
        from textual.app import SystemCommand

        words = textual_words(self.t)
        # Textual's Keys panel lists its widgets' keys in English; the console's own list has them all.
        ours = {"Keys": self.action_keys, "Screenshot": lambda: self.set_timer(0.1, self.screenshot_here)}
        for command in super().get_system_commands(screen):
            title, help_ = words.get(command.title, (command.title, command.help))
            yield command._replace(title=title, help=help_, callback=ours.get(command.title, command.callback))
        seen = set()
        for _, binding in self._bindings:
            # Quitting is Textual's own palette entry (above); the palette opens itself.
            if binding.description and binding.action not in ("quit", "quit_console", "command_palette") \
                    and binding.action not in seen:
                seen.add(binding.action)
                key = binding.key_display or binding.key
                yield SystemCommand(binding.description, self.t.gettext("key: {key}").format(key=key),
                                    lambda a=binding.action: self.run_action(a))

    def action_command_palette(self) -> None:
        from simex.tui.palette import Palette

        if self.use_command_palette and not Palette.is_open(self):
            self.push_screen(Palette(self.t, self.t.gettext("Search for commands…"), id="--command-palette"))

    def search_themes(self) -> None:
        from textual.theme import ThemeProvider

        from simex.tui.palette import Palette

        self.push_screen(Palette(self.t, self.t.gettext("Search for themes…"), providers=[ThemeProvider]))

    def screenshot_here(self) -> None:
        """The palette's Screenshot: an SVG in the current directory, said in the console's language."""
        try:
            path = self.save_screenshot()
        except OSError as exc:
            self.notify(self.t.gettext("The screenshot could not be saved: {error}").format(error=exc),
                        title=self.t.gettext("Screenshot"), severity="error")
            return
        self.notify(self.t.gettext("Screenshot saved to {path}").format(path=path), title=self.t.gettext("Screenshot"),
                    markup=False)

    def action_help_quit(self) -> None:
        """Ctrl+C where it does not quit: how to quit, in the console's language."""
        quits = [active.binding for active in self.active_bindings.values()
                 if active.binding.action in ("quit_console", "quit", "app.quit")]
        if quits:   # the console's own q (in the footer) before Textual's Ctrl+Q
            binding = min(quits, key=lambda b: b.action != "quit_console")
            self.notify(self.t.gettext("Press {key} to quit").format(key=self.get_key_display(binding)),
                        title=self.t.gettext("Do you want to quit?"), markup=False)
