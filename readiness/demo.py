"""Demo rounds and assessments: a May 2018 baseline and a November 2018 evaluation.

Deterministic (a random generator seeded per cooperative) and idempotent: rounds are
created once, and a cooperative that already has an assessment in a round is left alone.
Most cooperatives improve between the rounds, some slip back in a dimension or two.
"""

import datetime
import random
import zlib

from django.utils import timezone

from cooperatives.models import Cooperative

from .models import Assessment, EvaluationRound
from .services import (
    create_round,
    ensure_default_framework,
    framework_specs,
    replace_answers_from_import,
    verify_assessment,
)

ROUNDS = [
    ("mei-2018", "Temu Usaha Mei 2018", datetime.date(2018, 5, 7), datetime.date(2018, 5, 31)),
    ("nov-2018", "Evaluasi November 2018", datetime.date(2018, 11, 5), datetime.date(2018, 11, 30)),
]
# An open round, so the self-assessment can be tried on the web with the demo logins.
OPEN_ROUND = ("evaluasi-berjalan", "Evaluasi berjalan")


def _rng(*parts):
    return random.Random(zlib.crc32("|".join(parts).encode()))


def _baseline_levels(rng, indicators, base):
    levels = {}
    for indicator in indicators.values():
        if rng.random() < 0.06 and indicator.allow_na:
            levels[indicator] = None  # Tidak berlaku
        else:
            levels[indicator] = max(0, min(4, round(rng.gauss(base, 0.9))))
    return levels


def _follow_up_levels(rng, baseline, declining_dimension):
    levels = {}
    for indicator, level in baseline.items():
        if level is None:
            levels[indicator] = None
            continue
        if indicator.dimension.code == declining_dimension:
            step = -rng.choice([0, 1, 1])
        else:
            step = rng.choice([0, 0, 1, 1, 1, 2])
        levels[indicator] = max(0, min(4, level + step))
    return levels


def seed(stdout):
    framework = ensure_default_framework()
    rounds = []
    for slug, name, opens, closes in ROUNDS:
        evaluation_round = EvaluationRound.objects.filter(slug=slug).first()
        if evaluation_round is None:
            evaluation_round = create_round(slug=slug, name=name, framework=framework, opens_on=opens, closes_on=closes)
        rounds.append(evaluation_round)
    if not EvaluationRound.objects.filter(slug=OPEN_ROUND[0]).exists():
        today = timezone.localdate()
        create_round(
            slug=OPEN_ROUND[0],
            name=OPEN_ROUND[1],
            framework=framework,
            opens_on=today - datetime.timedelta(days=7),
            closes_on=today + datetime.timedelta(days=60),
        )

    specs, indicators, dimensions = framework_specs(framework)
    for indicator in indicators.values():
        indicator.dimension = next(d for d in dimensions if d.pk == indicator.dimension_id)
    baseline_round, follow_up_round = rounds
    created = 0
    cooperatives = list(Cooperative.objects.order_by("nik"))
    for index, cooperative in enumerate(cooperatives):
        rng = _rng("kesiapan", cooperative.nik)
        base = rng.uniform(0.6, 2.6)
        baseline = _baseline_levels(rng, indicators, base)
        declining = rng.choice([d.code for d in dimensions]) if rng.random() < 0.5 else None
        follow_up = _follow_up_levels(rng, baseline, declining)
        # A few cooperatives skip the baseline, a few skip the follow-up.
        in_baseline = index % 7 != 6
        in_follow_up = index % 9 != 8
        for evaluation_round, levels, wanted in (
            (baseline_round, baseline, in_baseline),
            (follow_up_round, follow_up, in_follow_up),
        ):
            if not wanted or Assessment.objects.filter(round=evaluation_round, cooperative=cooperative).exists():
                continue
            evaluation_round.framework = framework
            replace_answers_from_import(
                evaluation_round=evaluation_round,
                cooperative=cooperative,
                levels=levels,
                specs=specs,
                dimensions=dimensions,
            )
            created += 1
            if evaluation_round is follow_up_round and index % 4 == 0:
                # Dinas verified this one on site: one indicator was self-assessed too high.
                assessment = Assessment.objects.get(round=evaluation_round, cooperative=cooperative)
                indicator, level = next((i, v) for i, v in levels.items() if v)
                verify_assessment(
                    assessment=assessment,
                    user=None,
                    levels={indicator: level - 1},
                    notes={indicator: "Bukti di lapangan belum lengkap."},
                    note="Dicek saat kunjungan lapangan.",
                )
    stdout.write(
        f"Kesiapan: putaran {', '.join(r.slug for r in rounds)}; {created} asesmen baru untuk {len(cooperatives)} koperasi."
    )
