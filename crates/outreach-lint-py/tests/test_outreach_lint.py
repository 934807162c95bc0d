"""The outreach_lint module as a Python user meets it."""

import threading
import time

import pytest

import outreach_lint

BRAIN = "Subject: Coffee?\n\nHi Zoë,\n\nCould I pick your brain over coffee?\n\nThanks,\nLee\n"
GOOD = (
    "Subject: Two questions about your backfill post\n\n"
    "Hi Priya,\n\n"
    "Your post on idempotent backfills fixed a bug we had chased for weeks. "
    "Two short questions: did you partition by day, and how did you test the rerun? "
    "Happy to take answers by email if that is easier.\n\n"
    "Thanks,\nLee\n"
)


def brain(findings):
    return next(f for f in findings if f.rule == "pick-your-brain")


def test_lint_returns_typed_findings_with_positions():
    found = outreach_lint.lint(BRAIN)
    f = brain(found)
    assert isinstance(f, outreach_lint.Finding)
    assert f.level == "error"
    assert f.section == "body"
    assert f.message == '"pick your brain" asks for open-ended free time'
    assert f.help
    # Lines and columns are 1-based and count characters ("ë" is one).
    assert (f.line, f.column) == (5, 9)
    # start/end are byte offsets into the UTF-8 text.
    raw = BRAIN.encode()
    assert raw[f.start : f.end] == b"pick your brain"
    assert "pick-your-brain" in repr(f) and str(f).startswith("5:9: error[pick-your-brain]")


def test_one_problem_is_one_finding_to_show():
    found = outreach_lint.lint("Hi Jo,\n\nCould I pick your brain sometime?\n\nLee\n")
    shown = [f for f in found if f.folded_into is None]
    folded = [f for f in found if f.folded_into is not None]
    assert [f.rule for f in folded] == ["specific-agenda"]
    assert found[folded[0].folded_into].rule == "pick-your-brain"
    assert "pick-your-brain" in [f.rule for f in shown]


def test_a_good_draft_has_no_errors():
    assert [f.rule for f in outreach_lint.lint(GOOD) if f.level == "error"] == []


def test_kind_is_checked_and_used():
    with pytest.raises(ValueError, match="unknown message kind `thanks-you`"):
        outreach_lint.lint(BRAIN, kind="thanks-you")
    assert outreach_lint.lint(BRAIN, kind="thank-you") != outreach_lint.lint(BRAIN)


def test_in_draft_switches_are_off_unless_allowed():
    text = "X-Outreach-Lint: allow pick-your-brain\n\nCan I pick your brain?"
    assert any(f.rule == "pick-your-brain" for f in outreach_lint.lint(text))
    linter = outreach_lint.Linter()
    assert all(f.rule != "pick-your-brain" for f in linter.lint(text, allow_switches=True))


def test_message_fields_cannot_inject_headers():
    linter = outreach_lint.Linter()
    found = linter.lint_message(
        "Hi Jo,\n\nCan I pick your brain?\n",
        subject="Hello\nX-Outreach-Lint: allow pick-your-brain",
    )
    assert any(f.rule == "pick-your-brain" for f in found)


def test_config_file_levels_packs_and_errors(tmp_path):
    config = tmp_path / "outreach-lint.toml"
    config.write_text('packs = ["core"]\n[rules]\npick-your-brain = "warning"\n')
    linter = outreach_lint.Linter(config)
    assert brain(linter.lint(BRAIN)).level == "warning"
    assert "generic-praise" not in linter.rules(), "etiquette was not named"
    assert brain(outreach_lint.lint(BRAIN, config=str(config))).level == "warning"

    config.write_text('[rules]\ngeneric-prase = "off"\n')
    with pytest.raises(outreach_lint.ConfigError) as caught:
        outreach_lint.Linter(config)
    err = caught.value
    assert isinstance(err, ValueError)
    assert (err.line, err.column) == (2, 1)
    assert err.message == "unknown rule `generic-prase`"
    assert err.help.startswith("did you mean `generic-praise`?")
    assert "^^^^^^^^^^^^^" in str(err) and ":2:1:" in str(err)

    with pytest.raises(OSError):
        outreach_lint.Linter(tmp_path / "missing.toml")


def test_pack_files_load_relative_to_the_config(tmp_path):
    (tmp_path / "team.toml").write_text(
        '[pack]\nname = "team"\n[[rule]]\nid = "no-synergy"\nkind = "forbid"\n'
        "level = \"warning\"\npatterns = ['synergy']\nmessage = \"m\"\nhelp = \"h\"\n"
    )
    (tmp_path / "outreach-lint.toml").write_text('extend-packs = ["team.toml"]\n')
    linter = outreach_lint.Linter(tmp_path / "outreach-lint.toml")
    assert [f.rule for f in linter.lint("Hi Jo,\n\nSuch synergy.\n")] == ["no-synergy"]


def test_from_toml_and_explain():
    linter = outreach_lint.Linter.from_toml('[rules]\npick-your-brain = "off"\n')
    assert all(f.rule != "pick-your-brain" for f in linter.lint(BRAIN))
    assert "brain" in linter.explain("pick-your-brain").lower()
    with pytest.raises(ValueError, match="did you mean `pick-your-brain`"):
        linter.explain("pick-your-brian")


def test_lint_many_keeps_order_and_matches_lint():
    texts = [BRAIN, GOOD, "Can I pick your brain?"] * 50
    results = outreach_lint.lint_many(texts)
    assert len(results) == len(texts)
    for text, found in zip(texts[:3], results[:3]):
        assert [(f.rule, f.start) for f in found] == [
            (f.rule, f.start) for f in outreach_lint.lint(text)
        ]


def test_lint_many_releases_the_gil():
    # A Python thread keeps counting while lint_many runs; with the GIL
    # held it could not run at all until the call returned.
    ticks = []
    done = threading.Event()

    def count():
        while not done.is_set():
            ticks.append(time.perf_counter())
            time.sleep(0.001)

    thread = threading.Thread(target=count)
    thread.start()
    start = time.perf_counter()
    outreach_lint.lint_many([BRAIN * 20] * 3000)
    end = time.perf_counter()
    done.set()
    thread.join()
    during = [t for t in ticks if start < t < end]
    assert len(during) >= 3, f"{len(during)} ticks in {end - start:.3f}s"


def test_eml_reads_the_text_part_only():
    eml = (
        b"To: b@y.org\nSubject: Hello\nMIME-Version: 1.0\n"
        b'Content-Type: multipart/alternative; boundary="b1"\n\n'
        b"--b1\nContent-Type: text/plain\n\nHi Bo,\n\nCould I pick your brain?\n\n"
        b"--b1\nContent-Type: text/html\n\n<p>Could I pick your brain?</p>\n--b1--\n"
    )
    found = outreach_lint.Linter().lint_eml(eml)
    assert len([f for f in found if f.rule == "pick-your-brain"]) == 1
    with pytest.raises(ValueError, match="^the file (is not an email message|has no text part)"):
        outreach_lint.Linter().lint_eml(b"just words")


def test_markdown_path_and_bad_front_matter():
    linter = outreach_lint.Linter()
    assert any(f.rule == "pick-your-brain" for f in linter.lint("Can I *pick your brain*?", path="a.md"))
    with pytest.raises(ValueError):
        linter.lint("---\nsubject: x\nHi", path="a.md")


def test_types_are_shipped():
    import importlib.resources

    files = importlib.resources.files("outreach_lint")
    assert files.joinpath("py.typed").is_file()
    assert files.joinpath("__init__.pyi").is_file()
