"""``newsgraph train``: train the optional statistical backends on the user's own data."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated as Arg

import typer

from newsgraph.cli import _fail, app, console

train_app = typer.Typer(help="Train optional models on local annotated data.", no_args_is_help=True)
app.add_typer(train_app, name="train")


@train_app.command("ner")
def train_ner(
    conll: Arg[Path, typer.Option("--conll", help="Training file: TOKEN<TAB>IOB2-TAG lines.")],
    out_dir: Arg[Path, typer.Option("--out", help="Folder to save the best model to.")],
    dev: Arg[
        Path | None, typer.Option("--dev", help="Dev file in the same format (picks the epoch).")
    ] = None,
    epochs: Arg[int, typer.Option(help="Most epochs to train.")] = 12,
    patience: Arg[int, typer.Option(help="Stop after this many epochs without dev gain.")] = 4,
    lang: Arg[str, typer.Option(help="Language of the texts (its tokenizer is used).")] = "it",
    seed: Arg[int, typer.Option(help="Random seed (same seed, same data: same model).")] = 0,
    width: Arg[int, typer.Option(help="Token vector width of the CNN.")] = 128,
    rule_features: Arg[
        bool,
        typer.Option(
            help="Give the model the KB's and the rules' mentions as token features "
            "(it learns when to trust them; it then needs them at run time too)."
        ),
    ] = True,
    vectors_from: Arg[
        list[Path] | None,
        typer.Option(
            "--vectors-from",
            help="Unlabelled news (JSONL with a text field, or plain text) to learn word "
            "vectors from (repeatable).",
        ),
    ] = None,
    pretrain_epochs: Arg[
        int,
        typer.Option(
            help="Passes of cloze pretraining of the model's encoder over the --vectors-from "
            "text before it learns names (0: none)."
        ),
    ] = 0,
    pretrain_objective: Arg[
        str, typer.Option(help="What pretraining predicts for a hidden word: vectors|characters.")
    ] = "vectors",
) -> None:
    """Train a spaCy NER model (PER/LOC/ORG or any IOB2 labels) for --ner-model.

    Runs on CPU; prints dev precision, recall and F1 after each epoch."""
    from newsgraph.train import iob
    from newsgraph.train.ner import EpochScore, NerTrainConfig, train
    from newsgraph.train.pretrain import PretrainEpoch

    for path in (conll, dev, *(vectors_from or [])):
        if path is not None and not path.is_file():
            raise _fail(f"no such file: {path}")
    config = NerTrainConfig(
        lang=lang,
        epochs=epochs,
        patience=patience,
        seed=seed,
        width=width,
        rule_features=rule_features,
        pretrain_epochs=pretrain_epochs,
        pretrain_objective=pretrain_objective,
    )

    def report(s: EpochScore) -> None:
        types = "  ".join(f"{k} {v['f']:.3f}" for k, v in sorted(s.per_type.items()))
        console.print(
            f"epoch {s.epoch:>2}  loss {s.loss:9.1f}  dev P {s.precision:.3f} R {s.recall:.3f} "
            f"F1 {s.f1:.3f}  ({types})  {s.seconds:.0f}s",
            highlight=False,
            soft_wrap=True,
        )

    def report_pretrain(p: PretrainEpoch) -> None:
        console.print(
            f"pretrain {p.epoch:>2}  loss {p.loss:9.3f}  {p.words} words  {p.seconds:.0f}s",
            highlight=False,
        )

    try:
        best = train(conll, out_dir, dev, config, report, vectors_from or [], report_pretrain)
    except (iob.IOBError, ValueError) as exc:
        raise _fail(str(exc)) from exc
    console.print(f"best epoch {best.epoch} (dev F1 {best.f1:.3f}) saved to {out_dir}")
