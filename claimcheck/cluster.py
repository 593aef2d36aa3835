"""Topic clusters and candidate pairs from claim vectors (never a full n x n matrix)."""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from claimcheck.models import Claim, Cluster


@dataclass(frozen=True)
class CandidatePair:
    """Two claims close enough to be judged, of different documents or of different voices
    in one document; i < j index the claims."""

    i: int
    j: int
    similarity: float


def nearest_neighbours(
    vectors: npt.NDArray[np.float32], k: int, queries: npt.NDArray[np.float32] | None = None,
    groups: npt.NDArray[np.int64] | None = None,
) -> tuple[npt.NDArray[np.float32], npt.NDArray[np.int64]]:
    """Cosine similarities and indices of the k nearest vectors to each query (or each vector).

    Vectors are L2-normalised, so the search is a chunked dot product: memory stays
    O(chunk x n), whatever n is. With `groups` (one id per vector, queries being the vectors
    themselves), only vectors of other groups count as neighbours; slots that find none
    hold similarity -inf.
    """
    queries = vectors if queries is None else queries
    k = min(k, len(vectors))
    sims = np.zeros((len(queries), k), dtype=np.float32)
    idx = np.zeros((len(queries), k), dtype=np.int64)
    if k == 0:
        return sims, idx
    for start in range(0, len(queries), 1024):
        block = queries[start : start + 1024] @ vectors.T
        if groups is not None:
            block[groups[start : start + len(block), None] == groups[None, :]] = -np.inf
        top_sims, top = top_k_per_row(block, k)
        idx[start : start + len(block)] = top
        sims[start : start + len(block)] = top_sims
    return sims, idx


@dataclass(frozen=True)
class Neighbours:
    """Each claim's nearest claims, found in one search: `k + 1` among all claims (itself
    included: the clusters' kNN graph) and `k` in other documents (the candidate pairs)."""

    sims: npt.NDArray[np.float32]
    idx: npt.NDArray[np.int64]
    other_sims: npt.NDArray[np.float32]
    other_idx: npt.NDArray[np.int64]


def claim_neighbours(vectors: npt.NDArray[np.float32], document_of: Sequence[str],
                     k: int = 10) -> Neighbours:
    """Both neighbour lists of every claim from one chunked dot product: the clusters and
    the candidate pairs read the same similarities, so they are computed once."""
    n = len(vectors)
    _, groups = np.unique(np.asarray(document_of, dtype=object), return_inverse=True)
    groups = groups.astype(np.int64)
    k_all, k_other = min(k + 1, n), min(k, n)
    sims = np.zeros((n, k_all), dtype=np.float32)
    idx = np.zeros((n, k_all), dtype=np.int64)
    other_sims = np.zeros((n, k_other), dtype=np.float32)
    other_idx = np.zeros((n, k_other), dtype=np.int64)
    for start in range(0, n if k_other else 0, 1024):
        block = vectors[start : start + 1024] @ vectors.T
        rows = slice(start, start + len(block))
        sims[rows], idx[rows] = top_k_per_row(block, k_all)
        block[groups[rows, None] == groups[None, :]] = -np.inf
        other_sims[rows], other_idx[rows] = top_k_per_row(block, k_other)
    return Neighbours(sims, idx, other_sims, other_idx)


SAMPLE_STEP = 8  # every 8th column bounds each row's k-th largest from below


def top_k_per_row(block: npt.NDArray[np.float32], k: int
                  ) -> tuple[npt.NDArray[np.float32], npt.NDArray[np.int64]]:
    """The k largest values of each row and their columns, largest first; ties by column.

    Selecting among every column of a wide block costs more than the dot product that made
    it. The k-th largest of every SAMPLE_STEP-th column is at most the row's true k-th
    largest, so the values at or above it hold the row's top k: only those few (about
    SAMPLE_STEP x k a row) are sorted. Exact; ties break towards the lower column.
    """
    rows_n, n = block.shape
    if n >= 64 * k:
        sample = block[:, ::SAMPLE_STEP]
        bound = np.partition(sample, sample.shape[1] - k, axis=1)[:, sample.shape[1] - k]
    else:
        bound = np.partition(block, n - k, axis=1)[:, n - k]
    rows, cols = np.nonzero(block >= bound[:, None])
    values = block[rows, cols]
    order = np.lexsort((cols, -values, rows))
    rows, cols, values = rows[order], cols[order], values[order]
    rank = np.arange(len(rows)) - np.searchsorted(rows, np.arange(rows_n))[rows]
    keep = rank < k
    top_sims = np.empty((rows_n, k), dtype=np.float32)
    top = np.empty((rows_n, k), dtype=np.int64)
    top_sims[rows[keep], rank[keep]] = values[keep]
    top[rows[keep], rank[keep]] = cols[keep]
    return top_sims, top


