"""Orchestration: the functions the CLI and notebook users call. Models are injectable."""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable, Sequence, Set
from dataclasses import astuple, dataclass, replace
from pathlib import Path
from typing import Any

import numpy as np

from claimcheck import __version__
from claimcheck.assertions import (
    disjuncts,
    is_named_speaker,
    labelled_report,
    named_form,
    near_miss,
    negates_query,
    presupposed_form,
    query_background,
    query_claim,
    query_core,
    query_gist,
    query_is_about_medium,
    query_short_name,
    query_title,
    query_whereabouts,
    titled_form,
)
from claimcheck.claims import EXTRACTOR_VERSION, extract_all
from claimcheck.cluster import nearest_neighbours, topics_and_pairs
from claimcheck.config import Config
from claimcheck.embed import CachedEmbedder, Embedder, RemoteEmbedder, SentenceTransformerEmbedder
from claimcheck.engine import Engine, open_engine
from claimcheck.errors import InputError
from claimcheck.findings import (
    MIN_JUDGED_WORDS,
    STANCE_SIGN,
    content_relation,
    different_acts,
    group_disputes,
    judge_pairs,
    states_enough,
)
from claimcheck.index import Index
from claimcheck.ingest import load_documents
from claimcheck.judge import (
    LABELS,
    CachedJudge,
    CrossEncoderJudge,
    Judge,
    Thresholds,
    cross_encoders,
    distribute_judge,
    load_judge,
    mask_time,
)
from claimcheck.media import bare_media, kind_before_claim, medium_readings, query_medium
from claimcheck.models import (
    REPORT_VERSION,
    Claim,
    Document,
    InputWarning,
    Report,
    Scores,
    Stance,
    input_warnings,
)
from claimcheck.onnx_models import Export, describe
from claimcheck.pronouns import query_people, read_pronouns, read_pronouns_as
from claimcheck.quantities import figure_relation, figures, find_quantities, quantities_conflict
from claimcheck.report import (
    STORED_RUN_FORMAT,
    report_from_stored_run,
    stored_run,
    warning_dict,
)
from claimcheck.stories import (
    MIN_SHARED_NAMES,
    common_words,
    event_articles,
    stories_and_pairs,
)

Progress = Callable[[str], None]


def _quiet(_: str) -> None:
    pass


@dataclass(frozen=True)
class Models:
    """The embedder and judge a run uses, the thresholds that go with the judge, and the
    index that caches their work (None: nothing is cached)."""

    embedder: Embedder
    judge: Judge
    thresholds: Thresholds
    index: Index | None = None
    engine: Engine | None = None  # None: everything runs in this process

    def close(self) -> None:
        """Let go of the engine's workers, if any."""
        if self.engine is not None:
            self.engine.close()


def build_models(config: Config, show_progress: bool = False) -> Models:
    """Embedder and judge named by `config`, behind the index; nothing loads until used.

    With a distributed engine (`config.engine`), the embedder and the cross-encoders run on
    its workers; the index, the head and everything else stay here. Close the models after.
    """
    engine = open_engine(config.engine, config.engine_address, config.engine_workers)
    try:
        local = SentenceTransformerEmbedder(config.embed_model,
                                            show_progress=show_progress and engine is None,
                                            onnx_cache=config.onnx_cache())
        embedder: Embedder = local if engine is None else RemoteEmbedder(engine, local)
        index = Index(config.resolved_index()) if config.use_cache else None
        if index is not None:
            embedder = CachedEmbedder(embedder, index)
        loaded = load_judge(config.judge, embedder, config.onnx_cache())
        if engine is not None:
            loaded = distribute_judge(loaded, engine)
        thresholds = _thresholds(config, loaded.thresholds)
        in_flight: int | Callable[[], int] = (
            1 if engine is None else lambda: 2 * engine.workers)
        judge: Judge = CachedJudge(loaded, index, in_flight) if index is not None else loaded
    except BaseException:
        if engine is not None:
            engine.close()
        raise
    return Models(embedder, judge, thresholds, index, engine)


def run_fingerprint(documents: Sequence[Document], config: Config, models: Models) -> str:
    """Identity of a run: every input byte and every setting that shapes the report."""
    data = {
        "documents": [(d.file, d.sha256, d.published, d.outlet, d.url) for d in documents],
        "embed_model": models.embedder.name, "judge": models.judge.name,
        "thresholds": astuple(models.thresholds), "neighbours": config.neighbours,
        "cluster_similarity": config.cluster_similarity, "extractor": EXTRACTOR_VERSION,
        "report": REPORT_VERSION, "stored_run": STORED_RUN_FORMAT, "claimcheck": __version__,
    }
    return hashlib.sha256(json.dumps(data, sort_keys=True).encode()).hexdigest()


def _thresholds(config: Config, calibrated: Thresholds) -> Thresholds:
    return Thresholds(
        contradiction=(config.contradiction_threshold
                       if config.contradiction_threshold is not None
                       else calibrated.contradiction),
        entailment=(config.entailment_threshold if config.entailment_threshold is not None
                    else calibrated.entailment),
        min_similarity=(config.min_similarity if config.min_similarity is not None
                        else calibrated.min_similarity),
    )


