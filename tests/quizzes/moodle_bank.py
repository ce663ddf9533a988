"""A question bank as Moodle writes it (export comments, categories, format markers, HTML
answers and feedback from its editor, weights, numeric ranges and a catch-all, short-answer
wildcards), in Indonesian, shared by the GIFT tests and the browser test."""

from quizzes.services import import_gift

BANK = r"""// question: 0  name: Switch category to $course$/top/Literasi digital/Pembayaran
$CATEGORY: $course$/top/Literasi digital/Pembayaran

// question: 101  name: QRIS
// [tag:pembayaran]
::QRIS::[html]<p>Apa kepanjangan <b>QRIS</b>?</p>{
	=<p>Quick Response Code Indonesian Standard</p>#<p>Betul, <em>standar nasional</em> dari BI.</p>
	~<p>Quick Response Indonesia System</p>#<p>Bukan.</p><script>alert('xss')</script>
	~%50%[plain]Quick Response Code Indonesia#[markdown]**Hampir** benar
	####<p>QRIS diatur oleh <a href\="https\://www.bi.go.id" onclick\="alert(1)">Bank Indonesia</a>.</p>
}

// question: 102  name: Dompet digital
::Dompet digital::[markdown]Mana saja **dompet digital** yang berizin?{
	~%50%GoPay#Benar, berizin BI
	~%50%OVO#[html]<i>Benar</i>, berizin BI
	~%-100%Arisan RT#Arisan bukan dompet digital
}

// question: 103  name: Wajib RAT
::Wajib RAT::[moodle]Koperasi wajib mengadakan RAT\nsetiap tahun.{TRUE#[html]<p>Keliru: <b>RAT wajib</b>.</p>#Betul sekali.####Lihat UU No. 25 Tahun 1992.}

// question: 104  name: SHU
::SHU::Apa singkatan dari Sisa Hasil Usaha {
	=%100%SHU#Tepat
	=%50%S.H.U.#Titiknya tidak perlu
	=%20%Sisa *#[html]<b>Tulis singkatannya</b> saja
	=%0%*#[html]<p>Jawaban lain <em>salah</em>.</p>
}?

// question: 105  name: Bunga
::Bunga::Berapa persen bunga Rp12.000 dari pinjaman Rp100.000?{#
	=%100%12:0#Tepat
	=%50%10..14#Mendekati
	~#[html]<p>Jauh <b>sekali</b></p>
}

// question: 106  name: Tebakan
::Tebakan::Sebutkan angka antara 1 dan 5.{#3:2 ~#Jauh sekali}

$CATEGORY: $course$/top/Literasi digital/Koperasi

// question: 107  name: Badan usaha
::Badan usaha::[plain]Koperasi adalah {~perusahaan perseorangan =badan usaha ~yayasan} milik anggota.

// question: 108  name: Cocokkan
::Cocokkan::Pasangkan singkatannya. {
	=RAT -> Rapat Anggota Tahunan
	=SHU -> Sisa Hasil Usaha
}

// question: 109  name: Esai
::Esai::Jelaskan manfaat koperasi digital.{}
"""

# Titles of the questions that import, in order, and their types.
IMPORTED = [
    ("QRIS", "single_choice"),
    ("Dompet digital", "multiple_answers"),
    ("Wajib RAT", "true_false"),
    ("SHU", "short_answer"),
    ("Bunga", "numeric"),
    ("Tebakan", "numeric"),
    ("Badan usaha", "single_choice"),
]
PAYMENTS = "$course$/top/Literasi digital/Pembayaran"
COOPERATIVES = "$course$/top/Literasi digital/Koperasi"
# Nothing of these may ever be visible to a learner.
MARKERS = ("[html]", "[moodle]", "[plain]", "[markdown]", "&lt;", "&gt;", "<p>", "<b>", "**", "\\n", "alert(")


def import_bank(course):
    """The bank imported as a published Ujian of ``course`` (pass mark 60)."""
    result = import_gift(text=BANK, course=course, skip_unsupported=True, purpose="ujian", pass_mark=60)
    assert result.ok, result.problems
    return result.quiz