def candidate_pairs(
    vectors: npt.NDArray[np.float32],
    document_of: Sequence[str],
    k: int = 10,
    min_similarity: float = 0.45,
    neighbours: Neighbours | None = None,
) -> list[CandidatePair]:
    """Pairs of claims from different documents: each claim's k nearest in other documents
    (read from `neighbours` when the search was already made).

    Neighbours from the claim's own document are left out of the search, not filtered after
    it, so an article that repeats itself cannot crowd out its matches in other articles.
    """
    if len(vectors) < 2:
        return []
    if neighbours is None:
        neighbours = claim_neighbours(vectors, document_of, k)
    sims, idx = neighbours.other_sims, neighbours.other_idx
    best: dict[tuple[int, int], float] = {}
    for i in range(len(vectors)):
        for sim, j in zip(sims[i], idx[i], strict=True):
            if sim < min_similarity:  # also the -inf slots of a claim with few others
                continue
            key = (min(i, int(j)), max(i, int(j)))
            best[key] = max(best.get(key, -1.0), float(sim))
    return [CandidatePair(i, j, s) for (i, j), s in sorted(best.items())]


MAX_PART = 2000
PART_STEP = 0.05


def _bounded_parts(edges: tuple[npt.NDArray[np.int64], npt.NDArray[np.int64],
                                npt.NDArray[np.float32]],
                   members: npt.NDArray[np.int64], threshold: float
                   ) -> list[tuple[npt.NDArray[np.int64], bool]]:
    """The parts of `members` joined by edges at `threshold` or above, each of at most
    MAX_PART claims, and whether it is still to be clustered.

    A part over MAX_PART is cut again at a similarity PART_STEP higher, until it fits; a part
    still over MAX_PART when the next step would reach 1.0 is near-identical claims, one
    cluster (False: nothing left to cluster).
    """
    from scipy.sparse import csr_matrix
    from scipy.sparse.csgraph import connected_components

    rows, cols, sims = edges
    local = np.full(int(max(rows.max(), cols.max())) + 1, -1, dtype=np.int64)
    local[members] = np.arange(len(members))
    keep = (sims >= threshold) & (local[rows] >= 0) & (local[cols] >= 0)
    graph = csr_matrix((np.ones(int(keep.sum())), (local[rows[keep]], local[cols[keep]])),
                       shape=(len(members), len(members)))
    n_parts, part_of = connected_components(graph, directed=False)
    order = np.argsort(part_of, kind="stable")
    bounds = np.searchsorted(part_of[order], np.arange(n_parts + 1))
    higher = round(threshold + PART_STEP, 6)
    parts: list[tuple[npt.NDArray[np.int64], bool]] = []
    for part in range(n_parts):
        part_members = members[order[bounds[part]:bounds[part + 1]]]
        if len(part_members) <= MAX_PART:
            parts.append((part_members, len(part_members) > 1))
        elif higher >= 1.0:
            parts.append((part_members, False))
        else:
            parts += _bounded_parts(edges, part_members, higher)
    return parts


def _average_linkage_labels(vectors: npt.NDArray[np.float32], min_similarity: float,
                            neighbours: Neighbours) -> npt.NDArray[np.int64]:
    """Average-linkage cluster labels over the kNN graph, one connected part at a time.

    Each part of the graph whose claims are joined by chains of kNN edges at `min_similarity`
    or above is clustered on its own, so no cluster crosses parts: scikit-learn averages a
    cluster distance over the edges present, and the kNN edges between two parts are all
    below the threshold. Run on the whole graph, scikit-learn first links its disconnected
    pieces with extra edges and then builds the full merge tree past the threshold, merging
    ever larger clusters: most of the work, and all of it for claims with no close neighbour.

    A part of more than MAX_PART claims is first cut where its claims are closer still
    (`_bounded_parts`). Averaging only over the edges present, scikit-learn's merges chain
    through such a part and its merge heap grows faster than the part (48,000 SNLI captions: a
    part of most of them, over 6.5 GB and still clustering after 10 minutes); a topic of
    thousands of claims tells a reader nothing either.
    """
    n = len(vectors)
    labels = np.arange(n, dtype=np.int64)
    if n < 2:
        return labels
    from scipy.sparse import csr_matrix
    from sklearn.cluster import AgglomerativeClustering

    sims, idx = neighbours.sims, neighbours.idx
    rows = np.repeat(np.arange(n), idx.shape[1])
    graph = csr_matrix((np.ones(rows.size), (rows, idx.ravel())), shape=(n, n))
    graph = graph.maximum(graph.T)
    edges = (rows, idx.ravel(), sims.ravel())
    for members, to_cluster in _bounded_parts(edges, np.arange(n), min_similarity):
        if not to_cluster:
            labels[members] = members[0]
            continue
        model = AgglomerativeClustering(
            n_clusters=None, distance_threshold=1.0 - min_similarity, metric="cosine",
            linkage="average", connectivity=graph[members][:, members],
        )
        with warnings.catch_warnings():
            # a part is connected at the threshold, but sklearn checks the graph it is given
            warnings.simplefilter("ignore", UserWarning)
            part_labels = model.fit_predict(vectors[members])
        # each part's clusters named by one of their members: distinct across parts
        first_member: dict[int, int] = {}
        for member, label in zip(members, part_labels, strict=True):
            first_member.setdefault(int(label), int(member))
        labels[members] = [first_member[int(label)] for label in part_labels]
    return labels


