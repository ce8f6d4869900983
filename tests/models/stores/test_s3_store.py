"""Printed PDFs and parts kept in an S3 bucket, on a real S3 server (Ceph's RADOS Gateway, which
scripts/test-services starts): what one machine stores another reads, each kind stays within its cap,
one claimant of a part among several processes, ages by the server's clock, and a store out of reach."""

import pickle
import time

import pytest
from botocore.exceptions import BotoCoreError

from models.stores import s3
from models.stores.s3 import S3FileStore
from tests.models.stores.conftest import claimed_at_once


def store(bucket: dict, max_bytes: int = 10**6, kind: str = "pdf", prefix: str = "") -> S3FileStore:
    return S3FileStore(
        bucket["bucket"],
        max_bytes=max_bytes,
        kind=kind,
        prefix=prefix,
        endpoint_url=bucket["endpoint_url"],
        region=bucket["region"],
        access_key=bucket["access_key"],
        secret_key=bucket["secret_key"],
    )


def names(bucket: dict) -> set[str]:
    client = store(bucket)._client()
    return {o["Key"] for o in client.list_objects_v2(Bucket=bucket["bucket"]).get("Contents", ())}


def test_a_stored_pdf_is_read_back_whole_by_a_store_made_elsewhere(s3_bucket):
    kept = store(s3_bucket, prefix="cop/")
    assert kept.get("a" * 64) is None
    kept.put("a" * 64, b"%PDF-1.7 first")
    kept.put("a" * 64, b"%PDF-1.7 first")  # another worker printed the same content
    elsewhere = pickle.loads(pickle.dumps(kept))  # as the render's child process gets it
    assert elsewhere.get("a" * 64) == b"%PDF-1.7 first"
    assert names(s3_bucket) == {"cop/pdf/" + "a" * 64}


def test_past_its_cap_the_files_used_longest_ago_go_but_never_the_new_one(s3_bucket, monkeypatch):
    monkeypatch.setattr(s3, "TRIM_EVERY_S", 0.0)  # kept within the cap at every put, not every few seconds
    files = store(s3_bucket, 2500)
    for key in "abc":
        files.put(key * 64, b"x" * 1000)
        time.sleep(1.1)  # servers may give LastModified to the second
    assert names(s3_bucket) == {"pdf/" + "b" * 64, "pdf/" + "c" * 64}
    files.touch("b" * 64)  # read again: used more lately than c
    time.sleep(1.1)
    files.put("d" * 64, b"x" * 1000)
    assert names(s3_bucket) == {"pdf/" + "b" * 64, "pdf/" + "d" * 64}
    assert files.get("b" * 64) == b"x" * 1000  # renewed, not changed
    big = store(s3_bucket, 10)
    big.put("e" * 64, b"y" * 100)  # over the cap alone: kept, it is what someone waits for
    assert big.get("e" * 64) == b"y" * 100


def test_pdfs_and_parts_keep_apart(s3_bucket, monkeypatch):
    monkeypatch.setattr(s3, "TRIM_EVERY_S", 0.0)
    pdfs, parts = store(s3_bucket), store(s3_bucket, 1500, kind="part")
    pdfs.put("f" * 64, b"x" * 1000)
    parts.put("f" * 64, b"p" * 1000)
    time.sleep(1.1)
    parts.put("g" * 64, b"p" * 1000)  # the parts' cap lets the older part go, not the PDF
    assert pdfs.get("f" * 64) == b"x" * 1000 and parts.get("f" * 64) is None


def _claim(bucket: dict, key: str, results) -> None:
    results.put(store(bucket, kind="part").claim(key))


def test_of_workers_claiming_a_part_at_once_exactly_one_has_it_and_its_beats_show(s3_bucket):
    assert claimed_at_once(_claim, s3_bucket, "c" * 64) == [False, False, False, True]
    parts = store(s3_bucket, kind="part")
    assert parts.age("d" * 64) is None  # never claimed
    time.sleep(2.2)
    assert 1 <= parts.age("c" * 64) < 10  # a worker that has not beaten for two seconds
    parts.touch("c" * 64)
    assert parts.age("c" * 64) < 2
    parts.delete("c" * 64, "d" * 64)  # one of them was never there
    assert names(s3_bucket) == set()


def test_a_part_store_out_of_reach_prints_anew_and_a_pdf_store_says_so():
    gone = {
        "bucket": "b",
        "endpoint_url": "http://127.0.0.1:9",
        "region": "us-east-1",
        "access_key": "k",
        "secret_key": "s",
    }
    parts = store(gone, kind="part")
    assert parts.get("a" * 64) is None
    parts.put("a" * 64, b"part")  # only not kept
    with pytest.raises(BotoCoreError, match=r"127\.0\.0\.1:9"):
        store(gone).get("a" * 64)