def run_check(
    paths: Sequence[Path | str],
    config: Config | None = None,
    models: Models | None = None,
    progress: Progress = _quiet,
) -> Report:
    """The whole pipeline: files -> claims -> vectors -> clusters -> pairs -> findings."""
    config = config or Config()
    models = models or build_models(config)
    progress("reading articles")
    documents = load_documents([Path(p) for p in paths], config.max_file_mb)
    if not documents:
        raise InputError("no .txt, .md or .html articles found in "
                         + ", ".join(map(str, paths)))
    fingerprint = run_fingerprint(documents, config, models)
    if models.index is not None:
        stored = models.index.get_run(fingerprint)
        reused = None if stored is None else report_from_stored_run(stored, documents)
        if reused is not None:
            progress("nothing changed since the last run: reusing its findings")
            return reused
    claims, skipped = extract_all(documents, models.index, engine=models.engine)
    progress(f"embedding {len(claims)} claims from {len(documents)} articles")
    vectors = (models.embedder.encode([c.fact for c in claims]) if claims
               else np.zeros((0, 1), dtype=np.float32))
    # "he fled" is read as about the person it stands for; the report keeps it as written
    read, vectors = read_pronouns(claims, {d.file: d.text for d in documents}, vectors,
                                  models.embedder.encode, models.thresholds.min_similarity)
    progress("clustering")
    clusters, topic_of, pairs = topics_and_pairs(read, vectors, config.cluster_similarity,
                                                 config.neighbours,
                                                 models.thresholds.min_similarity)
    candidates = len(pairs)
    stories, pairs = stories_and_pairs(read, (d.text for d in documents), pairs)
    progress(f"judging {len(pairs)} candidate pairs")
    judged = judge_pairs(read, [(p.i, p.j, p.similarity) for p in pairs], topic_of,
                         models.judge, models.thresholds, {d.file: d.text for d in documents})
    settings: dict[str, Any] = {
        "embed_model": models.embedder.name,
        "judge": models.judge.name,
        "thresholds": {"contradiction": models.thresholds.contradiction,
                       "entailment": models.thresholds.entailment,
                       "min_similarity": models.thresholds.min_similarity},
        "neighbours": config.neighbours,
        "cluster_similarity": config.cluster_similarity,
        "candidate_pairs": candidates,
        "min_shared_names": MIN_SHARED_NAMES,
        "pairs_across_stories": candidates - len(pairs),
    }
    report = Report(
        documents=tuple(documents), claims=tuple(claims), clusters=tuple(clusters),
        contradictions=judged.contradictions, agreements=judged.agreements,
        changes_over_time=judged.changes_over_time, skipped=tuple(skipped), settings=settings,
        disputes=group_disputes(read, judged), within_article=judged.within_article,
        stories=stories,
    )
    if models.index is not None:
        models.index.put_run(fingerprint, stored_run(report))
    return report


@dataclass(frozen=True)
class SourceMatch:
    """A claim that supports, refutes or only reports a queried claim."""

    file: str
    line: int
    text: str
    score: float
    similarity: float
    claim_id: str
    content: str = ""
    stance: Stance = "asserted"
    speaker: str | None = None
    relation: str = "same"  # its content against the query's: "same" or "opposite"


@dataclass(frozen=True)
class SourcesResult:
    claim: str
    supporting: tuple[SourceMatch, ...]
    refuting: tuple[SourceMatch, ...]
    reporting: tuple[SourceMatch, ...] = ()  # relayed, hedged or asked, not taken a side on
    content: str = ""  # what was looked up: the query without its frame
    warnings: tuple[InputWarning, ...] = ()  # what was wrong with the input, read around
    # the query's own stance: "refuted" or "denied" ("Hoax: X") turns X's sides round
    query_stance: Stance = "asserted"

    def to_dict(self) -> dict[str, Any]:
        def row(m: SourceMatch) -> dict[str, Any]:
            return {"file": m.file, "line": m.line, "text": m.text, "score": m.score,
                    "similarity": m.similarity, "id": m.claim_id, "content": m.content,
                    "stance": m.stance, "speaker": m.speaker, "relation": m.relation}

        return {"claim": self.claim, "supporting": [row(m) for m in self.supporting],
                "refuting": [row(m) for m in self.refuting],
                "reporting": [row(m) for m in self.reporting],
                "content": self.content or self.claim,
                "warnings": [warning_dict(w) for w in self.warnings],
                "query_stance": self.query_stance}


_CLAIM_ID = re.compile(r"^c[0-9a-f]{10}$")
# One query against its nearest claims is cheap, so `sources` casts a wider net than the
# pair gate of `check`: a long sentence stating the fact in one clause is less similar to a
# short query as a whole. The judge, not the similarity, decides.
SOURCES_MIN_SIMILARITY = 0.3
_CLAUSE_BREAK = re.compile(r",\s+|;\s+|\s+(?:as part of|after|while|and then)\s+")


def premise_segments(text: str, min_words: int = 4) -> list[str]:
    """The text, its clauses and its leading clauses, each of at least `min_words` words.

    Clauses are split at commas and the like. Leading runs keep a subject with its aside:
    "The rebel campaign, which the NLF opened on March 3" supports "the offensive began on
    March 3" where neither clause alone does.
    """
    whole = text.strip(" .")
    breaks = list(_CLAUSE_BREAK.finditer(text))
    clauses = [p.strip(" ,;.") for p in _CLAUSE_BREAK.split(text)]
    leading = [text[: m.start()].strip(" ,;.") for m in breaks[1:]]
    segments = [text]
    for segment in [*clauses, *leading]:
        if len(segment.split()) >= min_words and segment != whole and segment not in segments:
            segments.append(segment)
    return segments


