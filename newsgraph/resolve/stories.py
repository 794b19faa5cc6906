"""Stories: articles about the same developing news, found incrementally.

Each article is a sparse vector of its actors (entity ids, weighted higher: two articles
about Putin and Pezeshkian are more likely one story than two articles that both say
"sanzioni") and its content terms, weighted by inverse document frequency. Articles
arrive in publication order; each joins the most similar story that was active within a
time window, or starts a new one. An inverted index from features to stories keeps each
assignment proportional to the article's features, not to the number of stories, so
clustering stays linear in the corpus and can resume on a store that already has stories.
Near-duplicates always join the story of the article they copy.
"""

from __future__ import annotations

import heapq
import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

from newsgraph.lexicon import stop_words
from newsgraph.model import stable_id

#: Similarity from which an article joins a story.
JOIN_THRESHOLD = 0.22
#: A story accepts articles published up to this many days after its last article.
WINDOW_DAYS = 7
#: Actors say more about what a story is than words do.
ENTITY_WEIGHT = 2.0
MAX_TERMS = 40
#: A feature in more stories than this does not propose candidates (see _dots).
MAX_POSTINGS = 100
#: Features of an article that propose stories (its rarest ones).
PROPOSING_FEATURES = 12
#: Stories scored in full for one article, the closest on its rarer features.
TOP_CANDIDATES = 25
MIN_TERM_CHARS = 4

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


def terms(text: str, lang: str | None) -> Counter[str]:
    """Content words of a text with their counts, at most ``MAX_TERMS`` of them."""
    stops = stop_words(lang or "xx")
    counts = Counter(
        w
        for w in (m.group().casefold() for m in _WORD.finditer(text))
        if len(w) >= MIN_TERM_CHARS and w not in stops
    )
    return Counter(dict(counts.most_common(MAX_TERMS)))


@dataclass
class ArticleFeatures:
    id: str
    published: date | None
    features: Counter[str]
    duplicate_of: str | None = None


def features_for(
    article_id: str,
    text: str,
    lang: str | None,
    entity_ids: Iterable[str],
    published: date | None,
) -> ArticleFeatures:
    feats: Counter[str] = Counter({f"t:{t}": n for t, n in terms(text, lang).items()})
    for eid in entity_ids:
        feats[f"e:{eid}"] += 1
    return ArticleFeatures(article_id, published, feats)


@dataclass
class StoryState:
    id: str
    centroid: defaultdict[str, float] = field(default_factory=lambda: defaultdict(float))
    members: list[str] = field(default_factory=list)
    first: date | None = None
    last: date | None = None
    #: Squared length of the centroid, kept up to date so scoring never re-sums it.
    norm2: float = 0.0

    def add(self, art: ArticleFeatures, weights: dict[str, float]) -> None:
        self.members.append(art.id)
        for f, w in weights.items():
            old = self.centroid[f]
            self.centroid[f] = old + w
            self.norm2 += (old + w) * (old + w) - old * old
        if art.published:
            self.first = min(filter(None, (self.first, art.published)))
            self.last = max(filter(None, (self.last, art.published)))


