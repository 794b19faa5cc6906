from collections import Counter
from datetime import date
from pathlib import Path

from newsgraph import job
from newsgraph.eval import evaluate_file
from newsgraph.eval.clusters import bcubed, pairwise
from newsgraph.resolve import crossdoc, duplicates, stories

DATA = Path(__file__).parent / "data" / "stories"

BASE = (
    "La Guardia di Finanza ha sequestrato nel porto di Genova tre tonnellate di merce "
    "contraffatta proveniente dalla Cina. Due persone sono state denunciate per "
    "contraffazione e ricettazione. Le indagini proseguono per individuare i destinatari."
)


def test_near_duplicates_are_found_and_different_texts_are_not():
    index = duplicates.DuplicateIndex()
    assert index.add("a", duplicates.signature(BASE)) == []
    copy = index.add("b", duplicates.signature(BASE + " (ANSA)"))
    assert copy and copy[0][0] == "a" and copy[0][1] >= duplicates.THRESHOLD
    other = "Sciopero nazionale dei treni proclamato per venerdì dai sindacati dei trasporti."
    assert index.add("c", duplicates.signature(other)) == []
    assert duplicates.signature("") is None


def test_signatures_survive_a_round_trip_through_storage():
    sig = duplicates.signature(BASE)
    again = duplicates.from_values(int(v) for v in sig.hashvalues)
    assert again.jaccard(sig) == 1.0


def _feat(aid, day, *features):
    return stories.ArticleFeatures(aid, date(2026, 1, day) if day else None, Counter(features))


def test_articles_sharing_actors_join_one_story_within_the_window():
    c = stories.StoryClusterer()
    a = c.add(_feat("a", 1, "e:IRN", "e:RUS", "t:trattato", "t:firma"))
    b = c.add(_feat("b", 2, "e:IRN", "e:RUS", "t:trattato", "t:visita"))
    far = c.add(_feat("c", 28, "e:IRN", "e:RUS", "t:trattato", "t:firma"))
    other = c.add(_feat("d", 2, "e:ITA", "t:maratona", "t:roma"))
    assert a == b
    assert far != a  # same actors a month later: a new story
    assert other not in {a, far}


def test_story_ids_are_stable_and_resuming_keeps_assignments():
    first = stories.StoryClusterer()
    sid = first.add(_feat("a", 1, "e:X", "t:uno"))
    resumed = stories.StoryClusterer()
    assert resumed.add(_feat("a", 1, "e:X", "t:uno"), story_id=sid) == sid
    assert resumed.add(_feat("b", 1, "e:X", "t:uno")) == sid


def test_label_prefers_actor_names():
    centroid = {"e:q1": 2.0, "t:trattato": 1.5, "t:firma": 1.0}
    assert stories.label(centroid, {"q1": "Iran"}, size=2) == "Iran, trattato"


def test_bcubed_and_pairwise_on_a_known_grouping():
    gold = {"a": "1", "b": "1", "c": "2", "d": "2"}
    assert bcubed(gold, gold) == (1.0, 1.0, 1.0)
    pred = {"a": "x", "b": "x", "c": "x", "d": "y"}
    p, r, f = bcubed(pred, gold)
    assert 0 < f < 1
    assert round(p, 4) == round((2 / 3 + 2 / 3 + 1 / 3 + 1) / 4, 4)
    assert round(r, 4) == round((1 + 1 + 0.5 + 0.5) / 4, 4)
    pairs = pairwise(pred, gold)
    assert (pairs.tp, pairs.fp, pairs.fn) == (1, 2, 1)


def test_crossdoc_update_is_incremental_and_idempotent(store, tmp_path):
    (tmp_path / "a.txt").write_text(BASE, encoding="utf-8")
    (tmp_path / "b.txt").write_text(BASE + " (ANSA)", encoding="utf-8")
    job.run([str(tmp_path / "a.txt")], store)
    first = crossdoc.update(store)
    assert (first.articles, first.stories) == (1, 1)
    job.run([str(tmp_path / "b.txt")], store)
    second = crossdoc.update(store)
    assert (second.articles, second.stories, second.duplicates) == (1, 1, 1)
    assert crossdoc.update(store).articles == 0
    story = store.rows("SELECT article_ids FROM stories")
    assert len(story) == 1 and len(story[0]["article_ids"]) == 2
    a_id = store.rows("SELECT article_id FROM story_articles ORDER BY article_id")[0]
    related = crossdoc.related(store, a_id["article_id"])
    # the two texts share every term and entity, so the one related article scores at least 1
    assert len(related) == 1 and related[0]["score"] >= 1.0


def test_clusters_gold_is_scored():
    report = evaluate_file(DATA / "stories.gold.json")
    layer = report["layers"]["stories"]
    assert report["format"] == "clusters"
    assert layer["articles"] == 12 and layer["unassigned"] == []
    assert layer["bcubed_f1"] >= 0.8, report