def find_sources(
    claim: str,
    paths: Sequence[Path | str],
    config: Config | None = None,
    models: Models | None = None,
    limit: int = 20,
    progress: Progress = _quiet,
) -> SourcesResult:
    """Claims under `paths` that support, refute or only report `claim` (text or claim id).

    What is looked up is the query's content ("Officials say X" looks up X), against each
    claim's content, read as `check` reads a pair: the judge both ways, quantities compared
    as quantities. That relation is then read with the claim's stance: an asserted match
    supports; a denied or refuted one refutes; a reported, hedged or questioned one only
    reports. An asserted opposite refutes, as does one relayed from a named source; a denied
    opposite supports (source_side).
    """
    config = config or Config()
    models = models or build_models(config.for_one_question())
    documents = load_documents([Path(p) for p in paths], config.max_file_mb)
    warnings = input_warnings(documents)
    claims, _ = extract_all(documents, models.index)
    if not claims:
        raise InputError("no claims found in " + ", ".join(map(str, paths)))
    query = claim.strip()
    if not query:
        raise InputError("the claim to look up is empty")
    exclude: str | None = None
    if _CLAIM_ID.match(query):
        found = next((c for c in claims if c.id == query), None)
        if found is None:
            raise InputError(f"no claim with id {query} in " + ", ".join(map(str, paths)))
        query, exclude = found.text, found.id
        asked = found
    else:
        asked = query_claim(query)
    content = asked.fact
    # "he was poisoned" is judged as about the person the query names, where its article has
    # named them before it; the lists show the claims as written
    as_written = claims
    texts = {d.file: d.text for d in documents}
    claims = read_pronouns_as(query_people(content, also_common=texts.values()), claims, texts)
    # "Hoax: X" and "Officials deny X" ask who else rejects X: X's sides, the other way round
    query_sign = -1 if asked.stance in ("refuted", "denied") else 1
    progress(f"embedding {len(claims)} claims")
    vectors = models.embedder.encode([c.fact for c in claims])
    query_vector = models.embedder.encode([content])
    # the judge takes one event's fact for another's ("the governor was abroad", a flood's,
    # under a fire's "the minister was abroad"): only the query's event is read, the articles
    # that name it and their follow-ups, which name its people but not its place. The nearest
    # claims are taken among those that can be listed, so that other events' claims and
    # fragments too short to judge take none of their places.
    common = common_words(texts.values())
    files = event_articles(event_files(content, documents, common), claims, common)
    pool = np.array([j for j, c in enumerate(claims)
                     if (not files or c.file in files) and c.id != exclude
                     and states_enough(c.fact)], dtype=np.int64)
    sims, idx = nearest_neighbours(vectors[pool], max(limit * 3, 30), queries=query_vector)
    floor = min(models.thresholds.min_similarity, SOURCES_MIN_SIMILARITY)
    chosen = [(int(pool[j]), float(s)) for s, j in zip(sims[0], idx[0], strict=True)
              if s >= floor]
    similarities = vectors @ query_vector[0]
    chosen += rejections_in_event(claims, similarities, files, {j for j, _ in chosen}, exclude)
    negations = negations_in_event(claims, similarities, files, {j for j, _ in chosen},
                                   content, exclude)
    nearest = list(chosen)  # what the readers below take: the negations are read once, here
    chosen += negations
    only_opposite = {j for j, _ in negations}
    # The same fact: entailment either way, as `check` reads it, where the source's side is
    # the best of its whole content and its clauses (a long sentence often states the queried
    # fact in one clause, which whole-sentence NLI underrates). Conflict: whole contents only,
    # both ways, and only as similar as `check`'s pair gate: clauses out of context, and
    # sentences on another subject, invent conflicts. premise_segments puts the whole content
    # first.
    segments = [(j, k, seg) for j, _ in chosen
                for k, seg in enumerate(premise_segments(claims[j].fact))]
    by_segment = models.judge.predict([(seg, content) for _, _, seg in segments]) \
        if segments else np.zeros((0, 3), dtype=np.float32)
    entailment_of: dict[int, float] = {}
    forward_of: dict[int, np.ndarray] = {}
    e, c = LABELS.index("entailment"), LABELS.index("contradiction")
    for (j, k, _), row in zip(segments, by_segment, strict=True):
        if k == 0:
            forward_of[j] = row
        entailment_of[j] = max(entailment_of.get(j, 0.0), float(row[e]))
    backward = models.judge.predict([(content, claims[j].fact) for j, _ in chosen]) \
        if chosen else np.zeros((0, 3), dtype=np.float32)
    related: dict[int, tuple[int, float, float]] = {}  # claim -> relation, score, similarity
    figure_query = bool(find_quantities(content))
    # "33 miners died" is no opposite of "the video of miners pulled out alive is old": a
    # query about a medium is opposed only by a claim about one
    about_medium = query_is_about_medium(content)
    for (j, sim), ba in zip(chosen, backward, strict=True):
        ab = forward_of[j]
        contradiction = float(ab[c] + ba[c]) / 2
        # "The dam was breached in a deliberate act of sabotage" states the query "the dam
        # was sabotaged with explosives" less specifically: the query entails it. A denial
        # of it ("he was detained" <= "he was arrested", denied) refutes the query too.
        entailment = max(entailment_of[j], float(ba[e]))
        if figure_query and claims[j].stance not in ("denied", "refuted") \
                and not find_quantities(claims[j].fact):
            # a figure is the query's fact: "the mutiny leader was killed" follows from "60
            # people were killed in the mutiny" but gives no figure to support it with
            entailment = entailment_of[j]
        relation, score = content_relation(
            claims[j].fact, content, contradiction, entailment, sim, models.thresholds,
            may_conflict=(sim >= models.thresholds.min_similarity
                          or negated_opposite(claims[j], content))
            and (not about_medium or bool(_MEDIUM.search(claims[j].fact))))
        if relation < 0 or (relation and j not in only_opposite):
            related[j] = (relation, score, sim)
    chosen = nearest
    for j in background_sources(content, claims, related, entailment_of, models):
        del related[j]
    similarity_of = dict(chosen)
    # "The airport reopened" states that it had been closed, which the judge reads as the
    # opposite of "the airport was closed"
    for j, score in presupposed_sources(content, claims, files, chosen, models).items():
        related[j] = (1, score, similarity_of[j])
    for j, score in core_sources(content, claims, files, chosen, related, models).items():
        related[j] = (1, score, similarity_of[j])
    for j, score in framed_sources(query, asked, claims, files, chosen, related, models).items():
        related[j] = (1, score, similarity_of[j])
    for j, score in timeless_sources(content, claims, files, chosen, related, models).items():
        related[j] = (1, score, similarity_of[j])
    for j, score in alibi_sources(content, claims, files, chosen, related, models).items():
        related[j] = (-1, score, similarity_of[j])
    for j, score in disjunct_sources(content, claims, chosen, related, models).items():
        related[j] = (1, score, similarity_of[j])
    for j, relation in medium_sources(content, claims, documents, files, related, exclude,
                                      rejected=query_sign < 0).items():
        related[j] = (relation, FIGURE_SCORE, float(vectors[j] @ query_vector[0]))
    for j, relation in figure_sources(content, claims, documents, files).items():
        if j not in related and claims[j].id != exclude:
            related[j] = (relation, FIGURE_SCORE, float(vectors[j] @ query_vector[0]))
    lists: dict[str, list[SourceMatch]] = {"supporting": [], "refuting": [], "reporting": []}
    for j, (relation, score, sim) in sorted(related.items()):
        match = as_written[j]
        # "Report: X" relays a report, a source as named as a speaker is
        side = source_side(match.stance, relation * query_sign,
                           match.speaker is not None or labelled_report(match.text))
        lists[side].append(SourceMatch(
            match.file, match.line, match.text, round(score, 4), round(sim, 4), match.id,
            match.fact, match.stance, match.speaker, "same" if relation > 0 else "opposite"))
    by_score = lambda m: (-m.score, m.file, m.line)  # noqa: E731
    chosen_lists = {k: tuple(sorted(v, key=by_score)[:limit]) for k, v in lists.items()}
    return SourcesResult(query, chosen_lists["supporting"], chosen_lists["refuting"],
                         chosen_lists["reporting"], content, warnings, asked.stance)


