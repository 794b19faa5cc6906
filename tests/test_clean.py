"""Cleaning marks every line with a kind and deletes nothing.

The articles here are written for these tests (Italian and English, news-like, with the
furniture scraped pages carry); none is taken from the seeds.
"""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsgraph.clean import CONTENT_KINDS, KINDS, mark
from newsgraph.clean.cues import CueError, load
from newsgraph.model import Article, article_id_for

ITALIAN = "\n".join([
    "Esteri",
    "",
    "Teheran e Mosca rafforzano la cooperazione militare",
    "di Chiara Neri",
    "martedì 4 marzo 2025, 18:40",
    "",
    "Il ministro della Difesa iraniano è atterrato ieri a Mosca per due giorni di colloqui"
    " con i vertici militari russi, ha riferito l'agenzia Tasnim.",
    "Sul tavolo ci sono forniture di radar e la manutenzione di elicotteri da trasporto.",
    "Facebook X WhatsApp Email",
    "Le reazioni in Europa",
    "Bruxelles ha chiesto chiarimenti e ha convocato l'ambasciatore iraniano.",
    "Il ministro iraniano saluta i giornalisti all'aeroporto di Vnukovo, 3 marzo 2025"
    " (Foto: Ivan Petrov/Sputnik)",
    "Per ricevere ogni mattina le notizie dal mondo,",
    "iscriviti alla newsletter gratuita",
    "Un nuovo incontro è previsto entro l'estate a Teheran.",
    "Leggi anche:",
    "Droni iraniani, nuove accuse da Kiev",
    "Il Cremlino smentisce la vendita di caccia",
    "© Riproduzione riservata",
    "",
])

ENGLISH = "\n".join([
    "World",
    "",
    "Iranian delegation arrives in Moscow for defence talks",
    "By Peter Hall",
    "Updated 2 hours ago",
    "",
    "An Iranian military delegation arrived in Moscow on Tuesday for talks on radar supplies,"
    " state media said.",
    "The talks are expected to last two days.",
    "Iranian officials walk past a honour guard at Vnukovo airport on March 3, 2025."
    " (AP Photo/Olga Smirnova)",
    "Advertisement",
    "What the deal could mean",
    "Western diplomats said they were watching the visit closely.",
    "Pictured: a transport helicopter at an air show near Moscow",
    "Sign up for our morning briefing",
    "Get the day's top stories delivered to your inbox",
    "Related stories",
    "Kremlin denies fighter jet sale",
    "Share this article",
    "We use cookies to personalise content. Accept all",
    "",
])


def article(text: str, **fields: object) -> Article:
    a = Article(id=article_id_for(text), text=text, raw=text, origin="<test>")
    for key, value in fields.items():
        setattr(a, key, value)
    return a


def kinds_by_text(text: str, **fields: object) -> dict[str, str]:
    return {s.text: s.kind for s in mark(article(text, **fields))}


def by_text(text: str) -> dict[str, object]:
    return {s.text: s for s in mark(article(text))}


def test_one_span_per_non_empty_line_with_exact_offsets():
    a = article("  Titolo di prova senza punto  \n\n\tIl testo comincia qui. \r\nFine.\n")
    before = a.text
    spans = mark(a)
    assert a.text == before
    assert [s.text for s in spans] == [
        "Titolo di prova senza punto",
        "Il testo comincia qui.",
        "Fine.",
    ]
    for s in spans:
        assert a.text[s.start : s.end] == s.text
        assert s.kind in KINDS and s.rule.startswith("clean.")
        assert s.article_id == a.id
    assert len({s.id for s in spans}) == len(spans)


def test_italian_page_furniture():
    kinds = kinds_by_text(ITALIAN)
    assert kinds["Esteri"] == "section_label"
    assert kinds["Teheran e Mosca rafforzano la cooperazione militare"] == "title"
    assert kinds["di Chiara Neri"] == "byline"
    assert kinds["martedì 4 marzo 2025, 18:40"] == "dateline"
    assert kinds["Facebook X WhatsApp Email"] == "share"
    assert kinds["Le reazioni in Europa"] == "subheading"
    assert kinds["Per ricevere ogni mattina le notizie dal mondo,"] == "newsletter"
    assert kinds["iscriviti alla newsletter gratuita"] == "newsletter"
    assert kinds["Leggi anche:"] == "related"
    assert kinds["Droni iraniani, nuove accuse da Kiev"] == "related"
    assert kinds["Il Cremlino smentisce la vendita di caccia"] == "related"
    assert kinds["© Riproduzione riservata"] == "copyright"
    body = [t for t, k in kinds.items() if k == "body"]
    assert body == [
        "Il ministro della Difesa iraniano è atterrato ieri a Mosca per due giorni di colloqui"
        " con i vertici militari russi, ha riferito l'agenzia Tasnim.",
        "Sul tavolo ci sono forniture di radar e la manutenzione di elicotteri da trasporto.",
        "Bruxelles ha chiesto chiarimenti e ha convocato l'ambasciatore iraniano.",
        "Un nuovo incontro è previsto entro l'estate a Teheran.",
    ]


