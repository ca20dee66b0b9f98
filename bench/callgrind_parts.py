#!/usr/bin/env python3
"""Inclusive instruction counts of a few of the crate's steps, from `callgrind_annotate --inclusive=yes`.

Usage: callgrind_parts.py ANNOTATED_FILE KEY_PREFIX CALLS
Prints `KEY_PREFIX.<part> <instructions per call>` for each part found (a part whose functions were
all inlined is absent). The patterns match function names, not module paths, so that they survive
the crate's modules moving.
"""

import re
import sys

PARTS = {
    # Params::validate of the call's params type (all of validation, whatever it checks).
    "validate": r"as stripe_billing_portal::[\w:]*Params>::validate$",
    # Parsing URLs with the `url` crate, wherever it happens (validation of URL parameters).
    "url_parse": r"^url::ParseOptions::parse$",
    # `format!`: strings built at run time (parameter names, messages).
    "format": r"^alloc::fmt::format::format_inner$",
    # The form encoder.
    "encode": r"^stripe_billing_portal::[\w:]*form::to_string$",
    # serde_json decoding, and its UTF-8 checks of strings.
    "decode": r"^serde_json::de::from_trait$",
    "utf8": r"^core::str::converts::from_utf8$",
    # The client path of a call (end to end only): the request prepared once for all attempts
    # (options checked, idempotency key, request URL), the idempotency key's UUID alone, the
    # request URL alone, and each attempt's request (the header map, URL and body handed to reqwest).
    "prepare": r"^stripe_billing_portal::[\w:]*PreparedRequest::new$",
    "idempotency_key": r"^uuid::v4::<impl uuid::Uuid>::new_v4$",
    "url": r"^stripe_billing_portal::[\w:]*Client::url$",
    "attempt": r"^stripe_billing_portal::[\w:]*PreparedRequest::attempt$",
}

annotated, prefix, calls = sys.argv[1], sys.argv[2], int(sys.argv[3])
totals = dict.fromkeys(PARTS, 0)
for line in open(annotated):
    m = re.match(r"^\s*([0-9,]+) \([^)]*\)\s+\?\?\?:(.*?)(?: \[.*\])?$", line)
    if not m:
        continue
    for part, pattern in PARTS.items():
        if re.search(pattern, m.group(2)):
            totals[part] = max(totals[part], int(m.group(1).replace(",", "")))
for part, total in totals.items():
    if total:
        print(f"{prefix}.{part} {total // calls}")
