"""The Python package as a UDF on a real Dask distributed cluster.

A LocalCluster of several worker processes (loopback only) extracts a few hundred
generated articles with ``stancemap.extract``; the results must equal, line for
line, what ``stancemap extract --stdin-jsonl --no-user-lexicon`` prints for the
same records. ``STANCEMAP_BIN`` names the CLI binary (default: target/debug).
"""

import json
import os
import random
import subprocess
from pathlib import Path

import pytest

import stancemap

REPO = Path(__file__).resolve().parents[2]
TEMPLATES = REPO / "assets" / "bench" / "news_templates.txt"
ACTORS = ["Russia", "Ukraine", "the European Union", "NATO", "China", "the United States",
          "France", "Germany", "Turkey", "Iran", "Israel", "India"]


def articles(n):
    """``n`` deterministic wire-style records {"id", "text", "date"} from the bench templates."""
    rng = random.Random(12)
    templates = [line for line in TEMPLATES.read_text().splitlines()
                 if line.strip() and not line.startswith("#")]
    records = []
    for i in range(n):
        sentences = [rng.choice(templates).replace("{a}", rng.choice(ACTORS))
                     .replace("{b}", rng.choice(ACTORS)) for _ in range(rng.randint(3, 9))]
        record = {"id": f"doc-{i:04}", "text": f"Wire report {i}\n" + " ".join(sentences)}
        if i % 3:
            record["date"] = f"2025-{1 + i % 12:02}-{1 + i % 28:02}"
        records.append(record)
    return records


def cli_lines(records):
    binary = os.environ.get("STANCEMAP_BIN", str(REPO / "target" / "debug" / "stancemap"))
    if not Path(binary).exists():
        pytest.skip(f"no stancemap binary at {binary}; build it or set STANCEMAP_BIN")
    stdin = "".join(json.dumps(record) + "\n" for record in records)
    done = subprocess.run([binary, "extract", "--stdin-jsonl", "--no-user-lexicon"],
                          input=stdin, capture_output=True, text=True, timeout=600)
    assert done.returncode in (0, 1), done.stderr
    return [json.loads(line) for line in done.stdout.splitlines()]


def extract_record(record):
    return stancemap.extract(record["text"], record.get("date"), record["id"])


def test_dask_local_cluster_results_equal_the_cli_jsonl():
    from dask.distributed import Client, LocalCluster

    records = articles(300)
    expected = cli_lines(records)
    assert len(expected) == len(records)
    with LocalCluster(n_workers=3, threads_per_worker=1, processes=True,
                      host="127.0.0.1", dashboard_address=None) as cluster, \
            Client(cluster) as client:
        assert len(client.scheduler_info()["workers"]) == 3
        futures = client.map(extract_record, records)
        results = client.gather(futures)
    assert [r["sources"][0]["path"] for r in results] == [r["id"] for r in records]
    assert results == expected
    # The generated articles do give findings, so the comparison is not trivially empty.
    assert sum(len(r["positions"]) + len(r["relations"]) for r in results) > 100


def test_extract_gives_the_exchange_schema_with_date_and_id():
    result = stancemap.extract("Russia rejected the ceasefire proposal.", "2025-03-14", "wire-1")
    assert result["format"] == "stancemap"
    source = result["sources"][0]
    assert (source["path"], source["date"]) == ("wire-1", "2025-03-14")
    assert any(p["actor"] == "Russia" and p["stance"] == "oppose" for p in result["positions"])


def test_save_map_then_load_map_round_trips_and_refuses_bad_maps(tmp_path):
    result = stancemap.extract("NATO backed new sanctions on Russia.", None, "wire-2")
    path = tmp_path / "wire.stancemap.ron"
    stancemap.save_map(path, result)
    assert stancemap.load_map(path) == result
    broken = dict(result, positions=[dict(p, actor="nobody") for p in result["positions"]])
    with pytest.raises(ValueError):
        stancemap.save_map(tmp_path / "broken.stancemap.ron", broken)
    assert not (tmp_path / "broken.stancemap.ron").exists()
    with pytest.raises(OSError):
        stancemap.load_map(tmp_path / "missing.stancemap.ron")