def background_sources(content: str, claims: Sequence[Claim],
                       related: dict[int, tuple[int, float, float]],
                       entailment_of: dict[int, float], models: Models) -> list[int]:
    """Claims, by index, found to state the query's fact only because the query entails them,
    where what they state is what the query takes for granted (assertions.query_background):
    "Cyberattack blacks out Orlavenn's power grid" follows from "The cyberattack that blacked
    out Orlavenn's power grid was carried out by Kelvarna's military intelligence", and says
    nothing of who carried it out. Only claims that would support or report it: a claim that
    rejects what the query takes for granted does reject the query."""
    candidates = [j for j, (relation, _, _) in related.items()
                  if relation > 0 and claims[j].stance not in ("denied", "refuted")
                  and entailment_of.get(j, 0.0) < models.thresholds.entailment]
    background = query_background(content) if candidates else []
    if not background:
        return []
    pairs = [(j, form) for j in candidates for form in background]
    rows = models.judge.predict([(form, claims[j].fact) for j, form in pairs])
    e = LABELS.index("entailment")
    return sorted({j for (j, _), row in zip(pairs, rows, strict=True)
                   if row[e] >= models.thresholds.entailment})


# a claim about a medium names one, or points at it
_MEDIUM = re.compile(r"\b(?:videos?|clips?|footage|recordings?|films?|photos?|photographs?|"
                    r"pictures?|images?|screenshots?|letters?|memos?|documents?|audio|it|this)\b",
                    re.IGNORECASE)

REJECTION_MIN_SIMILARITY = 0.15


def negated_opposite(claim: Claim, content: str) -> bool:
    """Whether an asserted claim negates what the query's content states
    (assertions.negates_query): it may be the query's opposite below the conflict gate's
    similarity, and beyond the nearest claims it is judged as the event's rejections are."""
    return claim.stance == "asserted" and negates_query(claim.fact, content)


def rejections_in_event(claims: Sequence[Claim], similarities: np.ndarray, files: set[str],
                        chosen: set[int], exclude: str | None = None
                        ) -> list[tuple[int, float]]:
    """Refuted and denied claims of the query's event (`files`, its articles and their
    follow-ups: stories.event_articles) beyond the nearest neighbours, by index with their
    similarity: a debunk names the fact its own way
    ("the head of state had flown abroad" for "President Ondrevath fled Vardelmia by plane",
    similarity 0.23), and one query can afford to judge every rejection of its event. Below
    the conflict gate, they can only be found to state the same fact."""
    return _beyond_nearest(claims, similarities, files, chosen, exclude,
                           lambda claim: claim.stance in ("refuted", "denied"))


