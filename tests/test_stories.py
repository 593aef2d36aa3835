"""Stories: articles of one event told apart from another event's by the names they share."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fakes import fake_models

import claimcheck.api
from claimcheck.api import run_check
from claimcheck.cluster import CandidatePair
from claimcheck.models import Claim, Finding, Report
from claimcheck.report import render_markdown, to_json_dict
from claimcheck.stories import (
    MIN_SHARED_NAMES,
    article_names,
    common_words,
    event_articles,
    find_stories,
    pairs_within_stories,
    story_of,
)


def _claim(file: str, n: int, names: tuple[str, ...]) -> Claim:
    return Claim(f"c{file}{n}", file, n, n, 0, 1, "x", names=names)


BRASK = ("Ilona", "Brask", "Halbrun", "Kaldovia")
DREVIK = ("Leontin", "Drevik", "Tovesand", "Pellmarsh")


def test_names_leave_out_words_the_drop_writes_in_lower_case_and_the_calendar() -> None:
    claims = [_claim("a.txt", 1, ("Finance", "Minister", "Brask", "Halbrun", "Monday"))]
    names = article_names(claims, common_words(["Finance Minister Brask",
                                                "the minister of finance"]))
    assert names == {"a.txt": frozenset({"brask", "halbrun"})}


def test_articles_sharing_enough_names_make_a_story_and_others_stay_apart() -> None:
    claims = [_claim("a.txt", 1, BRASK), _claim("b.txt", 1, BRASK[1:]),
              _claim("c.txt", 1, DREVIK), _claim("d.txt", 1, DREVIK[:3]),
              _claim("e.txt", 1, ("Brask", "Drevik"))]
    every_pair = [(i, j) for i in range(len(claims)) for j in range(i + 1, len(claims))]
    stories = find_stories(claims, [""], every_pair)
    assert stories == (("a.txt", "b.txt"), ("c.txt", "d.txt"))
    assert story_of(stories) == {"a.txt": 1, "b.txt": 1, "c.txt": 2, "d.txt": 2}
    pairs = [CandidatePair(i, j, 0.9) for i, j in every_pair]
    kept = {(claims[p.i].file, claims[p.j].file)
            for p in pairs_within_stories(claims, pairs, stories)}
    # across the two stories nothing is compared; e.txt, linked to neither, with everything
    assert kept == {("a.txt", "b.txt"), ("c.txt", "d.txt"), ("a.txt", "e.txt"),
                    ("b.txt", "e.txt"), ("c.txt", "e.txt"), ("d.txt", "e.txt")}


def test_a_story_is_connected_through_its_articles() -> None:
    # a.txt and c.txt share only two names, but both share three with b.txt
    claims = [_claim("a.txt", 1, ("Brask", "Halbrun", "Kaldovia", "Amsel")),
              _claim("b.txt", 1, ("Brask", "Halbrun", "Kaldovia", "Vienna", "Korvel")),
              _claim("c.txt", 1, ("Brask", "Vienna", "Korvel", "Ilona"))]
    assert find_stories(claims, [""], [(0, 1), (1, 2), (0, 2)]) == (("a.txt", "b.txt", "c.txt"),)


def test_an_events_articles_are_those_naming_it_and_those_sharing_its_names() -> None:
    """0.25.0, `sources`: a follow-up that never names the query's place stays in its event;
    another event's article does not."""
    claims = [_claim("a.txt", 1, BRASK), _claim("b.txt", 1, ("Brask", "Halbrun", "Kaldovia")),
              _claim("c.txt", 1, DREVIK), _claim("d.txt", 1, ("Brask", "Drevik"))]
    assert event_articles({"a.txt"}, claims, common_words([""])) == {"a.txt", "b.txt"}
    assert event_articles(set(), claims, common_words([""])) == set()


def test_only_articles_holding_a_candidate_pair_are_linked() -> None:
    claims = [_claim("a.txt", 1, BRASK), _claim("b.txt", 1, BRASK),
              _claim("c.txt", 1, DREVIK), _claim("d.txt", 1, DREVIK)]
    assert find_stories(claims, [""], [(0, 1)]) == (("a.txt", "b.txt"),)
    assert find_stories(claims, [""], [(0, 0), (2, 3)], min_shared=5) == ()
    assert MIN_SHARED_NAMES == 3


