"""Make Pagefind's filter index byte-identical from one build to the next.

Pagefind (1.5) writes each filter's values, and the list of filters, in the order of a Rust hash map,
which changes on every run; the file names are hashes of that content, so two builds of the same site
differ in a handful of files (upstream: Pagefind/pagefind#638, "other files will still change, such
as the filter/metadata indexes"). This module rewrites those files in sorted order and renames them
after their new content. Everything else in the bundle is already stable and is left untouched.

The files are gzip-compressed CBOR behind a `pagefind_dcd` signature. Only the subset of CBOR Pagefind
writes is handled; if a file does not decode and re-encode to exactly its own bytes (a future format),
the bundle is left as Pagefind wrote it rather than risk breaking the search.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import struct
from pathlib import Path

SIGNATURE = b"pagefind_dcd"


class _Unsupported(ValueError):
    pass


class _Float(bytes):
    """A CBOR float or other simple value, kept as its encoded bytes."""


class _Map(list):
    """A CBOR map as its (key, value) pairs, in file order."""


def _decode(data: bytes, pos: int = 0):
    first = data[pos]
    major, info = first >> 5, first & 31
    pos += 1
    if major == 7:
        size = {20: 0, 21: 0, 22: 0, 23: 0, 25: 2, 26: 4, 27: 8}.get(info)
        if size is None:
            raise _Unsupported(f"simple value {info}")
        if size == 0:
            return {20: False, 21: True, 22: None, 23: _Float(bytes([first]))}[info], pos
        return _Float(data[pos - 1: pos + size]), pos + size
    if info < 24:
        value = info
    elif info in (24, 25, 26, 27):
        size = 1 << (info - 24)
        value = int.from_bytes(data[pos: pos + size], "big")
        pos += size
    else:
        raise _Unsupported("indefinite length")
    if major == 0:
        return value, pos
    if major == 1:
        return -1 - value, pos
    if major == 2:
        return bytes(data[pos: pos + value]), pos + value
    if major == 3:
        return data[pos: pos + value].decode("utf-8"), pos + value
    if major == 4:
        items = []
        for _ in range(value):
            item, pos = _decode(data, pos)
            items.append(item)
        return items, pos
    if major == 5:
        pairs = []
        for _ in range(value):
            key, pos = _decode(data, pos)
            item, pos = _decode(data, pos)
            pairs.append((key, item))
        return _Map(pairs), pos
    raise _Unsupported(f"major type {major}")


def _head(major: int, value: int) -> bytes:
    if value < 24:
        return bytes([major << 5 | value])
    for info, fmt in ((24, ">B"), (25, ">H"), (26, ">I"), (27, ">Q")):
        if value < 1 << (8 * struct.calcsize(fmt)):
            return bytes([major << 5 | info]) + struct.pack(fmt, value)
    raise _Unsupported("integer too large")


def _encode(value) -> bytes:
    if isinstance(value, _Float):
        return bytes(value)
    if value is False:
        return b"\xf4"
    if value is True:
        return b"\xf5"
    if value is None:
        return b"\xf6"
    if isinstance(value, int):
        return _head(0, value) if value >= 0 else _head(1, -1 - value)
    if isinstance(value, bytes):
        return _head(2, len(value)) + value
    if isinstance(value, str):
        raw = value.encode("utf-8")
        return _head(3, len(raw)) + raw
    if isinstance(value, _Map):
        return _head(5, len(value)) + b"".join(_encode(k) + _encode(v) for k, v in value)
    if isinstance(value, list):
        return _head(4, len(value)) + b"".join(_encode(v) for v in value)
    raise _Unsupported(type(value).__name__)


def _read(path: Path):
    raw = gzip.decompress(path.read_bytes())
    if not raw.startswith(SIGNATURE):
        raise _Unsupported(f"{path.name}: no signature")
    value, end = _decode(raw, len(SIGNATURE))
    if end != len(raw) or SIGNATURE + _encode(value) != raw:
        raise _Unsupported(f"{path.name}: does not round-trip")
    return value


def _payload(value) -> bytes:
    return gzip.compress(SIGNATURE + _encode(value), compresslevel=9, mtime=0)


def _name(language: str, payload: bytes, length: int) -> str:
    return f"{language}_{hashlib.sha256(payload).hexdigest()[:length]}"


def canonicalize(bundle: str | Path) -> bool:
    """Rewrite the filter index of a Pagefind bundle in a stable order; False when left untouched."""
    bundle = Path(bundle)
    entry_path = bundle / "pagefind-entry.json"
    try:
        entry_text = entry_path.read_text(encoding="utf-8")
        entry = json.loads(entry_text)
        plans = [_plan_language(bundle, lang["hash"]) for lang in entry["languages"].values()]
    except (OSError, KeyError, ValueError, IndexError, TypeError, gzip.BadGzipFile, _Unsupported):
        return False
    for old_meta, new_meta, meta_bytes, filters in plans:
        for old, new, payload in filters:
            (bundle / "filter" / f"{old}.pf_filter").unlink()
            (bundle / "filter" / f"{new}.pf_filter").write_bytes(payload)
        (bundle / f"pagefind.{old_meta}.pf_meta").unlink()
        (bundle / f"pagefind.{new_meta}.pf_meta").write_bytes(meta_bytes)
        entry_text = entry_text.replace(f'"{old_meta}"', f'"{new_meta}"')
    entry_path.write_text(entry_text, encoding="utf-8")
    return True


def _plan_language(bundle: Path, meta_hash: str):
    """Everything to write for one language, computed before anything is changed."""
    language, _, old_digest = meta_hash.rpartition("_")
    meta = _read(bundle / f"pagefind.{meta_hash}.pf_meta")
    filters_at = next(i for i, part in enumerate(meta) if isinstance(part, list) and part and all(
        isinstance(f, list) and len(f) == 2 and all(isinstance(x, str) for x in f)
        and (bundle / "filter" / f"{f[1]}.pf_filter").is_file() for f in part))
    renamed = []
    new_list = []
    for name, old in meta[filters_at]:
        value = _read(bundle / "filter" / f"{old}.pf_filter")
        if not (isinstance(value, list) and len(value) == 2 and isinstance(value[1], list)):
            raise _Unsupported(f"filter {name}")
        value[1] = sorted(value[1], key=lambda pair: _encode(pair[0]))
        payload = _payload(value)
        new = _name(language, payload, len(old.rpartition("_")[2]))
        renamed.append((old, new, payload))
        new_list.append([name, new])
    meta[filters_at] = sorted(new_list)
    meta_bytes = _payload(meta)
    new_meta = _name(language, meta_bytes, len(old_digest))
    return meta_hash, new_meta, meta_bytes, renamed
