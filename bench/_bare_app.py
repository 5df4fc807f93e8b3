"""The API bench's yardstick: bare Flask answering ``GET /api/v1/work-orders`` with the same
JSON list the real app returned for ``?per_page=20`` (read from the file the bench wrote), and
nothing else: no database, no auth, no schema. Served by gunicorn under the same flags.

    gunicorn -w 2 --threads 8 'bench._bare_app:app'   # FIXROUTE_BENCH_BARE_PAYLOAD=/path/page.json
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from flask import Flask, jsonify

PAYLOAD: Any = json.loads(Path(os.environ["FIXROUTE_BENCH_BARE_PAYLOAD"]).read_text())

app = Flask(__name__)


@app.get("/api/v1/work-orders")
def work_orders() -> Any:
    return jsonify(PAYLOAD)
