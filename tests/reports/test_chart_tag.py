"""``{% bar_chart %}`` as the report templates use it: the SVG it renders for scores and
counts, long labels cut or kept, missing values, and a title that is escaped."""

import re

from django.template import Context, Template


def render(items, **options):
    arguments = " ".join(f"{name}={name}" for name in options)
    template = Template("{% load report_charts %}{% bar_chart items " + arguments + " %}")
    return template.render(Context({"items": items, **options}))


def test_scores_are_drawn_against_100_with_a_comma_and_half_up():
    svg = render([("D1 · Strategi", 56.25), ("D2 · Digital", None)], maximum=100)
    assert svg.startswith('<svg class="report-chart"') and 'role="img"' in svg
    assert ">56,3</text>" in svg and "<title>D1 · Strategi: 56,3</title>" in svg
    assert ">—</text>" in svg and "<title>D2 · Digital: —</title>" in svg
    assert svg.count("<g>") == 2


def test_counts_fill_the_width_with_the_largest():
    svg = render([("Kraksaan", 3), ("Paiton", 6)], decimals=0)
    track = re.findall(r'width="([0-9.]+)" height="18" fill="#eef3f1"', svg)
    bars = re.findall(r'width="([0-9.]+)" height="18" fill="#1f6f54"', svg)
    assert float(bars[1]) == float(track[1]) and float(bars[0]) == float(track[0]) / 2
    assert ">3</text>" in svg and ">6</text>" in svg


def test_long_labels_are_cut_beside_the_bar_and_kept_above_it():
    label = "Kecamatan dengan nama yang sangat panjang sekali"
    beside = render([(label, 10)])
    assert label not in beside.split("<rect")[0] and "Kecamatan dengan nama y…" in beside
    above = render([(label, 10)], labels_above=True)
    assert f">{label}</text>" in above


def test_the_title_names_the_chart_and_is_escaped():
    svg = render([("A", 1)], title="Skor <rata-rata>")
    assert 'aria-label="Skor &lt;rata-rata&gt;"' in svg and "<title>Skor &lt;rata-rata&gt;</title>" in svg
    assert "<title>" not in render([("A", 1)]).split("<g>")[0]