def negations_in_event(claims: Sequence[Claim], similarities: np.ndarray, files: set[str],
                       chosen: set[int], content: str, exclude: str | None = None
                       ) -> list[tuple[int, float]]:
    """Asserted claims of the query's event beyond the nearest neighbours that negate it
    (negated_opposite), by index with their similarity: "Nor was anyone arrested" against
    "Jorvan Lenndorf, the opposition candidate's campaign chief, was arrested by police"
    (similarity 0.35). They are read only as the query's opposite."""
    return _beyond_nearest(claims, similarities, files, chosen, exclude,
                           lambda claim: negated_opposite(claim, content))


def _beyond_nearest(claims: Sequence[Claim], similarities: np.ndarray, files: set[str],
                    chosen: set[int], exclude: str | None, wanted: Callable[[Claim], bool]
                    ) -> list[tuple[int, float]]:
    return [(j, float(similarities[j])) for j, claim in enumerate(claims)
            if j not in chosen and claim.file in files and claim.id != exclude
            and similarities[j] >= REJECTION_MIN_SIMILARITY
            and states_enough(claim.fact) and wanted(claim)]


def core_sources(content: str, claims: Sequence[Claim], files: set[str],
                 chosen: Sequence[tuple[int, float]], related: dict[int, tuple[int, float, float]],
                 models: Models) -> dict[int, float]:
    """Claims, by index, that state the query's fact in fewer words, with their entailment:
    without the event it closes on ("the airport was closed" for "... closed during the
    mutiny in Istrevo", assertions.query_core), or without the names and phrases that place
    it in its event ("the bank froze customer withdrawals" for "Tovesand Bank froze customer
    withdrawals", assertions.query_gist), or where its journey ends ("Brask was in Vienna"
    for "Brask fled Kaldovia for Vienna", assertions.query_whereabouts); the last two also
    with a titled person named by title ("The governor was abroad", assertions.query_titled),
    for claims that name the title; and with a named institution by its own short name
    ("Brakkenfeld was closed" for "Istrevo-Brakkenfeld International Airport was closed",
    assertions.query_short_name), for claims that use that name. Only claims not related
    yet, of the query's event (`files`, as find_sources reads it), entailing a shorter
    form as a whole content, and never with a count that conflicts with it. The shorter forms
    only ever find the same fact: conflicts are read against the whole query. A titled or
    short-name form is judged only against claims that name it."""
    if not files:
        return {}
    whereabouts = query_whereabouts(content)
    gist = query_gist(content)
    # "The governor was abroad": an article that has named the person once uses the title
    title = query_title(content)
    titled_whereabouts = titled_form(
        whereabouts or (query_whereabouts(content, abroad=True) if title else None), title)
    titled = {titled_form(gist, title), titled_whereabouts} - {None}
    loose_forms = {whereabouts, titled_whereabouts} - {None}
    # "Brakkenfeld was closed": an article on the event names the airport by its own name
    short = query_short_name(content)
    named = named_form(gist, short)
    shorter = [form for form in {query_core(content), gist, whereabouts, named, *titled}
               if form]
    open_ = [j for j, _ in chosen if j not in related and claims[j].file in files]
    if not shorter or not open_:
        return {}

    def names_it(fact: str, form: str) -> bool:
        # a title must be the claim's too: "photographs of Wendrick arriving at Velsarro" is
        # not "The president was in Tolmarra"; and a short name the claim's own
        if form in titled and title is not None:
            return bool(re.search(rf"\b{re.escape(title[0])}\b", fact, re.IGNORECASE))
        if form == named and short is not None:
            return bool(re.search(rf"\b{re.escape(short[1])}\b", fact))
        return True

    pairs = [(j, form) for j in open_ for form in sorted(shorter)
             if names_it(claims[j].fact, form)]
    rows = models.judge.predict([(claims[j].fact, form) for j, form in pairs])
    e = LABELS.index("entailment")
    found: dict[int, float] = {}
    for (j, form), row in zip(pairs, rows, strict=True):
        # being somewhere is a looser reading of a journey: the claim must name the
        # traveller and state the place surely ("Wendrick arriving at Velsarro" is not
        # "Ondrevath was in Tolmarra")
        loose = form in loose_forms and (
            row[e] < WHEREABOUTS_ENTAILMENT or not _names_subject(claims[j].fact, form))
        # an offer to resign is no resignation, whichever form it is judged against
        if row[e] >= models.thresholds.entailment and not loose \
                and may_be_same_fact(claims[j].fact, form, content):
            found[j] = max(found.get(j, 0.0), float(row[e]))
    return found


WHEREABOUTS_ENTAILMENT = 0.85


def may_be_same_fact(fact: str, form: str, asked: str) -> bool:
    """The guard of every loose reading in `sources`: a claim's `fact` found to state a `form`
    of the query `asked` must not give a conflicting count ("nine were killed" is no form of
    "about 30 died"), and must state the query's kind of act (findings.different_acts:
    "offered to resign" for "resigned" is not, nor "left its headquarters" for "left the
    country")."""
    return quantities_conflict(fact, form) is not True and not different_acts(fact, asked)


_PRESUPPOSING = re.compile(r"\b(?:reopen|releas|free)", re.IGNORECASE)


