"""annotate(): tidy tables with offsets, the cache, saved pipelines, processes, CLI output, the HTML view."""
from __future__ import annotations

import json
import subprocess
import sys

import pandas as pd
import pytest

import communique
from communique.annotating import annotate
from communique.cache import AnnotationCache
from communique.cli import main
from communique.codebook import LABELS
from communique.pipeline import build_pipeline, fingerprint
from communique.rendering import annotated_html
from conftest import ROOT

SAMPLE = ROOT / "data" / "sample"


@pytest.fixture(scope="module")
def corpus():
    return communique.read(SAMPLE)


@pytest.fixture(scope="module")
def annotations(corpus, nlp):
    return annotate(corpus, nlp)


def test_every_row_points_back_to_its_words(corpus, annotations):
    texts = dict(zip(corpus["id"], corpus["text"]))
    for name in ("actors", "quotes", "acts", "sentences"):
        table = getattr(annotations, name)
        assert len(table) and set(table["id"]) <= set(texts)
        for row in table.itertuples():
            assert texts[row.id][row.start:row.end] == row.text, (name, row)
    assert set(annotations.sentences["voice"]) <= {"direct", "reported", "narration", "heading"}
    assert annotations.acts["act"].isin(LABELS).all()


def test_tables_are_in_corpus_order(corpus, annotations):
    order = {sid: i for i, sid in enumerate(corpus["id"])}
    positions = annotations.acts["id"].map(order)
    assert positions.is_monotonic_increasing


def test_warm_cache_gives_the_same_tables_without_parsing(corpus, nlp, tmp_path, annotations):
    cache = AnnotationCache(tmp_path, nlp)
    cold = annotate(corpus, nlp, cache=cache)
    assert (cache.hits, cache.misses) == (0, len(corpus))
    warm_cache = AnnotationCache(tmp_path, nlp)
    warm = annotate(corpus, nlp, cache=warm_cache)
    assert (warm_cache.hits, warm_cache.misses) == (len(corpus), 0)
    for name in ("actors", "quotes", "acts", "sentences"):
        pd.testing.assert_frame_equal(getattr(cold, name), getattr(warm, name))
        pd.testing.assert_frame_equal(getattr(cold, name), getattr(annotations, name))


def test_changed_gazetteer_changes_the_fingerprint(nlp, tmp_path):
    extra = tmp_path / "extra.yaml"
    extra.write_text("organisations:\n  - {code: NORL, name: Norland, aliases: [Norland]}\n", encoding="utf-8")
    with_extra = build_pipeline(gazetteer=[extra])
    assert fingerprint(with_extra) != fingerprint(nlp)
    extra.write_text("organisations:\n  - {code: NORL, name: Norland, aliases: [Norland, Nordhavn]}\n", encoding="utf-8")
    assert fingerprint(build_pipeline(gazetteer=[extra])) != fingerprint(with_extra)


def test_saved_pipeline_loads_in_a_fresh_process(nlp, tmp_path):
    nlp.to_disk(tmp_path / "pipeline")
    code = ("import spacy, sys; nlp = spacy.load(sys.argv[1]); "
            "from communique.pipeline import make_doc; "
            "doc = nlp(make_doc(nlp, 'Wang urged restraint on both India and Pakistan.', date='2025-04-28')); "
            "print(nlp.pipe_names[-3:], [a['act'] for a in doc._.cq_acts])")
    done = subprocess.run([sys.executable, "-c", code, str(tmp_path / "pipeline")], capture_output=True, text=True,
                          check=False, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "['communique_actors', 'communique_quotes', 'communique_acts'] ['APPEAL_RESTRAINT']" in done.stdout


def test_two_processes_give_identical_results(corpus, nlp, annotations):
    parallel = annotate(corpus, nlp, n_process=2, batch_size=2)
    for name in ("actors", "quotes", "acts", "sentences"):
        pd.testing.assert_frame_equal(getattr(parallel, name), getattr(annotations, name))


def test_cli_jsonl_has_the_documented_shape(capsys, tmp_path):
    assert main(["annotate", str(SAMPLE), "--no-cache"]) == 0
    records = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert len(records) == 9
    for record in records:
        assert {"path", "id", "date", "title", "actors", "quotes", "acts"} <= set(record)
        for quote in record["quotes"]:
            assert {"text", "start", "end", "speaker", "speaker_actor", "cue", "kind"} <= set(quote)
            assert quote["kind"] in ("direct", "reported")
        for act in record["acts"]:
            assert {"text", "start", "end", "act", "source_actor", "target_actors", "intensity", "negated"} <= set(act)
            assert isinstance(act["target_actors"], list) and 1 <= act["intensity"] <= 4


def test_cli_tables_and_usage_errors(capsys, tmp_path):
    assert main(["annotate", str(SAMPLE), "--format", "parquet", "-o", str(tmp_path), "--cache", str(tmp_path / "c")]) == 0
    acts = pd.read_parquet(tmp_path / "acts.parquet")
    assert len(acts) > 20 and list(acts["target_actors"].iloc[0]) is not None
    assert main(["annotate", str(SAMPLE), "--format", "csv"]) == 2
    assert "give a folder with -o" in capsys.readouterr().err


HOSTILE = '<script>alert(1)</script><img src=x onerror=alert(2)>'


def test_annotated_view_escapes_statement_and_gazetteer_text(tmp_path):
    extra = tmp_path / "hostile.yaml"
    extra.write_text(f"organisations:\n  - {{code: '<b>X</b>', name: '{HOSTILE}', aliases: [Norland]}}\n"
                     f"people:\n  - {{name: '{HOSTILE}', actor: '<b>X</b>', aliases: [Anna Berg]}}\n", encoding="utf-8")
    nlp = build_pipeline(gazetteer=[extra])
    statement = pd.Series({"id": "<i>id</i>", "title": HOSTILE, "date": pd.Timestamp("2025-04-30"), "publisher": HOSTILE,
                           "speaker": "", "kind": "", "text": f'Anna Berg of Norland said "{HOSTILE}" and condemned it.',
                           "blocks": None})
    frame = pd.DataFrame([statement])
    html = annotated_html(statement, annotate(frame, nlp))
    assert "<script>" not in html and "<img" not in html and "<b>X</b>" not in html and "<i>id</i>" not in html
    assert html.count("&lt;script&gt;") >= 3  # title, publisher, text, and the gazetteer name on the person tag
