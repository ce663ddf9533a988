"""The text of the demo courses: Making Indonesia 4.0 for cooperatives, in plain Indonesian.

Kept apart from ``demo.py`` (which only writes pages) so the words are easy to review.
Bodies are lists of ``(block_type, value)``; an image is named by its key in ``IMAGES``.
"""


def _table(rows, first_col_is_header=False):
    return {"first_row_is_table_header": True, "first_col_is_header": first_col_is_header, "data": rows}


def _tip(title, html, kind="tip"):
    return ("callout", {"kind": kind, "title": title, "text": html})


# key: (title shown as alt text, background colour, shapes, lines of text)
IMAGES = {
    "cover-mi40": (
        "Sampul: Making Indonesia 4.0 dan koperasi",
        (11, 110, 79),
        "gears",
        ["Making Indonesia 4.0", "dan koperasi"],
    ),
    "cover-pembukuan": (
        "Sampul: Pembukuan digital koperasi",
        (30, 90, 150),
        "ledger",
        ["Pembukuan digital", "koperasi"],
    ),
    "cover-jualan": (
        "Sampul: Jualan online dan marketplace",
        (192, 90, 20),
        "shop",
        ["Jualan online", "dan marketplace"],
    ),
    "cover-qris": ("Sampul: Pembayaran digital dan QRIS", (120, 40, 120), "qr", ["Pembayaran digital", "dan QRIS"]),
    "cover-keamanan": (
        "Sampul: Menjaga keamanan akun dan data anggota",
        (160, 40, 40),
        "lock",
        ["Keamanan akun", "dan data anggota"],
    ),
    "alur-transaksi": (
        "Alur pencatatan: transaksi, bukti, catat di aplikasi, laporan otomatis",
        (240, 246, 243),
        "flow",
        ["Transaksi", "Bukti", "Catat di HP", "Laporan"],
    ),
    "langkah-qris": (
        "Langkah bayar QRIS: pembeli memindai kode, memasukkan nominal, kasir memeriksa notifikasi",
        (245, 240, 250),
        "flow",
        ["Pindai QR", "Isi nominal", "Bayar", "Cek notifikasi"],
    ),
    "foto-produk": (
        "Contoh foto produk yang baik: latar polos, cahaya terang, produk di tengah",
        (250, 244, 235),
        "product",
        ["Latar polos", "Cahaya terang"],
    ),
    "kata-sandi": (
        "Kata sandi kuat: panjang, gabungan kata, tidak dipakai ulang",
        (250, 238, 238),
        "lock",
        ["Panjang", "Unik", "Rahasia"],
    ),
}