def presupposed_sources(content: str, claims: Sequence[Claim], files: set[str],
                        chosen: Sequence[tuple[int, float]], models: Models
                        ) -> dict[int, float]:
    """Claims, by index, whose act presupposes the query's fact, with the entailment of what
    it presupposes (assertions.presupposed_form): "Brakkenfeld airport reopened to commercial
    traffic on Sunday morning" states that it had been closed. Read against the whole query,
    and, in the event's articles (`files`), against its shorter forms as core_sources reads
    them ("Brakkenfeld was closed"). Never a near miss or a conflicting count; never a
    denied, refuted or questioned claim, whose presupposition survives the denial
    ("officials denied that the airport had reopened")."""
    presupposed = [(j, form) for j, _ in chosen
                   if claims[j].stance in ("asserted", "reported", "hedged")
                   and _PRESUPPOSING.search(claims[j].fact)
                   and (form := presupposed_form(claims[j].fact)) is not None]
    if not presupposed:
        return {}
    gist = query_gist(content)
    shorter = {query_core(content), gist, named_form(gist, query_short_name(content))}
    pairs = [(j, form, whole) for j, form in presupposed
             for whole in sorted({content} | ({s for s in shorter if s}
                                               if claims[j].file in files else set()))]
    rows = models.judge.predict([(form, whole) for _, form, whole in pairs])
    e = LABELS.index("entailment")
    found: dict[int, float] = {}
    for (j, _, whole), row in zip(pairs, rows, strict=True):
        if row[e] >= models.thresholds.entailment \
                and may_be_same_fact(claims[j].fact, whole, content):
            found[j] = max(found.get(j, 0.0), float(row[e]))
    return found


def framed_sources(query: str, asked: Claim, claims: Sequence[Claim], files: set[str],
                   chosen: Sequence[tuple[int, float]],
                   related: dict[int, tuple[int, float, float]], models: Models
                   ) -> dict[int, float]:
    """Claims, by index, that state a framed query as said, where its frame names a person:
    "Leontin Drevik admitted in a video that Tovesand Bank is insolvent" is looked up as its
    content, the insolvency, and whole, as the admission, which the articles calling the
    video fake speak to ("A video in which Mr Drevik appears to say that the bank is
    insolvent is a fake"). Entailment either way, as the main reading; only claims not
    related yet, of the event's articles; never a near miss or a conflicting count. Nothing
    for a frame without a named speaker ("Officials say X")."""
    whole = " ".join(query.split()).rstrip(" .!")
    if not files or asked.stance != "asserted" or asked.speaker is None \
            or whole.casefold() == asked.fact.casefold() or not is_named_speaker(asked.speaker):
        return {}
    open_ = [j for j, _ in chosen if j not in related and claims[j].file in files]
    if not open_:
        return {}
    forward, backward = _judged_both_ways([claims[j].fact for j in open_], whole, models)
    e = LABELS.index("entailment")
    found: dict[int, float] = {}
    for j, ab, ba in zip(open_, forward, backward, strict=True):
        score = float(max(ab[e], ba[e]))
        if score >= models.thresholds.entailment \
                and may_be_same_fact(claims[j].fact, whole, whole):
            found[j] = score
    return found


def timeless_sources(content: str, claims: Sequence[Claim], files: set[str],
                     chosen: Sequence[tuple[int, float]],
                     related: dict[int, tuple[int, float, float]], models: Models
                     ) -> dict[int, float]:
    """Claims, by index, that state the query's fact with a time the query does not give,
    with the entailment: "exports were banned on Tuesday" is neutral to "The government
    banned exports of the syrups" (0.00), "exports were banned" entailed by it (0.89). Each
    claim of the event's articles not related yet is judged both ways with its times masked
    (judge.mask_time); a loose form, so only a sure entailment counts, never a near miss or
    a conflicting count."""
    if not files:
        return {}
    masked = {j: mask_time(claims[j].fact) for j, _ in chosen
              if j not in related and claims[j].file in files}
    open_ = [j for j, form in masked.items()
             if form != claims[j].fact and len(form.split()) >= MIN_JUDGED_WORDS]
    if not open_:
        return {}
    forward, backward = _judged_both_ways([masked[j] for j in open_], content, models)
    e = LABELS.index("entailment")
    found: dict[int, float] = {}
    for j, ab, ba in zip(open_, forward, backward, strict=True):
        score = float(max(ab[e], ba[e]))
        if score >= WHEREABOUTS_ENTAILMENT \
                and may_be_same_fact(claims[j].fact, content, content):
            found[j] = score
    return found


def _judged_both_ways(facts: Sequence[str], form: str, models: Models
                      ) -> tuple[np.ndarray, np.ndarray]:
    """The judge's verdicts on each fact against a form, and on the form against each fact."""
    return (models.judge.predict([(fact, form) for fact in facts]),
            models.judge.predict([(form, fact) for fact in facts]))


_PLACED = re.compile(r"\b(?:in|at)\s+(?:the\s+)?[A-Z]")
ALIBI_STANCES = frozenset(("asserted", "reported", "denied", "refuted"))


