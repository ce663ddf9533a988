"""How network records name themselves in the admin and in links (unsaved instances, no
database), and the small pure helpers of the figures that the totals rely on."""

import datetime

from network import figures
from network.models import Agreement, Commitment, CommitmentFollowUp, Event, FollowUp, Participant, Partner

EVENT = Event(pk=3, slug="temu-usaha-diy-2018", name="Temu Usaha DIY 2018", kind="temu_usaha",
              starts_on=datetime.date(2018, 5, 16))  # fmt: skip
AGREEMENT = Agreement(pk=7, code="KS-01", event=EVENT)


def test_records_name_themselves_for_people():
    assert str(Partner(code="M-01", name="CV Bakpia Jaya")) == "CV Bakpia Jaya (M-01)"
    assert str(EVENT) == "Temu Usaha DIY 2018" and str(AGREEMENT) == "KS-01"
    assert str(Participant(name="Siti", event=EVENT)) == "Siti · Temu Usaha DIY 2018"
    commitment = Commitment(agreement=AGREEMENT, position=2, description="Kirim contoh bawang merah " * 4)
    assert str(commitment) == "KS-01 #2: " + ("Kirim contoh bawang merah " * 4)[:60]
    follow_up = FollowUp(agreement=AGREEMENT, evaluation=EVENT)
    assert str(follow_up) == "KS-01 · Temu Usaha DIY 2018"
    assert str(CommitmentFollowUp(commitment=commitment, result="ya")).endswith(" = ya")


def test_links_go_to_the_public_pages():
    assert EVENT.get_absolute_url() == "/jejaring/kegiatan/temu-usaha-diy-2018/"
    assert AGREEMENT.get_absolute_url() == "/jejaring/kerja-sama/7/"
    assert not EVENT.is_evaluation and Event(kind="evaluasi").is_evaluation


def test_follow_up_states():
    assert FollowUp().is_draft and not FollowUp().is_verified
    assert FollowUp(state="verified").is_verified and not FollowUp(state="submitted").is_draft


def test_active_agreements_and_grouped_totals_in_first_seen_order():
    assert figures.AgreementFigures(potential=1, status="selesai").is_active
    assert not figures.AgreementFigures(potential=1).is_active  # never evaluated
    items = [("b", figures.AgreementFigures(potential=5, status="berjalan", realised=2)),
             ("a", figures.AgreementFigures(potential=10)), ("b", figures.AgreementFigures(potential=1))]  # fmt: skip
    groups = figures.grouped_totals(items, key=lambda key: key)
    assert list(groups) == ["b", "a"]
    assert (groups["b"].agreements, groups["b"].potential, groups["b"].active, groups["b"].realised) == (2, 6, 1, 2)
    assert figures.totals([]).realisasi_persen is None and figures.format_rupiah(None) == "–"
