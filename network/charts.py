"""The network picture as a small server-rendered SVG (no script, no external font).

Cooperatives on the left, partners on the right, one line per agreement coloured by its
status and as wide as its realised value allows. Sized for a phone: a narrow viewBox that
scales to the screen, labels shortened. Large networks show the nodes with the most
realised value (``MAX_NODES`` per side) and say so.
"""

import math
from dataclasses import dataclass

from . import figures

MAX_NODES = 30
ROW = 22
TOP = 26
WIDTH = 360
LEFT_X = 110
RIGHT_X = 250
LABEL_CHARS = 17
# Words every cooperative's name starts with: left out so the labels tell them apart.
_NAME_PREFIXES = ("koperasi ", "simpan pinjam ", "ksp ", "konsumen ", "produsen ", "pemasaran ", "jasa ")
STATUS_COLOURS = {
    figures.STATUS_RUNNING: "#1b7f3b",
    figures.STATUS_DONE: "#1456a0",
    figures.STATUS_NOT_STARTED: "#c07c00",
    figures.STATUS_CANCELLED: "#b3261e",
    figures.STATUS_NOT_EVALUATED: "#8a949c",
}


@dataclass
class Node:
    key: int
    label: str
    y: float


@dataclass
class Line:
    left: Node
    right: Node
    colour: str
    width: float
    title: str


@dataclass
class NetworkPicture:
    width: int
    height: int
    cooperatives: list
    partners: list
    lines: list
    hidden_agreements: int
    legend: list


def _short(text):
    changed = True
    while changed:
        changed = False
        for prefix in _NAME_PREFIXES:
            if text.lower().startswith(prefix) and len(text) > len(prefix):
                text, changed = text[len(prefix) :], True
    return text if len(text) <= LABEL_CHARS else text[: LABEL_CHARS - 1] + "…"


def network_picture(rows, status_labels):
    """The picture for ``selectors.network_rows`` output."""
    realised_by_cooperative, realised_by_partner = {}, {}
    names = {}
    for row in rows:
        agreement = row.agreement
        realised_by_cooperative[agreement.cooperative_id] = (
            realised_by_cooperative.get(agreement.cooperative_id, 0) + row.figures.realised + 1
        )
        realised_by_partner[agreement.partner_id] = (
            realised_by_partner.get(agreement.partner_id, 0) + row.figures.realised + 1
        )
        names[("k", agreement.cooperative_id)] = agreement.cooperative.nama
        names[("m", agreement.partner_id)] = agreement.partner.name

    def top(values):
        keys = sorted(values, key=lambda key: -values[key])[:MAX_NODES]
        return sorted(keys, key=lambda key: str(names.get(key, "")))

    left_keys = sorted(top(realised_by_cooperative), key=lambda key: names[("k", key)])
    right_keys = sorted(top(realised_by_partner), key=lambda key: names[("m", key)])
    rows_count = max(len(left_keys), len(right_keys), 1)
    height = TOP + rows_count * ROW + 8

    def place(keys, prefix):
        step = (rows_count * ROW) / max(len(keys), 1)
        return {
            key: Node(key, _short(names[(prefix, key)]), TOP + step * (index + 0.5)) for index, key in enumerate(keys)
        }

    left, right = place(left_keys, "k"), place(right_keys, "m")
    largest = max((row.figures.realised for row in rows), default=0)
    lines, hidden = [], 0
    for row in rows:
        agreement = row.agreement
        a, b = left.get(agreement.cooperative_id), right.get(agreement.partner_id)
        if a is None or b is None:
            hidden += 1
            continue
        width = 1.0 + (5.0 * math.sqrt(row.figures.realised / largest) if largest else 0.0)
        title = f"{agreement.code}: {status_labels.get(row.figures.status, row.figures.status)}, {figures.format_rupiah(row.figures.realised)}"
        lines.append(Line(a, b, STATUS_COLOURS.get(row.figures.status, "#8a949c"), round(width, 2), title))
    legend = [(status_labels.get(status, status), colour) for status, colour in STATUS_COLOURS.items()]
    return NetworkPicture(WIDTH, int(height), list(left.values()), list(right.values()), lines, hidden, legend)
