"""Durations read as a person writes them, everywhere: `37 s`, `51 min 29 s`,
`2 h 09 min`; never `36.9783s`. One function renders them and the parser
reads its output back, so a console field pre-filled with a duration can be
submitted unchanged."""
import pytest

from simex.durations import format_duration, parse_duration


@pytest.mark.parametrize("seconds, text", [
    (36.9783, "37 s"), (0, "0 s"), (0.2, "< 1 s"), (59.4, "59 s"), (59.6, "1 min"),
    (3089, "51 min 29 s"), (303, "5 min 03 s"), (7740, "2 h 09 min"), (7745.3, "2 h 09 min"),
    (3600, "1 h"), (3599.7, "1 h"), (14400.0, "4 h"), (86400, "1 d"), (302400, "3 d 12 h"),
    (93780, "1 d 02 h 03 min"), (-90, "-1 min 30 s"),
])
def test_durations_read_like_a_person_wrote_them(seconds, text):
    assert format_duration(seconds) == text


@pytest.mark.parametrize("seconds", [5, 90, 3089, 7740, 86400, 93780, 302400])
def test_what_is_written_reads_back(seconds):
    assert parse_duration(format_duration(seconds)) == seconds