class StoryClusterer:
    """Single-pass clustering with document frequencies updated as articles arrive."""

    def __init__(
        self,
        threshold: float = JOIN_THRESHOLD,
        window_days: int = WINDOW_DAYS,
        document_frequency: Counter[str] | None = None,
        documents: int = 0,
    ) -> None:
        self.threshold = threshold
        self.window = timedelta(days=window_days)
        self.df: Counter[str] = document_frequency or Counter()
        self.n_docs = documents
        self.stories: dict[str, StoryState] = {}
        self.story_of: dict[str, str] = {}
        self.postings: dict[str, set[str]] = defaultdict(set)
        #: Stories that resumed an earlier story after its window closed -> thread id.
        self.thread_of: dict[str, str] = {}

    def weights(self, art: ArticleFeatures) -> dict[str, float]:
        out = {}
        for f, n in art.features.items():
            idf = math.log((1 + self.n_docs) / (1 + self.df[f])) + 1.0
            w = (1 + math.log(n)) * idf * (ENTITY_WEIGHT if f.startswith("e:") else 1.0)
            out[f] = w
        norm = math.sqrt(sum(w * w for w in out.values())) or 1.0
        return {f: w / norm for f, w in out.items()}

    def _active(self, story: StoryState, when: date | None) -> bool:
        if when is None or story.last is None:
            return True
        return story.last - self.window <= when <= story.last + self.window or (
            story.first is not None and story.first <= when <= story.last
        )

    def _dots(self, weights: dict[str, float]) -> dict[str, float]:
        """Dot products of the article with the stories most likely to hold it.

        Candidates come from the article's ``PROPOSING_FEATURES`` rarest features that
        at most ``MAX_POSTINGS`` stories share: a feature many stories share
        ("carabinieri", Italy) cannot on its own lift a story over the threshold, and
        following it would make every article meet every story. The
        ``TOP_CANDIDATES`` stories those features bring closest are then scored on all
        the article's features, so the cost of an article does not grow with the corpus.
        """
        shared = sorted(
            ((len(p), f) for f in weights if (p := self.postings.get(f))), key=lambda x: x
        )
        partial: defaultdict[str, float] = defaultdict(float)
        for size, f in shared[:PROPOSING_FEATURES]:
            if size > MAX_POSTINGS:
                break
            w = weights[f]
            for sid in self.postings[f]:
                partial[sid] += w * self.stories[sid].centroid[f]
        top = heapq.nlargest(TOP_CANDIDATES, partial.items(), key=lambda kv: (kv[1], kv[0]))
        dots = {}
        for sid, _ in top:
            centroid = self.stories[sid].centroid
            dots[sid] = sum(w * centroid.get(f, 0.0) for f, w in weights.items())
        return dots

    def _best(
        self, weights: dict[str, float], when: date | None
    ) -> tuple[str | None, float, str | None]:
        """The most similar active story with its score, and the most similar story that
        is over the threshold but no longer active (the thread this article resumes)."""
        best, best_score = None, 0.0
        earlier, earlier_score = None, self.threshold
        for sid, dot in self._dots(weights).items():
            story = self.stories[sid]
            score = dot / (math.sqrt(story.norm2) or 1.0)
            if not self._active(story, when):
                if score >= earlier_score:
                    earlier, earlier_score = sid, score
                continue
            if score > best_score or (score == best_score and best is not None and sid < best):
                best, best_score = sid, score
        return best, best_score, earlier

    def add(self, art: ArticleFeatures, story_id: str | None = None) -> str:
        """Assign ``art`` to a story (``story_id`` forces one, as when resuming). A new
        story that resumes one whose window has closed joins that story's thread."""
        if art.id in self.story_of:
            return self.story_of[art.id]
        self.n_docs += 1
        self.df.update(art.features.keys())
        weights = self.weights(art)
        if story_id is None and art.duplicate_of in self.story_of:
            story_id = self.story_of[art.duplicate_of]
        earlier = None
        if story_id is None:
            best, score, earlier = self._best(weights, art.published)
            story_id = best if best is not None and score >= self.threshold else None
        if story_id is None:
            story_id = stable_id("story", art.id)
            if earlier is not None:
                self.thread_of[story_id] = self.thread(earlier)
        story = self.stories.setdefault(story_id, StoryState(story_id))
        story.add(art, weights)
        for f in weights:
            self.postings[f].add(story_id)
        self.story_of[art.id] = story_id
        return story_id

    def thread(self, story_id: str) -> str:
        """The thread a story belongs to: the id of the first story of the thread."""
        return self.thread_of.get(story_id, story_id)


def label(centroid: dict[str, float], names: dict[str, str], size: int = 4) -> str:
    """A short human label: the story's heaviest actors, then its heaviest terms."""
    total = Counter(centroid)
    actors = [names.get(f[2:], f[2:]) for f, _ in total.most_common() if f.startswith("e:")]
    words = [f[2:] for f, _ in total.most_common() if f.startswith("t:")]
    return ", ".join((actors[:size] + words)[:size])