def test_english_page_furniture():
    kinds = kinds_by_text(ENGLISH)
    assert kinds["World"] == "section_label"
    assert kinds["Iranian delegation arrives in Moscow for defence talks"] == "title"
    assert kinds["By Peter Hall"] == "byline"
    assert kinds["Updated 2 hours ago"] == "dateline"
    assert kinds["Advertisement"] == "ad"
    olga = "Iranian officials walk past a honour guard at Vnukovo airport on March 3, 2025."
    assert kinds[olga + " (AP Photo/Olga Smirnova)"] == "caption"
    assert kinds["What the deal could mean"] == "subheading"
    assert kinds["Pictured: a transport helicopter at an air show near Moscow"] == "caption"
    assert kinds["Sign up for our morning briefing"] == "newsletter"
    assert kinds["Get the day's top stories delivered to your inbox"] == "newsletter"
    assert kinds["Related stories"] == "related"
    assert kinds["Kremlin denies fighter jet sale"] == "related"
    assert kinds["Share this article"] == "share"
    assert kinds["We use cookies to personalise content. Accept all"] == "cookie"


def test_dateline_and_caption_carry_their_dates():
    spans = by_text(ITALIAN)
    assert spans["martedì 4 marzo 2025, 18:40"].attrs["date"] == "2025-03-04"
    caption = spans[
        "Il ministro iraniano saluta i giornalisti all'aeroporto di Vnukovo, 3 marzo 2025 "
        "(Foto: Ivan Petrov/Sputnik)"
    ]
    assert caption.kind == "caption"
    assert caption.attrs["credits"] == ["Ivan Petrov", "Sputnik"]
    assert caption.attrs["date"] == "2025-03-03"
    credit = ITALIAN[caption.attrs["credit_start"] : caption.attrs["credit_end"]]
    assert credit == "Foto: Ivan Petrov/Sputnik"


def test_a_title_found_in_the_text_becomes_the_article_title():
    a = article(ITALIAN)
    mark(a)
    assert a.title == "Teheran e Mosca rafforzano la cooperazione militare"


def test_metadata_title_is_the_title_line_and_is_kept():
    text = "Mondo\nL'Iran annuncia nuove esercitazioni.\nLe manovre dureranno tre giorni.\n"
    a = article(text, title="L’Iran annuncia nuove esercitazioni")
    kinds = {s.text: s.kind for s in mark(a)}
    assert kinds["L'Iran annuncia nuove esercitazioni."] == "title"
    assert kinds["Mondo"] == "section_label"
    assert a.title == "L’Iran annuncia nuove esercitazioni"


def test_text_that_starts_with_a_sentence_has_no_title():
    text = (
        "Il portavoce del governo ha confermato ieri l'incontro tra i due ministri.\n"
        "La data non è stata ancora fissata.\n"
    )
    a = article(text)
    assert {s.kind for s in mark(a)} == {"body"}
    assert a.title is None


def test_a_lone_line_is_body_not_a_title():
    a = article("Una sola riga senza punto finale che racconta un fatto")
    assert [s.kind for s in mark(a)] == ["body"]
    assert a.title is None


def test_short_lines_in_a_list_are_not_labels():
    items = [f"Delegazione {c}" for c in "ABCDEFGH"]
    text = "\n".join(["Elenco delle delegazioni presenti", *items])
    kinds = kinds_by_text(text)
    assert set(kinds.values()) <= CONTENT_KINDS


def test_boilerplate_in_another_language_than_the_article():
    text = (
        "Il vertice si è concluso con una dichiarazione comune dei due presidenti.\n"
        "Related News :\n"
        "Altre sanzioni in arrivo contro le banche russe\n"
    )
    kinds = kinds_by_text(text)
    assert kinds["Related News :"] == "related"
    assert kinds["Altre sanzioni in arrivo contro le banche russe"] == "related"


