"""The file store in an S3-compatible object store (Amazon S3, Ceph's RADOS Gateway, MinIO and the
like): the same calls as the folder (roadmap/printing/cache.py) and the database (models/stores/database.py), for
installations that keep printed files in a bucket every machine reaches.

Objects are named ``<prefix><kind>/<key>``. An object's LastModified is its last use: a read of one
last used over ``TOUCH_AFTER_S`` ago copies it onto itself, which renews it, so a PDF people keep
downloading outlives the cap while reads in a burst cost nothing more. Ages are read off the server's
own clock (its Date header against LastModified), so machines whose clocks differ agree on them.

A client is made once per process, as the database store's engine: a store travels to the render's
child process, which must not share its parent's connections.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

from botocore.exceptions import BotoCoreError, ClientError

LOG = logging.getLogger(__name__)
# Renewing an object is a copy on the server: done at most this often per object.
TOUCH_AFTER_S = 600.0
_MISSING = {"NoSuchKey", "404", "NotFound"}
# A conditional write lost to another writer: AWS says 412, some servers 409 while the first write runs.
_TAKEN = {"PreconditionFailed", "412", "ConditionalRequestConflict", "409"}
# Listing a bucket to keep it within its cap takes a request per thousand objects: done at most this often
# per process and kind, so a print's many small puts do not each pay for it (the cap may be passed meanwhile).
TRIM_EVERY_S = 5.0
_TRIMMED: dict[tuple[int, str, str], float] = {}
_CLIENTS: dict[tuple, object] = {}
_CLIENTS_LOCK = threading.Lock()
StoreError = (BotoCoreError, ClientError)


class S3FileStore:
    """Printed files of one ``kind`` ("pdf" or "part") in a bucket, the least recently used of that
    kind dropped beyond ``max_bytes``. Credentials not given come from the usual AWS settings (the
    environment, the shared files, an instance role)."""

    def __init__(
        self,
        bucket: str,
        *,
        max_bytes: int,
        kind: str = "pdf",
        prefix: str = "",
        endpoint_url: str | None = None,
        region: str | None = None,
        access_key: str | None = None,
        secret_key: str | None = None,
    ):
        self.bucket, self.max_bytes, self.kind = bucket, max_bytes, kind
        self.folder = f"{prefix}{kind}/"
        self.endpoint_url, self.region, self.access_key, self.secret_key = endpoint_url, region, access_key, secret_key

    def _client(self):
        key = (os.getpid(), self.endpoint_url, self.region, self.access_key, self.secret_key)
        with _CLIENTS_LOCK:
            client = _CLIENTS.get(key)
            if client is None:
                # Here: the web and the command line start without the S3 client, which takes a quarter second to load.
                import boto3
                from botocore.config import Config

                config = Config(connect_timeout=5, read_timeout=60, retries={"max_attempts": 3, "mode": "standard"})
                client = _CLIENTS[key] = boto3.session.Session().client(
                    "s3",
                    endpoint_url=self.endpoint_url,
                    region_name=self.region,
                    aws_access_key_id=self.access_key,
                    aws_secret_access_key=self.secret_key,
                    config=config,
                )
            return client

    def _name(self, key: str) -> str:
        return self.folder + key

    def check(self) -> None:
        """Reach the bucket now (a worker starting up); RuntimeError naming the bucket and the server if it cannot."""
        try:
            self._client().head_bucket(Bucket=self.bucket)
        except StoreError as exc:
            where = self.endpoint_url or "Amazon S3"
            raise RuntimeError(f"the bucket {self.bucket!r} on {where}: {exc}") from None

    def get(self, key: str) -> bytes | None:
        """The file kept for this key, or None; renews it when last used long ago. A part the store
        cannot give is a part printed anew (a whole PDF's failure is the print's)."""
        try:
            response = self._client().get_object(Bucket=self.bucket, Key=self._name(key))
            data = response["Body"].read()
            if _age(response) > TOUCH_AFTER_S:
                self.touch(key)
        except ClientError as exc:
            if _code(exc) in _MISSING:
                return None
            return self._part_lost(exc, "read")
        except BotoCoreError as exc:
            return self._part_lost(exc, "read")
        return data

    def put(self, key: str, data: bytes) -> None:
        """Keep a file (an object appears whole or not at all); then keep the kind within its cap. A
        part the store cannot take is only not kept."""
        try:
            self._client().put_object(Bucket=self.bucket, Key=self._name(key), Body=data)
            if _trim_due(self.bucket, self.folder):
                self._trim(keep=key)
        except StoreError as exc:
            self._part_lost(exc, "kept")

    def claim(self, key: str) -> bool:
        """Keep an empty object under ``key`` unless one is there: True for the one caller, on any
        machine, whose object it is (a conditional write)."""
        try:
            self._client().put_object(Bucket=self.bucket, Key=self._name(key), Body=b"", IfNoneMatch="*")
        except ClientError as exc:
            if _code(exc) in _TAKEN:
                return False
            raise
        return True

    def age(self, key: str) -> float | None:
        """Seconds since the object was last kept or renewed, by the server's clock; None when there is none."""
        try:
            response = self._client().head_object(Bucket=self.bucket, Key=self._name(key))
        except ClientError as exc:
            if _code(exc) in _MISSING:
                return None
            raise
        return _age(response)

    def touch(self, key: str) -> None:
        """Mark the object used now: copied onto itself, which renews its LastModified."""
        name = self._name(key)
        try:
            self._client().copy_object(
                Bucket=self.bucket,
                Key=name,
                CopySource={"Bucket": self.bucket, "Key": name},
                MetadataDirective="REPLACE",
                Metadata={"used": f"{time.time():.3f}"},
            )
        except ClientError as exc:
            if _code(exc) not in _MISSING:
                raise

    def delete(self, *keys: str) -> None:
        """Let these objects go (those already gone are no matter)."""
        for start in range(0, len(keys), 1000):  # the most one request may name
            names = [{"Key": self._name(key)} for key in keys[start : start + 1000]]
            self._client().delete_objects(Bucket=self.bucket, Delete={"Objects": names, "Quiet": True})

    def _trim(self, keep: str) -> None:
        objects = []
        pages = self._client().get_paginator("list_objects_v2").paginate(Bucket=self.bucket, Prefix=self.folder)
        for page in pages:
            objects.extend((o["LastModified"], o["Size"], o["Key"]) for o in page.get("Contents", ()))
        total = sum(size for _, size, _ in objects)
        going = []
        for _, size, name in sorted(objects):
            if total <= self.max_bytes:
                break
            if name != self._name(keep):  # the file just made is what someone is waiting for
                going.append(name.removeprefix(self.folder))
                total -= size
        self.delete(*going)

    def _part_lost(self, exc: Exception, what: str) -> None:
        if self.kind != "part":
            raise exc
        LOG.warning("a printed part could not be %s in the S3 store; printing it anew", what, exc_info=exc)
        return None


def _trim_due(bucket: str, folder: str) -> bool:
    key = (os.getpid(), bucket, folder)
    now = time.monotonic()
    with _CLIENTS_LOCK:
        if now - _TRIMMED.get(key, -TRIM_EVERY_S) < TRIM_EVERY_S:
            return False
        _TRIMMED[key] = now
    return True


def _code(exc: ClientError) -> str:
    return str(exc.response.get("Error", {}).get("Code", ""))


def _age(response: dict) -> float:
    """The age of the object a response describes, by the clock of the server that answered."""
    said = response.get("ResponseMetadata", {}).get("HTTPHeaders", {}).get("date")
    now = parsedate_to_datetime(said) if said else datetime.now(UTC)
    return max(0.0, (now - response["LastModified"]).total_seconds())
