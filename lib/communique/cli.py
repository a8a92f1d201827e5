"""The `communique` command: `read` statements, `run` notebooks.

Exit status: 0 when everything worked, 1 when some files were skipped or some notebooks
failed, 2 on usage errors (and, with `read --strict`, at the first problem).
"""
from __future__ import annotations

import argparse
import sys
import warnings
from pathlib import Path

from .export import write_csv, write_jsonl
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
        return _read(args) if args.command == "read" else _run(args)
    except (RunError, UsageError) as err:
        print(f"communique {args.command}: {err}", file=sys.stderr)
        return USAGE
    except BrokenPipeError:  # e.g. `communique read ... | head`: the reader stopped listening
        sys.stderr.close()
        return OK


if __name__ == "__main__":
    sys.exit(main())
