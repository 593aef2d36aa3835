"""claimcheck.cluster: kNN search, candidate pairs and topic clusters on hand-built vectors."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from claimcheck.cluster import (
    candidate_pairs,
    claim_neighbours,
    cluster_claims,
    nearest_neighbours,
    top_k_per_row,
    topics_and_pairs,
    voice_pairs,
)
from claimcheck.models import Claim


def _unit(*rows: list[float]) -> np.ndarray:
    m = np.array(rows, dtype=np.float32)
    return (m / np.linalg.norm(m, axis=1, keepdims=True)).astype(np.float32)


def _claims(n: int, file: str = "a.txt") -> list[Claim]:
    return [Claim(id=f"c{i:010d}", file=file, line=i + 1, end_line=i + 1, start=0, end=1,
                  text=f"claim {i}") for i in range(n)]


# angles 0, 30, 90 and 180 degrees in the plane
V = _unit([1.0, 0.0], [np.cos(np.pi / 6), np.sin(np.pi / 6)], [0.0, 1.0], [-1.0, 0.0])
COS30 = float(np.cos(np.pi / 6))
COS60 = 0.5


def test_nearest_neighbours_exact() -> None:
    sims, idx = nearest_neighbours(V, 2)
    assert sims.dtype == np.float32 and idx.dtype == np.int64
    assert idx.tolist() == [[0, 1], [1, 0], [2, 1], [3, 2]]
    np.testing.assert_allclose(sims, [[1, COS30], [1, COS30], [1, COS60], [1, 0]], atol=1e-6)


def test_nearest_neighbours_k_larger_than_n() -> None:
    sims, idx = nearest_neighbours(V, 10)
    assert sims.shape == idx.shape == (4, 4)
    assert idx[0].tolist() == [0, 1, 2, 3]
    np.testing.assert_allclose(sims[0], [1, COS30, 0, -1], atol=1e-6)
    assert all(sorted(row) == [0, 1, 2, 3] for row in idx.tolist())


def test_nearest_neighbours_with_queries() -> None:
    query = _unit([0.0, -1.0])
    sims, idx = nearest_neighbours(V, 2, queries=query)
    assert idx.shape == (1, 2)
    assert sorted(idx[0].tolist()) == [0, 3]  # both at 90 degrees
    np.testing.assert_allclose(sims[0], [0, 0], atol=1e-6)


@settings(max_examples=200, deadline=None)
@given(data=st.data(), rows=st.integers(1, 6), columns=st.integers(1, 900),
       k=st.integers(1, 12))
def test_top_k_per_row_is_a_full_sort_s_head(data: st.DataObject, rows: int, columns: int,
                                              k: int) -> None:
    """Exact, ties included (few distinct values, -inf slots), whether a sample bounds the
    rows (wide blocks) or not: the first k of each row sorted by value, then column."""
    k = min(k, columns)
    values = (st.sampled_from([-np.inf, -0.5, 0.0, 0.25, 0.5, 0.75, 1.0])
              | st.floats(-1, 1, width=32))
    block = data.draw(arrays(np.float32, (rows, columns), elements=values))
    sims, idx = top_k_per_row(block, k)
    for row in range(rows):
        expected = sorted(range(columns), key=lambda c: (-block[row, c], c))[:k]
        assert idx[row].tolist() == expected
        assert sims[row].tolist() == block[row, expected].tolist()


def test_one_search_gives_both_neighbour_lists() -> None:
    rng = np.random.default_rng(7)
    vectors = rng.standard_normal((1500, 16)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    files = [f"doc{i // 30}.txt" for i in range(len(vectors))]
    both = claim_neighbours(vectors, files, k=10)
    sims, idx = nearest_neighbours(vectors, 11)
    _, groups = np.unique(files, return_inverse=True)
    other_sims, other_idx = nearest_neighbours(vectors, 10, groups=groups.astype(np.int64))
    assert np.array_equal(both.sims, sims) and np.array_equal(both.idx, idx)
    assert np.array_equal(both.other_sims, other_sims)
    assert np.array_equal(both.other_idx, other_idx)

    claims = [Claim(id=f"c{i:010d}", file=f, line=1, end_line=1, start=0, end=1, text="x")
              for i, f in enumerate(files)]
    clusters, topic_of, pairs = topics_and_pairs(claims, vectors, 0.55, 10, 0.45)
    assert (clusters, topic_of) == cluster_claims(claims, vectors, 0.55, 10)
    assert pairs == candidate_pairs(vectors, files, 10, 0.45)


def test_nearest_neighbours_empty() -> None:
    sims, idx = nearest_neighbours(np.zeros((0, 2), dtype=np.float32), 5)
    assert sims.shape == idx.shape == (0, 0)


def test_candidate_pairs_excludes_same_document_and_dedupes() -> None:
    # 0 and 1 share a document (cos30 apart, excluded); 1-2 is cos60, 0-2 is 0, 3 is far
    pairs = candidate_pairs(V, ["a", "a", "b", "c"], k=3, min_similarity=0.4)
    assert [(p.i, p.j) for p in pairs] == [(1, 2)]
    assert pairs[0].similarity == pytest.approx(COS60, abs=1e-6)


def test_own_document_cannot_crowd_out_other_documents() -> None:
    # claims 0-3 are near-copies in one article; 4 (another article) is further from 0
    vectors = _unit([1.0, 0.0], [1.0, 0.01], [1.0, 0.02], [1.0, 0.03], [1.0, 0.9])
    pairs = candidate_pairs(vectors, ["a", "a", "a", "a", "b"], k=2, min_similarity=0.5)
    assert (0, 4) in [(p.i, p.j) for p in pairs]


def test_candidate_pairs_threshold_and_order() -> None:
    pairs = candidate_pairs(V, ["a", "b", "c", "d"], k=3, min_similarity=0.0)
    keys = [(p.i, p.j) for p in pairs]
    assert keys == sorted(set(keys))
    assert (0, 1) in keys and (1, 2) in keys and (0, 2) in keys
    assert (0, 3) not in keys  # similarity -1
    sim = {(p.i, p.j): p.similarity for p in pairs}
    assert sim[(0, 1)] == pytest.approx(COS30, abs=1e-6)
    high = candidate_pairs(V, ["a", "b", "c", "d"], k=3, min_similarity=0.9)
    assert [(p.i, p.j) for p in high] == []
    mid = candidate_pairs(V, ["a", "b", "c", "d"], k=3, min_similarity=0.8)
    assert [(p.i, p.j) for p in mid] == [(0, 1)]


def test_candidate_pairs_small_inputs() -> None:
    assert candidate_pairs(np.zeros((0, 2), dtype=np.float32), []) == []
    assert candidate_pairs(V[:1], ["a"]) == []


def test_cluster_claims_groups_near_identical_and_isolates_outlier() -> None:
    vectors = _unit(
        [1.0, 0.01, 0.0], [1.0, 0.0, 0.01], [1.0, 0.02, 0.0],  # topic A (3)
        [0.0, 1.0, 0.01], [0.01, 1.0, 0.0],                    # topic B (2)
        [0.0, 0.0, 1.0],                                       # outlier
    )
    claims = _claims(6)
    clusters, assignment = cluster_claims(claims, vectors, min_similarity=0.9, k=5)
    assert [len(c.claims) for c in clusters] == [3, 2, 1]
    assert [c.id for c in clusters] == [0, 1, 2]
    assert assignment == [0, 0, 0, 1, 1, 2]
    assert clusters[0].claims == tuple(c.id for c in claims[:3])
    assert clusters[2].claims == (claims[5].id,)
    assert clusters[2].label == claims[5].id
    for cluster in clusters:
        assert cluster.label in cluster.claims
        assert cluster.label_text == next(c.text for c in claims if c.id == cluster.label)


def test_cluster_label_is_the_medoid() -> None:
    # the middle vector is closest on average to the two outer ones
    vectors = _unit([1.0, 0.0], [1.0, 0.1], [1.0, 0.2])
    claims = _claims(3)
    clusters, assignment = cluster_claims(claims, vectors, min_similarity=0.9)
    assert assignment == [0, 0, 0]
    assert clusters[0].label == claims[1].id
    assert clusters[0].label_text == "claim 1"


def test_cluster_ids_ordered_by_size_then_first_claim() -> None:
    vectors = _unit([0.0, 0.0, 1.0], [1.0, 0.0, 0.0], [0.0, 1.0, 0.0], [1.0, 0.01, 0.0])
    clusters, assignment = cluster_claims(_claims(4), vectors, min_similarity=0.9)
    assert [len(c.claims) for c in clusters] == [2, 1, 1]
    assert assignment == [1, 0, 2, 0]


def test_cluster_empty_and_single() -> None:
    assert cluster_claims([], np.zeros((0, 3), dtype=np.float32)) == ([], [])
    (claim,) = _claims(1)
    clusters, assignment = cluster_claims([claim], _unit([1.0, 0.0]))
    assert assignment == [0]
    assert len(clusters) == 1
    assert clusters[0].claims == (claim.id,)
    assert clusters[0].label == claim.id


def test_claims_with_no_close_chain_never_share_a_cluster() -> None:
    # a and c are each close to nothing at 0.9; b and b' are close. Average linkage over the
    # whole kNN graph could pull a far claim into a growing cluster; parts of the graph
    # unconnected at the threshold are clustered apart, so it cannot.
    vectors = _unit([1.0, 0.0], [0.0, 1.0], [0.05, 1.0], [-1.0, 0.2])
    clusters, assignment = cluster_claims(_claims(4), vectors, min_similarity=0.9, k=3)
    assert assignment[1] == assignment[2]
    assert len({assignment[0], assignment[1], assignment[3]}) == 3
    assert [len(c.claims) for c in clusters] == [2, 1, 1]


def test_a_part_over_the_limit_is_cut_where_its_claims_are_closer(
        monkeypatch: pytest.MonkeyPatch) -> None:
    # 0, 10, 20 and 60 degrees: one part at 0.7 (the 20-60 edge is 0.77); cut at 0.8, the
    # 60-degree claim stands apart
    monkeypatch.setattr("claimcheck.cluster.MAX_PART", 3)
    angles = np.radians([0.0, 10.0, 20.0, 60.0])
    vectors = _unit(*[[float(np.cos(a)), float(np.sin(a))] for a in angles])
    clusters, assignment = cluster_claims(_claims(4), vectors, min_similarity=0.7, k=3)
    assert assignment[0] == assignment[1] == assignment[2] != assignment[3]
    assert max(len(c.claims) for c in clusters) <= 3


def test_near_identical_claims_over_the_limit_are_one_cluster(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("claimcheck.cluster.MAX_PART", 2)
    vectors = _unit(*[[1.0, 0.001 * n] for n in range(5)], [0.0, 1.0])
    clusters, assignment = cluster_claims(_claims(6), vectors, min_similarity=0.55, k=5)
    assert assignment == [0, 0, 0, 0, 0, 1]
    assert len(clusters[0].claims) == 5


def test_two_voices_of_one_article_make_a_pair_and_one_voice_does_not() -> None:
    # one article: a monitor's report (line 1), the ministry's denial (line 2), the outlet's
    # own sentence (line 3) and a second claim of the monitor's sentence (line 1 again)
    claims = [
        Claim(id="c0", file="a.txt", line=1, end_line=1, start=0, end=1, text="x",
              speaker="a monitor"),
        Claim(id="c1", file="a.txt", line=2, end_line=2, start=2, end=3, text="y",
              speaker="The ministry"),
        Claim(id="c2", file="a.txt", line=3, end_line=3, start=4, end=5, text="z"),
        Claim(id="c3", file="a.txt", line=1, end_line=1, start=0, end=1, text="w",
              speaker="the Ministry"),
        Claim(id="c4", file="a.txt", line=4, end_line=4, start=6, end=7, text="v",
              speaker="Monitor"),
    ]
    vectors = _unit([1.0, 0.0], [1.0, 0.1], [1.0, 0.2], [1.0, 0.05], [1.0, 0.15])
    neighbours = claim_neighbours(vectors, [c.file for c in claims], k=4)
    pairs = {(p.i, p.j) for p in voice_pairs(claims, neighbours, min_similarity=0.5)}
    assert (0, 1) in pairs and (1, 2) in pairs and (0, 2) in pairs
    assert (0, 3) not in pairs  # one line: a sentence is never a finding against itself
    assert (1, 3) not in pairs  # the ministry twice: one voice, whatever its case
    assert (0, 4) not in pairs  # the monitor twice
    _, _, all_pairs = topics_and_pairs(claims, vectors, 0.55, 4, 0.5)
    assert pairs <= {(p.i, p.j) for p in all_pairs}