def alibi_sources(content: str, claims: Sequence[Claim], files: set[str],
                  chosen: Sequence[tuple[int, float]],
                  related: dict[int, tuple[int, float, float]], models: Models
                  ) -> dict[int, float]:
    """Claims, by index, that place the query's traveller somewhere else, with the conflict's
    score: read against where the journey ends (assertions.query_whereabouts, "Brask was in
    Vienna" for "Brask fled Kaldovia for Vienna"), which "Finance Minister Ilona Brask spent
    Sunday at her home in Halbrun" contradicts (0.89) while the judge reads it as neutral to
    the journey. Only claims not related yet, of the event's articles, that name the
    traveller and place someone "in" or "at" a named place, judged both ways as `check`
    reads a conflict; never a near miss or a question. The query's time is not read: an
    alibi for another day is read as one for the journey's."""
    whereabouts = query_whereabouts(content)
    if not files or whereabouts is None:
        return {}
    open_ = [j for j, _ in chosen if j not in related and claims[j].file in files
             and claims[j].stance in ALIBI_STANCES and _PLACED.search(claims[j].fact)
             and _names_subject(claims[j].fact, whereabouts)
             and not near_miss(claims[j].fact)]
    if not open_:
        return {}
    forward, backward = _judged_both_ways([claims[j].fact for j in open_], whereabouts, models)
    c = LABELS.index("contradiction")
    found: dict[int, float] = {}
    for j, ab, ba in zip(open_, forward, backward, strict=True):
        score = float(ab[c] + ba[c]) / 2
        if score >= models.thresholds.contradiction:
            found[j] = score
    return found


# an act out of its sentence is a loose form, trusted only when the judge is sure ("resigned as
# finance minister" => "had fled abroad" is 0.67)
DISJUNCT_ENTAILMENT = WHEREABOUTS_ENTAILMENT


def disjunct_sources(content: str, claims: Sequence[Claim], chosen: Sequence[tuple[int, float]],
                     related: dict[int, tuple[int, float, float]], models: Models
                     ) -> dict[int, float]:
    """Denied or refuted claims, by index, that reject the query's fact as one of two acts,
    with the entailment: "the ministry denied that Brask had been arrested or had fled
    abroad" denies that she fled (assertions.disjuncts), which the judge reads as neutral to
    the query as a whole. Only where the query entails the act (denying what the query
    entails refutes it; denying a stronger act does not), the act names someone or something
    the query names, a proper noun of both ("she left the country or was detained" names
    nobody: whose act is unknown out of context), and the claim is not related yet; never a
    near miss or a conflicting count."""
    names = set(query_names(content))
    forms = [(j, form) for j, _ in chosen
             if j not in related and claims[j].stance in ("denied", "refuted")
             for form in disjuncts(claims[j].fact) if names & set(query_names(form))]
    if not forms:
        return {}
    backward = models.judge.predict([(content, form) for _, form in forms])
    e = LABELS.index("entailment")
    found: dict[int, float] = {}
    for (j, form), ba in zip(forms, backward, strict=True):
        score = float(ba[e])
        if score >= DISJUNCT_ENTAILMENT and may_be_same_fact(form, content, content):
            found[j] = max(found.get(j, 0.0), score)
    return found


def _names_subject(fact: str, form: str) -> bool:
    """Whether a claim names the subject of a whereabouts form ("Brask was in Vienna":
    Brask), or the form's subject is no name ("The president was in Moscow")."""
    subject = form.split(" was ")[0]
    names = [w for w in subject.split() if w[:1].isupper() and w.casefold() != "the"]
    return not names or all(re.search(rf"\b{re.escape(n)}\b", fact) for n in names)


FIGURE_SCORE = 0.5  # a relation read from figures alone, as findings reads one in `check`
_NAME = re.compile(r"[A-Z][\w’'-]*\w")


def query_names(content: str) -> list[str]:
    """The capitalised words of a query that are not function words ("About 30 people died
    in the Helmoor Dam flood": Helmoor, Dam), a possessive's ending dropped: what names its
    event."""
    from spacy.lang.en.stop_words import STOP_WORDS

    names = [re.sub(r"[’']s$", "", m.group(0)) for m in _NAME.finditer(content)]
    return [name for name in names if name.casefold() not in STOP_WORDS]


def _names_event(text: str, names: Sequence[str]) -> bool:
    """Whether an article names at least half of the query's names (a place, a person, an
    institution), as whole words in any case ("ISTREVO, 6 September")."""
    found = sum(1 for name in names
                if re.search(rf"\b{re.escape(name)}\b", text, flags=re.IGNORECASE))
    return 2 * found >= len(names)


def event_files(content: str, documents: Sequence[Document],
                common: Set[str] | None = None) -> set[str]:
    """The articles that name at least half of what the query names (none for a query that
    names nothing): those that report its event. A capitalised query word that the drop also
    writes in lower case is no name, as for stories ("Deep" of "Zelvin Deep" would count every
    article with "deep" in it; "State Security Service" every one with a state's service),
    unless every word of the query is one. `common`: the drop's common words, where the
    caller has them (common_words)."""
    names = query_names(content)
    if common is None:
        common = common_words(d.text for d in documents)
    names = [name for name in names if name.casefold() not in common] or names
    return {d.file for d in documents if _names_event(d.text, names)} if names else set()


