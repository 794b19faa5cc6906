"""The IOB2 reader, detokenization with offsets, and the ``conll`` evaluator's scoring."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from spacy.language import Language
from spacy.tokens import Doc
from typer.testing import CliRunner

from newsgraph.cli import app
from newsgraph.config import Settings
from newsgraph.eval import conll, evaluate_file
from newsgraph.train import iob

SAMPLE = """\
Vertice	O
a	O
Mosca	B-LOC
tra	O
Russia	B-LOC
e	O
Iran	B-LOC

Il	O
presidente	O
Vladimir	B-PER
Putin	I-PER
ha	O
ricevuto	O
l'	O
inviato	O
dell'	O
ONU	B-ORG
a	O
Mosca	B-LOC
.	O

I	O
droni	O
Shahed	O
(	O
"	O
Geran	O
"	O
)	O
sono	O
arrivati	O
da	O
Teheran	B-LOC
.	O

Nuovo	O
accordo	O
firmato	O
a	O
Roma	B-LOC
"""


def _write(tmp_path: Path, text: str = SAMPLE) -> Path:
    path = tmp_path / "sample.tsv"
    path.write_text(text, encoding="utf-8")
    return path


#: Surface forms and newsgraph types the stand-in gazetteer below finds.
STAND_IN = {
    "Russia": "COUNTRY",
    "Iran": "COUNTRY",
    "Vladimir Putin": "PERSON",
    "ONU": "LOCATION",  # wrong type on purpose: an ORG gold span found as LOC
    "Shahed": "MATERIEL",  # not scored
    "Roma": "LOCATION",
    "Nuovo": "PERSON",  # a false hit
    "Teheran": "GROUP",  # not scored: KIND has no class for groups ("l'Occidente")
    "droni": "COUNTRY",  # marked as an adjective mention: not scored
}


@Language.factory("test_conll_gazetteer")
def _gazetteer(nlp: Language, name: str):
    def find(doc: Doc) -> Doc:
        spans = []
        for surface, label in STAND_IN.items():
            start = 0
            while (at := doc.text.find(surface, start)) >= 0:
                span = doc.char_span(at, at + len(surface), label=label)
                if span is not None:
                    span._.rule = "stand-in"
                    span._.attrs = {"form": "adjective"} if surface.islower() else {}
                    spans.append(span)
                start = at + len(surface)
        doc.ents = sorted(spans, key=lambda s: s.start)
        return doc

    return find


def test_reader_spans_and_offsets(tmp_path: Path) -> None:
    sents = iob.read(_write(tmp_path))
    assert [len(s.tokens) for s in sents] == [7, 13, 13, 5]
    second = sents[1]
    assert second.text == "Il presidente Vladimir Putin ha ricevuto l'inviato dell'ONU a Mosca."
    pairs = zip(second.offsets, second.tokens, strict=True)
    assert all(second.text[a:b] == tok for (a, b), tok in pairs)
    assert second.spans() == [(2, 4, "PER"), (9, 10, "ORG"), (11, 12, "LOC")]
    assert [second.text[a:b] for a, b, _ in second.char_spans()] == [
        "Vladimir Putin",
        "ONU",
        "Mosca",
    ]
    assert sents[2].text == 'I droni Shahed ("Geran") sono arrivati da Teheran.'


@pytest.mark.parametrize(
    ("tokens", "text"),
    [
        (["un", "po'", "di", "pane"], "un po' di pane"),
        (["L'", "Italia", ",", "l'", "11", "%"], "L'Italia, l'11%"),
        (["«", "Sì", "»", ",", "ha", "detto", "..."], "«Sì», ha detto..."),
        (["Iran", "'s", "minister", "said", ":", "no"], "Iran's minister said: no"),
    ],
)
def test_detokenized_spacing(tokens: list[str], text: str) -> None:
    sent = iob.detokenize(iob.TaggedSentence(tokens, ["O"] * len(tokens)))
    assert sent.text == text


def test_iob_repairs_and_errors(tmp_path: Path) -> None:
    # An I- tag that does not continue its type opens a span, as CoNLL scorers do.
    assert iob.iob_spans(["I-PER", "I-PER", "I-LOC", "O", "B-ORG", "B-ORG"]) == [
        (0, 2, "PER"),
        (2, 3, "LOC"),
        (4, 5, "ORG"),
        (5, 6, "ORG"),
    ]
    sent = iob.TaggedSentence(["A", "B", "C"], ["I-PER", "I-LOC", "O"])
    assert sent.strict_tags() == ["B-PER", "B-LOC", "O"]
    with pytest.raises(iob.IOBError, match=":2:"):
        iob.read(_write(tmp_path, "Roma\tB-LOC\nMilano\tLOC\n"))


def test_articles_start_at_titles(tmp_path: Path) -> None:
    sents = iob.read(_write(tmp_path))
    assert list(iob.articles(sents)) == [[0, 1, 2], [3]]


def test_scores_exact_spans_by_folded_type(tmp_path: Path) -> None:
    settings = Settings(components=("newsgraph_sentences", "test_conll_gazetteer"), ner_model=None)
    report = conll.evaluate(_write(tmp_path), settings)
    ner = report["layers"]["ner"]
    # Gold: Mosca (twice), Russia, Iran, Teheran, Roma (LOC); Vladimir Putin (PER); ONU (ORG).
    loc = ner["per_type"]["LOC"]
    assert (loc["tp"], loc["fp"], loc["fn"]) == (3, 1, 3)
    per = ner["per_type"]["PER"]
    assert (per["tp"], per["fp"], ner["per_type"]["ORG"]["fn"]) == (1, 1, 1)
    assert (ner["tp"], ner["fp"], ner["fn"]) == (4, 2, 4)
    assert ner["precision"] == round(4 / 6, 4)
    assert ner["unlabelled"]["precision"] == round(5 / 6, 4)
    assert [m["text"] for m in report["misses"]] == ["Mosca", "Mosca", "Teheran", "ONU"]
    hits = {(h["text"], h["label"]) for h in report["false_hits"]}
    assert hits == {("ONU", "LOCATION"), ("Nuovo", "PERSON")}
    nuovo = next(h for h in report["false_hits"] if h["text"] == "Nuovo")
    assert nuovo["sentence"] == 3 and nuovo["context"].startswith("[Nuovo] accordo")


def test_cli_reports_the_ner_layer(tmp_path: Path) -> None:
    gold = _write(tmp_path)
    result = CliRunner().invoke(app, ["eval", str(gold), "--format", "conll", "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["format"] == "conll"
    assert set(report["layers"]["ner"]["per_type"]) == {"PER", "LOC", "ORG"}
    assert evaluate_file(gold)["format"] == "conll"  # sniffed from the .tsv suffix


def test_cli_rejects_a_folder_that_is_no_model(tmp_path: Path) -> None:
    gold = _write(tmp_path)
    result = CliRunner().invoke(app, ["eval", str(gold), "--ner-model", str(tmp_path)])
    assert result.exit_code == 2