def test_cue_words_inside_long_paragraphs_stay_text():
    text = (
        "Il garante della privacy ha multato il sito di un ministero perché utilizzava i cookie "
        "di profilazione senza il consenso degli utenti, e ha chiesto di aggiornare subito "
        "l'informativa sulla privacy pubblicata nella pagina dei termini di utilizzo del portale.\n"
    )
    assert kinds_by_text(text) == {text.strip(): "body"}


def test_a_headline_under_a_related_header_at_the_top_is_still_the_title():
    text = "Leggi anche\nMosca e Teheran firmano un accordo sul gas\nL'intesa vale miliardi.\n"
    kinds = kinds_by_text(text)
    assert kinds["Leggi anche"] == "related"
    assert kinds["Mosca e Teheran firmano un accordo sul gas"] == "title"


def test_questions_and_exclamations_between_paragraphs_are_body():
    text = (
        "Il negoziato è fermo da mesi, secondo fonti diplomatiche europee.\n"
        "Che cosa succederà adesso?\n"
        "Nessuno lo sa con certezza, ammettono a Bruxelles.\n"
    )
    assert kinds_by_text(text)["Che cosa succederà adesso?"] == "body"


def test_every_shipped_cue_compiles_and_bad_cues_are_refused(monkeypatch):
    cues = load()
    assert cues.phrases.by_first and cues.agencies
    from newsgraph import lexicon

    real = lexicon.load

    def fake(lang: str, name: str) -> dict[str, object]:
        if name == "clean":
            return {"boilerplate": {"ad": ["sponsor(izzato)?"]}}
        return real(lang, name)

    monkeypatch.setattr(lexicon, "load", fake)
    with pytest.raises(CueError, match="regex syntax"):
        load(("xx",))


@pytest.mark.parametrize(
    "text",
    [
        "",
        "\n\n\n",
        "x" * 300_000,
        "parola " * 50_000,
        "(" * 5000 + ")" * 5000,
        ("Foto: " * 40 + "\n") * 50,
        ("A/" * 99 + "\n") * 20,
        ("1 gennaio " * 30 + "2025\n") * 20,
        "\x00\x01\x02\ufffd\udcff binary \x7f\n" * 10,
    ],
)
def test_never_fails_on_hostile_text(text):
    # Lone surrogates cannot be hashed into an id; cleaning must cope with them anyway.
    a = Article(id="hostile", text=text, raw=text, origin="<test>")
    spans = mark(a)
    assert all(text[s.start : s.end] == s.text for s in spans)
    assert len(spans) == sum(1 for line in text.split("\n") if line.strip())


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=400))
def test_spans_cover_exactly_the_non_empty_lines(text):
    spans = mark(Article(id="any", text=text, raw=text, origin="<test>"))
    assert [s.text for s in spans] == [line.strip() for line in text.split("\n") if line.strip()]
    assert all(text[s.start : s.end] == s.text for s in spans)


def test_real_wikinews_body_is_not_marked_as_boilerplate(shared):
    path = shared / "corpus" / "kind_wikinews_it.jsonl"
    if not path.is_file():
        pytest.skip("no Wikinews corpus")
    lines = non_content = 0
    with path.open(encoding="utf-8") as fh:
        for i, row in enumerate(fh):
            if i >= 300:
                break
            doc = json.loads(row)
            spans = mark(article(doc["text"], title=doc.get("title")))
            lines += len(spans)
            non_content += sum(s.kind not in CONTENT_KINDS for s in spans)
    assert lines > 1000
    assert non_content / lines < 0.005


def test_captions_listed_by_the_page_markup_are_captions():
    text = (
        "Il ministro ha lasciato Teheran all’alba per raggiungere Mosca in aereo.\n"
        "La delegazione all’aeroporto prima della partenza\n"
        "I colloqui cominceranno domani mattina al Cremlino.\n"
    )
    a = article(text, meta={"captions": ["La delegazione  all’aeroporto prima della partenza"]})
    kinds = {s.text: (s.kind, s.rule) for s in mark(a)}
    assert kinds["La delegazione all’aeroporto prima della partenza"] == (
        "caption", "clean.caption.markup")


def test_a_weak_caption_opener_needs_a_date_or_a_credit():
    kinds = kinds_by_text(
        "Il centro di ricerca è stato ampliato negli ultimi due anni, dicono i tecnici.\n"
        "Una foto del 2 marzo 2025 mostra il cantiere dall'alto\n"
        "Una foto ha fatto il giro dei social, ma nessuno ne conosce l'origine.\n"
    )
    assert kinds["Una foto del 2 marzo 2025 mostra il cantiere dall'alto"] == "caption"
    assert kinds["Una foto ha fatto il giro dei social, ma nessuno ne conosce l'origine."] == "body"