STORY_A = {
    "kaldovia_wire.txt": (
        "Finance Minister Ilona Brask did not resign, the Kaldovian government said in "
        "Halbrun.\nBrask remains in office, spokesman Jurek Amsel told reporters in Halbrun.\n"),
    "halbrun_post.txt": (
        "Ilona Brask is still finance minister, Jurek Amsel said.\nAmsel said Brask was "
        "working from Halbrun and had not left Kaldovia.\n"),
}
STORY_B = {
    "pellmarsh_daily.txt": (
        "The finance minister did resign on Monday, Tovesand officials in Pellmarsh said.\n"
        "Leontin Drevik of Tovesand Bank confirmed the news in Pellmarsh.\n"),
    "estravia_news.txt": (
        "Leontin Drevik said Tovesand Bank would cooperate with Estravia's regulator in "
        "Pellmarsh.\nThe bank's chief Drevik spoke to reporters at Tovesand headquarters.\n"),
}


def _drop(tmp_path: Path, articles: dict[str, str]) -> Path:
    for name, text in articles.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path


def test_check_on_a_drop_of_two_stories_compares_claims_within_each(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    drop = _drop(tmp_path, {**STORY_A, **STORY_B})
    files = {name: name in STORY_A for name in (*STORY_A, *STORY_B)}

    def across(report: Report) -> list[Finding]:
        by_id = {c.id: c.file for c in report.claims}
        return [f for f in (*report.contradictions, *report.agreements)
                if files[by_id[f.a]] != files[by_id[f.b]]]

    # the real parser finds the names; without stories the fake judge calls "the finance
    # minister did resign" (one story) and "Brask did not resign" (the other) a conflict
    with monkeypatch.context() as patch:
        patch.setattr(claimcheck.api, "stories_and_pairs", lambda claims, texts, pairs: ((), pairs))
        assert any(f.kind == "contradiction" for f in across(run_check([drop],
                                                                       models=fake_models())))
    report = run_check([drop], models=fake_models())
    assert report.stories == (("estravia_news.txt", "pellmarsh_daily.txt"),
                              ("halbrun_post.txt", "kaldovia_wire.txt"))
    assert not across(report)
    assert report.settings["pairs_across_stories"] > 0
    data = to_json_dict(report)
    assert data["summary"]["stories"] == 2
    assert {d["file"]: d["story"] for d in data["documents"]} == {
        "estravia_news.txt": 1, "pellmarsh_daily.txt": 1, "halbrun_post.txt": 2,
        "kaldovia_wire.txt": 2}
    assert "Brask" in json.dumps(data["claims"])
    markdown = render_markdown(report)
    assert "report 2 different stories" in markdown
    assert "- story 2: halbrun_post.txt, kaldovia_wire.txt" in markdown


def test_check_on_one_story_lists_no_stories_in_the_markdown(tmp_path: Path) -> None:
    report = run_check([_drop(tmp_path, STORY_A)], models=fake_models())
    assert report.stories == (("halbrun_post.txt", "kaldovia_wire.txt"),)
    assert report.settings["pairs_across_stories"] == 0
    assert "different stories" not in render_markdown(report)


@pytest.mark.slow
def test_the_training_drops_mixed_in_one_folder_are_told_apart(tmp_path: Path,
                                                               real_models) -> None:  # type: ignore[no-untyped-def]
    """Four events of the training drops in one folder: the real parser's names and the real
    embedder's candidate pairs give each event its own story, whole."""
    drops = Path(__file__).parent.parent / "scripts" / "data" / "news_drops"
    events = ("chem", "election", "journalist", "rail")
    for event in events:
        (tmp_path / event).mkdir()
        for article in (drops / event).glob("*.txt"):
            (tmp_path / event / article.name).write_bytes(article.read_bytes())
    from claimcheck.claims import extract_all
    from claimcheck.cluster import topics_and_pairs
    from claimcheck.ingest import load_documents

    documents = load_documents([tmp_path])
    claims, _ = extract_all(documents)
    vectors = real_models.embedder.encode([c.fact for c in claims])
    _, _, pairs = topics_and_pairs(claims, vectors)
    stories = find_stories(claims, [d.text for d in documents], [(p.i, p.j) for p in pairs])
    assert sorted((sorted({f.split("/")[0] for f in story}), len(story)) for story in stories) \
        == [([event], 12) for event in events]


def test_proper_nouns_come_from_the_parse() -> None:
    from claimcheck.assertions import proper_nouns, spacy_parser

    [doc] = spacy_parser(["Sean O'Brien met Ilona Brask’s aide in Halbrun on Monday, 2 May."])
    assert proper_nouns(doc) == ("Sean", "O'Brien", "Ilona", "Brask", "Halbrun", "Monday", "May")