COURSES = [
    {
        "slug": "making-indonesia-4-0-dan-koperasi",
        "title": "Making Indonesia 4.0 dan koperasi",
        "summary": "Apa itu Making Indonesia 4.0, mengapa koperasi perlu ikut, dan bagaimana menyusun langkah digital pertama.",
        "minutes": 35,
        "difficulty": "dasar",
        "tags": ["Strategi", "Making Indonesia 4.0"],
        "dimensions": ["D1", "D6"],
        "cover": "cover-mi40",
        "lessons": [
            {
                "slug": "apa-itu-making-indonesia-4-0",
                "title": "Apa itu Making Indonesia 4.0?",
                "summary": "Peta jalan pemerintah untuk industri 4.0, dengan bahasa sehari-hari.",
                "body": [
                    (
                        "text",
                        "<p><b>Making Indonesia 4.0</b> adalah peta jalan pemerintah (diluncurkan Kementerian Perindustrian pada 2018) supaya usaha di Indonesia memakai teknologi digital untuk bekerja lebih cepat, lebih hemat, dan lebih dekat dengan pembeli.</p>"
                        "<p>Revolusi industri keempat artinya mesin, HP, internet, dan data saling terhubung. Contoh sederhana di sekitar kita: pesanan lewat WhatsApp, pembayaran dengan QRIS, stok barang yang dicatat di aplikasi, dan laporan keuangan yang langsung jadi tanpa menghitung ulang di buku.</p>"
                        "<p>Salah satu prioritas nasional dalam peta jalan ini adalah <b>pemberdayaan usaha kecil dan menengah</b>, termasuk koperasi. Koperasi yang memakai teknologi dengan baik bisa melayani anggota lebih cepat, menekan biaya, dan menjual ke pasar yang lebih luas.</p>",
                    ),
                    ("image", "alur-transaksi"),
                    (
                        "text",
                        "<h2>Bukan soal alat mahal</h2><p>Digital tidak selalu berarti membeli komputer baru. Banyak langkah awal cukup dengan HP yang sudah ada, kuota internet, dan kebiasaan baru: mencatat setiap transaksi, menyimpan data anggota dengan rapi, dan menerima pembayaran non-tunai.</p>",
                    ),
                    _tip(
                        "Ingat",
                        "<p>Teknologi adalah alat. Tujuannya tetap sama: <b>anggota sejahtera</b> dan koperasi yang sehat.</p>",
                    ),
                ],
            },
            {
                "slug": "mengapa-koperasi-perlu-digital",
                "title": "Mengapa koperasi perlu digital?",
                "summary": "Manfaat nyata untuk anggota, pengurus, dan usaha koperasi.",
                "body": [
                    (
                        "text",
                        "<p>Anggota koperasi sekarang terbiasa dengan HP: mereka membayar listrik, membeli pulsa, dan berbelanja lewat aplikasi. Bila koperasi masih serba kertas, anggota harus datang ke kantor, antre, dan menunggu. Lama-lama mereka memilih layanan lain.</p>"
                        "<p>Dengan cara digital, pengurus bisa melihat keadaan koperasi kapan saja: berapa simpanan masuk hari ini, barang apa yang hampir habis, dan anggota mana yang pinjamannya terlambat. Keputusan pun lebih cepat dan lebih tepat.</p>",
                    ),
                    (
                        "table",
                        _table(
                            [
                                ["Pekerjaan", "Cara lama", "Cara digital"],
                                [
                                    "Mencatat simpanan",
                                    "Buku tulis, dihitung ulang tiap bulan",
                                    "Aplikasi, saldo langsung terlihat",
                                ],
                                [
                                    "Menerima pembayaran",
                                    "Uang tunai, perlu kembalian",
                                    "QRIS atau transfer, tercatat otomatis",
                                ],
                                [
                                    "Mengumumkan RAT",
                                    "Surat edaran dari rumah ke rumah",
                                    "Pesan grup dan undangan digital",
                                ],
                                [
                                    "Menjual produk",
                                    "Pembeli di sekitar kantor saja",
                                    "Marketplace, pembeli dari kota lain",
                                ],
                            ],
                            first_col_is_header=True,
                        ),
                    ),
                    (
                        "text",
                        "<p>Manfaat lain: data yang rapi memudahkan koperasi saat mengajukan pinjaman ke bank, mengikuti program pemerintah, atau diperiksa saat Rapat Anggota Tahunan (RAT).</p>",
                    ),
                    _tip(
                        "Perhatian",
                        "<p>Digitalisasi juga membawa risiko baru, misalnya penipuan lewat pesan dan kebocoran data anggota. Kursus <i>Menjaga keamanan akun dan data anggota</i> membahasnya.</p>",
                        kind="warning",
                    ),
                ],
            },
            {
                "slug": "menyusun-langkah-pertama",
                "title": "Menyusun langkah digital pertama",
                "summary": "Rencana kecil yang bisa dijalankan dalam tiga bulan.",
                "body": [
                    (
                        "text",
                        "<p>Koperasi yang berhasil biasanya tidak mengubah semuanya sekaligus. Mereka memilih <b>satu masalah yang paling terasa</b>, mencoba satu solusi digital, lalu menilai hasilnya.</p>"
                        "<h2>Empat langkah</h2><ol><li><b>Kenali keadaan sekarang.</b> Isi asesmen mandiri kesiapan digital di platform ini bersama pengurus.</li>"
                        "<li><b>Pilih satu prioritas.</b> Lihat dimensi dengan nilai terendah; itu biasanya titik mulai terbaik.</li>"
                        "<li><b>Tunjuk penanggung jawab.</b> Satu orang pengurus atau staf yang memantau dan melapor tiap bulan.</li>"
                        "<li><b>Ukur hasilnya.</b> Misalnya: waktu melayani anggota, jumlah transaksi non-tunai, atau laporan yang selesai tepat waktu.</li></ol>",
                    ),
                    (
                        "table",
                        _table(
                            [
                                ["Bulan", "Kegiatan", "Tanda berhasil"],
                                [
                                    "1",
                                    "Asesmen mandiri dan rapat pengurus",
                                    "Prioritas disepakati dan ditulis di notulen",
                                ],
                                [
                                    "2",
                                    "Staf ikut kursus dan mencoba aplikasi",
                                    "Semua transaksi bulan ini tercatat digital",
                                ],
                                ["3", "Evaluasi dan laporan ke anggota", "Anggota tahu perubahan dan manfaatnya"],
                            ]
                        ),
                    ),
                    _tip(
                        "Tips",
                        "<p>Tulis rencana ini di notulen rapat pengurus. Rencana yang tertulis lebih mudah dipantau dan dilaporkan di RAT.</p>",
                    ),
                ],
            },
        ],
    },
    {
        "slug": "pembukuan-digital-koperasi",
        "title": "Pembukuan digital koperasi",
        "summary": "Mencatat kas, simpanan, dan pinjaman di HP atau komputer supaya laporan rapi dan cepat.",
        "minutes": 45,
        "difficulty": "dasar",
        "tags": ["Pembukuan", "Keuangan"],
        "dimensions": ["D4", "D6"],
        "cover": "cover-pembukuan",
        "lessons": [
            {
                "slug": "mengapa-pembukuan-digital",
                "title": "Mengapa pembukuan digital?",
                "summary": "Dari buku tulis ke aplikasi: apa yang berubah dan apa yang tetap.",
                "body": [
                    (
                        "text",
                        "<p>Buku kas tulisan tangan mudah basah, hilang, atau salah hitung. Saat RAT tiba, bendahara sering lembur menjumlahkan ulang semua halaman. Pembukuan digital mengurangi pekerjaan itu: setiap transaksi dicatat sekali, lalu saldo dan laporan dihitung otomatis.</p>"
                        "<p>Yang <b>tidak berubah</b>: setiap catatan tetap harus punya bukti (nota, kuitansi, bukti transfer), dan pengurus tetap memeriksa laporan secara berkala. Aplikasi membantu menghitung, bukan menggantikan kejujuran dan ketelitian.</p>",
                    ),
                    ("image", "alur-transaksi"),
                    (
                        "text",
                        "<h2>Pilihan alat</h2><ul><li><b>Lembar kerja</b> (Excel atau Google Sheets): murah dan fleksibel, cocok untuk mulai.</li><li><b>Aplikasi akuntansi koperasi</b>: sudah punya menu simpanan, pinjaman, dan SHU.</li><li><b>Aplikasi kasir</b> untuk unit toko: stok dan penjualan tercatat langsung.</li></ul>",
                    ),
                    _tip(
                        "Tips",
                        "<p>Mulailah dengan satu buku saja, misalnya <b>buku kas harian</b>. Setelah lancar, pindahkan buku simpanan dan pinjaman.</p>",
                    ),
                ],
            },
            {
                "slug": "buku-kas-harian",
                "title": "Membuat buku kas harian",
                "summary": "Kolom yang wajib ada dan cara mengisinya setiap hari.",
                "body": [
                    (
                        "text",
                        "<p>Buku kas harian mencatat semua uang masuk dan keluar. Isilah <b>pada hari yang sama</b> dengan transaksinya, jangan ditunda. Setiap baris berisi tanggal, nomor bukti, uraian, uang masuk, uang keluar, dan saldo.</p>",
                    ),
                    (
                        "table",
                        _table(
                            [
                                ["Tanggal", "No. bukti", "Uraian", "Masuk (Rp)", "Keluar (Rp)", "Saldo (Rp)"],
                                ["1 Mar", "-", "Saldo awal", "", "", "2.000.000"],
                                ["1 Mar", "KM-001", "Simpanan wajib Bu Siti", "50.000", "", "2.050.000"],
                                ["2 Mar", "KK-001", "Beli kertas dan tinta", "", "85.000", "1.965.000"],
                                ["3 Mar", "KM-002", "Angsuran pinjaman Pak Imron", "300.000", "", "2.265.000"],
                            ]
                        ),
                    ),
                    (
                        "text",
                        "<p>Beri nomor bukti yang berurutan: <b>KM</b> untuk kas masuk dan <b>KK</b> untuk kas keluar. Tulis nomor itu juga di nota aslinya, lalu simpan nota di map sesuai bulan. Bila memakai HP, foto nota dan simpan di folder dengan nama yang sama.</p>"
                        "<p>Setiap sore, cocokkan saldo di catatan dengan uang tunai di laci. Bila berbeda, cari penyebabnya hari itu juga, selagi masih ingat.</p>",
                    ),
                    _tip(
                        "Perhatian",
                        "<p>Jangan mencampur uang pribadi dengan uang koperasi, walaupun hanya sementara. Selisih kecil yang dibiarkan akan menjadi masalah besar saat diperiksa.</p>",
                        kind="warning",
                    ),
                ],
            },
            {
                "slug": "laporan-bulanan-dan-rat",
                "title": "Laporan bulanan dan persiapan RAT",
                "summary": "Dari catatan harian ke laporan yang dipahami anggota.",
                "body": [
                    (
                        "text",
                        "<p>Bila catatan harian rapi, laporan bulanan tinggal dirangkum. Laporan sederhana untuk pengurus berisi: total uang masuk, total uang keluar, saldo akhir kas, jumlah simpanan anggota, dan pinjaman yang masih berjalan.</p>"
                        "<p>Di akhir tahun buku, laporan bulanan menjadi bahan utama laporan pertanggungjawaban pengurus di <b>Rapat Anggota Tahunan (RAT)</b>, termasuk perhitungan Sisa Hasil Usaha (SHU).</p>"
                        "<h2>Simpan cadangan</h2><p>Data digital bisa hilang bila HP rusak atau hilang. Simpan salinan file pembukuan di tempat kedua, misalnya penyimpanan awan milik koperasi atau flashdisk yang disimpan di kantor. Lakukan setiap minggu.</p>",
                    ),
                    (
                        "table",
                        _table(
                            [
                                ["Isi laporan bulanan", "Sumber datanya"],
                                ["Kas masuk dan keluar", "Buku kas harian"],
                                ["Simpanan pokok, wajib, sukarela", "Buku simpanan anggota"],
                                ["Pinjaman berjalan dan tunggakan", "Buku pinjaman"],
                                ["Penjualan unit toko", "Aplikasi kasir atau nota penjualan"],
                            ],
                            first_col_is_header=True,
                        ),
                    ),
                    _tip(
                        "Tips",
                        "<p>Bagikan ringkasan laporan bulanan ke grup anggota. Keterbukaan membuat anggota lebih percaya dan lebih aktif.</p>",
                        kind="info",
                    ),
                ],
            },
        ],
    },
    {
        "slug": "jualan-online-dan-marketplace",
        "title": "Jualan online dan marketplace",
        "summary": "Menjual produk anggota lewat WhatsApp dan marketplace: foto, harga, pengiriman, dan melayani pembeli.",
        "minutes": 40,
        "difficulty": "dasar",
        "tags": ["Pemasaran", "Marketplace"],
        "dimensions": ["D5", "D3"],
        "cover": "cover-jualan",
        "lessons": [
            {
                "slug": "memilih-tempat-berjualan",
                "title": "Memilih tempat berjualan online",
                "summary": "WhatsApp Business, media sosial, atau marketplace: mana yang cocok.",
                "body": [
                    (
                        "text",
                        "<p>Produk anggota koperasi, seperti beras, kopi, keripik, atau kerajinan, bisa dijual ke pembeli di luar desa. Ada tiga tempat yang paling sering dipakai:</p>",
                    ),
                    (
                        "table",
                        _table(
                            [
                                ["Tempat", "Kelebihan", "Yang perlu disiapkan"],
                                [
                                    "WhatsApp Business",
                                    "Gratis, akrab untuk pembeli langganan",
                                    "Katalog produk, jam buka, balasan cepat",
                                ],
                                [
                                    "Media sosial",
                                    "Menjangkau orang baru di sekitar",
                                    "Foto dan cerita produk secara rutin",
                                ],
                                [
                                    "Marketplace",
                                    "Banyak pembeli, pembayaran dan pengiriman teratur",
                                    "Akun toko, stok, kemasan aman",
                                ],
                            ],
                            first_col_is_header=True,
                        ),
                    ),
                    (
                        "text",
                        "<p>Mulailah dari yang paling mudah dijalankan oleh staf yang ada. Lebih baik satu toko yang dibalas dengan cepat daripada tiga toko yang terbengkalai.</p>",
                    ),
                    _tip(
                        "Tips",
                        "<p>Pakai nomor HP dan akun atas nama koperasi, bukan milik pribadi staf. Bila staf berganti, toko tetap milik koperasi.</p>",
                    ),
                ],
            },
            {
                "slug": "foto-dan-deskripsi-produk",
                "title": "Foto dan deskripsi produk yang menjual",
                "summary": "Cara memotret dengan HP dan menulis keterangan yang jelas.",
                "body": [
                    (
                        "text",
                        "<p>Pembeli online tidak bisa memegang barang. Mereka memutuskan dari <b>foto dan keterangan</b>. Foto yang jelas sering lebih penting daripada harga yang murah.</p>",
                    ),
                    ("image", "foto-produk"),
                    (
                        "text",
                        "<h2>Memotret dengan HP</h2><ul><li>Pakai cahaya matahari dari jendela, jangan lampu kuning.</li><li>Latar polos: kain putih atau papan kayu.</li><li>Bersihkan lensa kamera sebelum memotret.</li><li>Ambil foto dari depan, samping, dan foto kemasan dengan label.</li></ul>"
                        "<h2>Menulis keterangan</h2><p>Tulis nama produk, berat atau ukuran, bahan, asal (misalnya <i>kopi robusta dari lereng Argopuro</i>), tanggal kedaluwarsa, dan izin yang dimiliki seperti PIRT atau sertifikat halal.</p>",
                    ),
                    _tip(
                        "Perhatian",
                        "<p>Jangan memakai foto dari internet milik orang lain. Selain melanggar hak cipta, pembeli akan kecewa bila barang berbeda dari foto.</p>",
                        kind="warning",
                    ),
                ],
            },
            {
                "slug": "harga-pengiriman-dan-pelayanan",
                "title": "Harga, pengiriman, dan melayani pembeli",
                "summary": "Menghitung harga jual online, mengemas, dan menjaga nilai toko.",
                "body": [
                    (
                        "text",
                        "<p>Harga jual online harus menutup semua biaya: harga pokok produk, kemasan, potongan biaya marketplace, dan sedikit cadangan untuk barang rusak. Jangan lupa keuntungan untuk koperasi.</p>",
                    ),
                    (
                        "table",
                        _table(
                            [
                                ["Komponen", "Contoh (Rp)"],
                                ["Harga pokok 1 bungkus kopi 250 g", "25.000"],
                                ["Kemasan dan bubble wrap", "3.000"],
                                ["Perkiraan biaya layanan marketplace", "2.500"],
                                ["Keuntungan koperasi", "7.500"],
                                ["Harga jual", "38.000"],
                            ],
                            first_col_is_header=True,
                        ),
                    ),
                    (
                        "text",
                        "<p>Kemas barang dengan rapi dan kuat. Untuk barang cair atau mudah pecah, beri lapisan tambahan dan tulisan <i>JANGAN DIBANTING</i>.</p>"
                        "<p>Balas pesan pembeli secepatnya, paling lambat di hari yang sama. Ulasan bintang lima datang dari pelayanan yang ramah dan barang yang sesuai foto.</p>",
                    ),
                    _tip(
                        "Tips",
                        "<p>Catat setiap penjualan online di buku kas koperasi juga, supaya hasil jualan online ikut masuk laporan dan SHU.</p>",
                        kind="info",
                    ),
                ],
            },
        ],
    },
    {
        "slug": "pembayaran-digital-dan-qris",
        "title": "Pembayaran digital dan QRIS",
        "summary": "Menerima pembayaran dengan satu kode QR untuk semua aplikasi, dan mencatatnya dengan benar.",
        "minutes": 30,
        "difficulty": "dasar",
        "tags": ["Pembayaran", "QRIS"],
        "dimensions": ["D5", "D4"],
        "cover": "cover-qris",
        "lessons": [
            {
                "slug": "mengenal-qris",
                "title": "Mengenal QRIS",
                "summary": "Satu kode QR untuk semua aplikasi pembayaran.",
                "body": [
                    (
                        "text",
                        "<p><b>QRIS</b> (Quick Response Code Indonesian Standard) adalah standar kode QR dari Bank Indonesia. Dengan satu kode QRIS, koperasi bisa menerima pembayaran dari aplikasi bank mana pun dan dompet digital mana pun.</p>"
                        "<p>Bagi koperasi, QRIS berarti: tidak perlu menyiapkan uang kembalian, uang langsung masuk ke rekening koperasi, dan setiap pembayaran punya catatan. Bagi anggota, membayar simpanan atau belanja di toko koperasi jadi lebih mudah.</p>",
                    ),
                    ("image", "langkah-qris"),
                    (
                        "text",
                        "<h2>Cara mendapatkan QRIS</h2><p>Daftarkan koperasi ke bank atau penyedia pembayaran resmi yang sudah diizinkan Bank Indonesia. Siapkan dokumen koperasi (akta badan hukum, NIB, rekening atas nama koperasi) dan identitas pengurus. Setelah disetujui, koperasi menerima kode QRIS yang bisa dicetak dan ditempel di meja kasir.</p>",
                    ),
                    _tip(
                        "Info",
                        "<p>Pedagang membayar biaya kecil per transaksi (MDR), dan untuk usaha mikro biaya ini sangat rendah. Tanyakan ketentuan terbaru kepada bank Anda sebelum mendaftar.</p>",
                        kind="info",
                    ),
                ],
            },
            {
                "slug": "menerima-pembayaran-qris",
                "title": "Menerima pembayaran dengan QRIS",
                "summary": "Langkah di kasir dan cara memastikan uang benar-benar masuk.",
                "body": [
                    (
                        "text",
                        "<ol><li>Sebutkan jumlah yang harus dibayar.</li><li>Pembeli memindai kode QRIS dengan aplikasinya dan memasukkan jumlah (bila kodenya statis).</li><li>Pembeli menekan bayar dan menunjukkan layar bukti.</li><li><b>Kasir memeriksa notifikasi masuk di aplikasi merchant koperasi</b>, bukan hanya melihat layar HP pembeli.</li><li>Catat transaksi di buku kas atau aplikasi kasir.</li></ol>",
                    ),
                    _tip(
                        "Perhatian",
                        "<p>Penipu bisa menunjukkan layar bukti palsu atau hasil suntingan. Barang baru diserahkan setelah notifikasi muncul di aplikasi merchant koperasi.</p>",
                        kind="warning",
                    ),
                    (
                        "text",
                        "<p>Periksa juga kode QRIS yang tertempel secara berkala. Ada modus menempel stiker QRIS lain di atasnya sehingga uang masuk ke rekening orang lain. Pasang kode di tempat yang terlihat kasir dan lapisi dengan plastik bening.</p>",
                    ),
                ],
            },
            {
                "slug": "mencatat-dan-mencocokkan",
                "title": "Mencatat dan mencocokkan pembayaran digital",
                "summary": "Rekonsiliasi harian: catatan kasir sama dengan mutasi rekening.",
                "body": [
                    (
                        "text",
                        "<p>Uang QRIS masuk ke rekening, bukan ke laci. Karena itu, setiap hari cocokkan catatan penjualan non-tunai dengan mutasi rekening atau laporan di aplikasi merchant. Pekerjaan ini disebut <b>rekonsiliasi</b>.</p>",
                    ),
                    (
                        "table",
                        _table(
                            [
                                ["Jam", "Catatan kasir (Rp)", "Mutasi rekening (Rp)", "Cocok?"],
                                ["08.15", "45.000", "45.000", "Ya"],
                                ["09.40", "120.000", "120.000", "Ya"],
                                ["10.05", "30.000", "-", "Belum: tanyakan ke pembeli / bank"],
                            ]
                        ),
                    ),
                    (
                        "text",
                        "<p>Bila ada selisih, catat dan selesaikan hari itu juga. Simpan laporan harian dari aplikasi merchant sebagai bukti transaksi, sama seperti nota untuk uang tunai.</p>",
                    ),
                    _tip(
                        "Tips",
                        "<p>Pisahkan kolom <b>tunai</b> dan <b>non-tunai</b> di buku kas. Dengan begitu saldo laci dan saldo rekening mudah diperiksa masing-masing.</p>",
                    ),
                ],
            },
        ],
    },
    {
        "slug": "keamanan-akun-dan-data-anggota",
        "title": "Menjaga keamanan akun dan data anggota",
        "summary": "Kata sandi, kode OTP, penipuan lewat pesan, dan cara menyimpan data anggota dengan aman.",
        "minutes": 35,
        "difficulty": "dasar",
        "tags": ["Keamanan", "Data anggota"],
        "dimensions": ["D4", "D2"],
        "cover": "cover-keamanan",
        "lessons": [
            {
                "slug": "kata-sandi-dan-otp",
                "title": "Kata sandi dan kode OTP",
                "summary": "Membuat kata sandi kuat dan tidak pernah membagikan OTP.",
                "body": [
                    (
                        "text",
                        "<p>Akun koperasi, seperti email, rekening, marketplace, dan aplikasi pembukuan, adalah kunci harta anggota. Bila kata sandinya lemah, orang lain bisa masuk dan mengambil uang atau data.</p>"
                        "<h2>Kata sandi yang kuat</h2><ul><li>Panjang, paling sedikit 12 huruf. Gabungan beberapa kata lebih mudah diingat, misalnya <i>kopi-manis-sawah-2026</i>.</li><li>Berbeda untuk setiap akun.</li><li>Bukan tanggal lahir, nama anak, atau nomor HP.</li></ul>",
                    ),
                    ("image", "kata-sandi"),
                    (
                        "text",
                        "<p>Aktifkan <b>verifikasi dua langkah</b> bila tersedia. Setelah kata sandi, aplikasi meminta kode sekali pakai (OTP) yang dikirim ke HP. Pencuri yang tahu kata sandi tetap tidak bisa masuk tanpa kode itu.</p>",
                    ),
                    _tip(
                        "Perhatian",
                        "<p><b>Jangan pernah memberikan kode OTP kepada siapa pun</b>, termasuk yang mengaku petugas bank, kurir, atau Dinas. Petugas resmi tidak pernah meminta OTP.</p>",
                        kind="warning",
                    ),
                ],
            },
            {
                "slug": "mengenali-penipuan",
                "title": "Mengenali penipuan lewat pesan",
                "summary": "Tanda-tanda pesan penipuan dan apa yang harus dilakukan.",
                "body": [
                    (
                        "text",
                        "<p>Penipuan paling sering datang lewat WhatsApp, SMS, atau telepon. Penipu membuat kita panik atau senang supaya kita cepat bertindak tanpa berpikir.</p>",
                    ),
                    (
                        "table",
                        _table(
                            [
                                ["Tanda bahaya", "Contoh"],
                                ["Mendesak", "“Akun koperasi akan diblokir dalam 1 jam!”"],
                                ["Hadiah tiba-tiba", "“Selamat, koperasi Anda menang undian Rp50 juta”"],
                                ["File aneh", "Undangan atau “surat tilang” berupa file .apk"],
                                ["Meminta data rahasia", "Meminta OTP, PIN, atau foto KTP anggota"],
                            ],
                            first_col_is_header=True,
                        ),
                    ),
                    (
                        "text",
                        "<p>Bila ragu, <b>berhenti dan periksa</b>. Hubungi lembaga itu lewat nomor resmi yang tertulis di situs atau kartu ATM, bukan nomor dari pesan. Jangan memasang aplikasi dari file kiriman; pasang hanya dari Play Store.</p>"
                        "<p>Bila sudah terlanjur, segera ganti kata sandi, hubungi bank untuk memblokir rekening, dan beri tahu pengurus serta anggota supaya tidak ada korban lain.</p>",
                    ),
                    _tip(
                        "Tips",
                        "<p>Sepakati di koperasi: setiap permintaan transfer uang lewat pesan harus dikonfirmasi dengan menelepon langsung pengurus yang bersangkutan.</p>",
                    ),
                ],
            },
            {
                "slug": "menyimpan-data-anggota",
                "title": "Menyimpan data anggota dengan aman",
                "summary": "Data pribadi anggota dilindungi undang-undang: simpan seperlunya dan batasi aksesnya.",
                "body": [
                    (
                        "text",
                        "<p>Koperasi menyimpan data pribadi anggota: nama, NIK, alamat, nomor HP, simpanan, dan pinjaman. Undang-Undang Nomor 27 Tahun 2022 tentang Pelindungan Data Pribadi mewajibkan siapa pun yang mengelola data pribadi untuk menjaganya.</p>"
                        "<h2>Prinsip sederhana</h2><ul><li><b>Seperlunya:</b> kumpulkan hanya data yang memang dipakai.</li><li><b>Terbatas:</b> hanya petugas yang perlu yang bisa membuka data.</li><li><b>Tidak disebar:</b> jangan mengirim daftar anggota lengkap ke grup WhatsApp.</li><li><b>Dicadangkan:</b> simpan salinan di tempat aman supaya tidak hilang.</li></ul>",
                    ),
                    _tip(
                        "Perhatian",
                        "<p>Foto KTP anggota yang tersimpan di galeri HP pribadi staf adalah risiko. Simpan di folder koperasi yang dikunci, lalu hapus dari galeri.</p>",
                        kind="warning",
                    ),
                    (
                        "text",
                        "<p>Bila HP atau laptop koperasi hilang, segera ganti kata sandi semua akun yang terbuka di perangkat itu, dan catat kejadiannya di notulen pengurus.</p>",
                    ),
                ],
            },
        ],
    },
]