def cluster_claims(
    claims: Sequence[Claim],
    vectors: npt.NDArray[np.float32],
    min_similarity: float = 0.55,
    k: int = 10,
    neighbours: Neighbours | None = None,
) -> tuple[list[Cluster], list[int]]:
    """Average-linkage clusters over a sparse kNN graph of each claim's k + 1 nearest (from
    `neighbours` when the search was already made); returns clusters and each claim's id.

    Clusters are numbered by size (largest first), then by their first claim, so ids are
    stable for the same input. Each is labelled by its medoid: the member with the highest
    mean similarity to the others.
    """
    n = len(claims)
    if n == 0:
        return [], []
    if neighbours is None:
        neighbours = claim_neighbours(vectors, [c.file for c in claims], k)
    raw_labels = _average_linkage_labels(vectors, min_similarity, neighbours)
    members: dict[int, list[int]] = {}
    for index, label in enumerate(raw_labels):
        members.setdefault(int(label), []).append(index)
    ordered = sorted(members.values(), key=lambda m: (-len(m), m[0]))
    clusters: list[Cluster] = []
    assignment = [0] * n
    for cluster_id, member_indices in enumerate(ordered):
        block = vectors[member_indices]
        # mean similarity to the members, as one product with their summed vector: a
        # members x members matrix would be n x n for a cluster of most of a large drop
        centrality = block @ (block.sum(axis=0) / len(member_indices))
        # ties (every two-member cluster has one) go to the first member, whatever the rounding
        medoid = member_indices[int(np.flatnonzero(centrality >= centrality.max() - 1e-6)[0])]
        for index in member_indices:
            assignment[index] = cluster_id
        clusters.append(Cluster(
            id=cluster_id, label=claims[medoid].id, label_text=claims[medoid].text,
            claims=tuple(claims[i].id for i in member_indices),
        ))
    return clusters, assignment


def topics_and_pairs(
    claims: Sequence[Claim],
    vectors: npt.NDArray[np.float32],
    cluster_similarity: float = 0.55,
    k: int = 10,
    min_similarity: float = 0.45,
) -> tuple[list[Cluster], list[int], list[CandidatePair]]:
    """Topic clusters, each claim's topic, and the candidate pairs, from one kNN search."""
    neighbours = claim_neighbours(vectors, [c.file for c in claims], k) if len(claims) \
        else None
    clusters, topic_of = cluster_claims(claims, vectors, cluster_similarity, k, neighbours)
    pairs = candidate_pairs(vectors, [c.file for c in claims], k, min_similarity, neighbours)
    if neighbours is not None:  # across documents, and within one: never the same pair
        pairs = sorted([*pairs, *voice_pairs(claims, neighbours, min_similarity)],
                       key=lambda p: (p.i, p.j))
    return clusters, topic_of, pairs


def voice(claim: Claim) -> str:
    """Who a claim speaks for: its speaker, or the outlet itself when it names none ("A
    former aide" and "former aide" are one voice)."""
    words = (claim.speaker or "").casefold().split()
    return " ".join(words[1:] if words[:1] in (["a"], ["an"], ["the"]) else words)


def voice_pairs(claims: Sequence[Claim], neighbours: Neighbours, min_similarity: float = 0.45
                ) -> list[CandidatePair]:
    """Pairs within one article between two voices: "a monitor reported that the army
    withdrew" and, a paragraph on, the ministry's denial are a dispute the article reports.
    Read from each claim's nearest claims among all (its own article's included); claims
    sharing a line are left out (a sentence is never a finding against itself), and so are
    two claims of one voice."""
    found: dict[tuple[int, int], float] = {}
    for i, (row_sims, row_idx) in enumerate(zip(neighbours.sims, neighbours.idx, strict=True)):
        for sim, j in zip(row_sims, row_idx, strict=True):
            j = int(j)
            a, b = claims[i], claims[j]
            if sim < min_similarity or j == i or a.file != b.file \
                    or (a.line <= b.end_line and b.line <= a.end_line) or voice(a) == voice(b):
                continue
            key = (min(i, j), max(i, j))
            found[key] = max(found.get(key, -1.0), float(sim))
    return [CandidatePair(i, j, s) for (i, j), s in sorted(found.items())]