def medium_sources(content: str, claims: Sequence[Claim], documents: Sequence[Document],
                   files: set[str], related: dict[int, tuple[int, float, float]],
                   exclude: str | None = None, rejected: bool = False) -> dict[int, int]:
    """Claims, by index, that give the query's verdict on its medium (+1) or its opposite
    (-1), for a query about a medium (media.query_medium: "The viral video of X is old
    footage"): "It is old", "traced it to a 2013 accident", "recorded on Saturday
    afternoon". Only claims of the event's articles (`files`) not related yet; a pointer
    ("it") counts where its article named a medium of the query's kind just before.
    `rejected`: the query's stance calls its content false ("The memo is a forgery" reads as
    "The memo", refuted)."""
    asked = query_medium(content, rejected)
    if asked is None or not files:
        return {}
    texts = {d.file: d.text for d in documents}
    open_ = [j for j, claim in enumerate(claims)
             if claim.file in files and j not in related and claim.id != exclude]
    called_false = [j for j in open_ if asked.verdict == "fake"
                    and claims[j].stance in ("refuted", "denied")]
    bare = {j for j, is_bare in zip(called_false,
                                    bare_media([claims[j].fact for j in called_false]),
                                    strict=True) if is_bare}
    facts = [(claims[j].fact, kind_before_claim(claims[j], texts[claims[j].file]), j in bare)
             for j in open_]
    return {j: relation for j, relation in zip(open_, medium_readings(asked, facts),
                                               strict=True) if relation}


def figure_sources(content: str, claims: Sequence[Claim], documents: Sequence[Document],
                   files: set[str] | None = None) -> dict[int, int]:
    """Claims whose figures bear on the query's, by index: -1 when they conflict, +1 when they
    lie within the query's (quantities.figure_relation). Only claims of the query's event are
    compared: a short count ("Eleven people were killed") is too little like the query for
    the judge's gate, and its article says which event it counts. Nothing for a query without
    a figure or without a name. `files`: the event's articles when the caller has them
    (find_sources passes the articles that name it and their follow-ups); else those that
    name it (event_files)."""
    query_figures = figures(content)
    if not query_figures:
        return {}
    if files is None:
        files = event_files(content, documents)
    found = {}
    for j, claim in enumerate(claims):
        if claim.file in files and states_enough(claim.fact):
            relation = figure_relation(claim.fact, query_figures)
            if relation:
                found[j] = relation
    return found


def source_side(stance: Stance, relation: int, has_speaker: bool = False) -> str:
    """Which list of `sources` a claim goes in, from its stance and its content's relation
    to the query's (+1 the same fact, -1 its opposite). An opposite relayed from someone
    (`has_speaker`) refutes: the source passes on a speaker's rejection of the fact ("Seven
    people lost their lives, according to the ministry's latest figures"), as `check` reads it
    against the fact relayed (a dispute). Relayed from nobody ("Claim: X" in a fact-check, a
    video that purports to show X), it is a claim under examination and only reports, as a
    relayed, hedged or questioned same fact does."""
    sign = STANCE_SIGN[stance]
    if stance == "reported" and relation < 0 and has_speaker:
        return "refuting"
    if stance != "asserted" and sign >= 0:
        return "reporting"
    return "supporting" if sign * relation > 0 else "refuting"


@dataclass(frozen=True)
class Comparison:
    premise: str
    hypothesis: str
    label: str
    scores: Scores

    def to_dict(self) -> dict[str, Any]:
        return {"label": self.label, "scores": self.scores.as_dict()}


QUICK_START_PAIRS = 100


def prepare_quick_start(config: Config | None = None) -> tuple[Export, ...]:
    """Export the ONNX copies that `compare` and `sources` start from, where there are none
    yet, and say what each is: the embedder's and each cross-encoder's."""
    config = replace(config or Config(), backend="onnx")
    models = build_models(config)
    try:
        embedder = getattr(models.embedder, "inner", models.embedder)
        loaded: list[SentenceTransformerEmbedder | CrossEncoderJudge] = [
            *([embedder] if isinstance(embedder, SentenceTransformerEmbedder) else []),
            *cross_encoders(models.judge)]
        exports = []
        for model in loaded:
            model.load()
            folder = model.onnx_folder()
            if folder is not None:
                exports.append(describe(folder))
    finally:
        models.close()
    return tuple(exports)


def compare_pairs(
    pairs: Sequence[tuple[str, str]], config: Config | None = None, models: Models | None = None
) -> list[Comparison]:
    """Judge (premise, hypothesis) pairs with the same judge `check` uses."""
    config = config or Config()
    # a few pairs: the ONNX copies answer before torch is imported; many: torch is faster
    models = models or build_models(config.for_one_question() if len(pairs) <= QUICK_START_PAIRS
                                    else config)
    probs = models.judge.predict(list(pairs))
    return [Comparison(p, h, LABELS[int(np.argmax(row))], Scores.from_row(row))
            for (p, h), row in zip(pairs, probs, strict=True)]


def read_pairs_file(path: Path) -> list[tuple[str, str]]:
    """Read `{"premise", "hypothesis"}` JSON lines; errors name the file and line."""
    pairs = []
    try:
        lines = path.read_text(encoding="utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: cannot read pairs file: {exc}") from exc
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            pairs.append((str(record["premise"]), str(record["hypothesis"])))
        except (json.JSONDecodeError, KeyError, TypeError) as exc:
            raise InputError(
                f"{path}:{number}: expected a JSON object with 'premise' and 'hypothesis'"
            ) from exc
    return pairs


def list_claims(paths: Sequence[Path | str], max_file_mb: float = 20.0) -> Report:
    """Claims and skipped lines only (no models): the `claims` command."""
    documents = load_documents([Path(p) for p in paths], max_file_mb)
    claims, skipped = extract_all(documents)
    return Report(documents=tuple(documents), claims=tuple(claims), clusters=(),
                  contradictions=(), agreements=(), skipped=tuple(skipped))
