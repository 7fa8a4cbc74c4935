"""Development set: country names written syllable by syllable, as Vietnamese writes foreign names.

    python benchmarks/dev/syllables_dev.py

55 Vietnamese names of countries on the bundled gazetteer: the older transliterations that
write a foreign name one syllable at a time, joined by hyphens (*Ác-hen-ti-na*, *Xô-ma-li*,
*Ni-giê-ri-a*), and a few Sino-Vietnamese names (*Hy Lạp*, *Tây Ban Nha*). Written from general
knowledge of Vietnamese press usage, not from a file; a list of Vietnamese country names from
elsewhere may hold some of the same forms. For looking at failures while a rule is written.
"""

from __future__ import annotations

from _expected import report

NAMES = [
    ("Ác-hen-ti-na", "argentina"), ("Ăng-gô-la", "angola"), ("Áp-ga-ni-xtan", "afghanistan"),
    ("Ai-xơ-len", "iceland"), ("Cô-oét", "kuwait"), ("Ê-ti-ô-pi-a", "ethiopia"), ("Xô-ma-li", "somalia"),
    ("Xu-đăng", "sudan"), ("Ni-giê", "niger"), ("Ni-giê-ri-a", "nigeria"), ("Ga-na", "ghana"),
    ("Ma-rốc", "morocco"), ("Tuy-ni-di", "tunisia"), ("An-giê-ri", "algeria"), ("Li-bi", "libya"),
    ("Xy-ri", "syria"), ("I-rắc", "iraq"), ("I-ran", "iran"), ("Ca-na-đa", "canada"), ("Mê-hi-cô", "mexico"),
    ("Bra-xin", "brazil"), ("Pê-ru", "peru"), ("Chi-lê", "chile"), ("Cô-lôm-bi-a", "colombia"),
    ("Vê-nê-xu-ê-la", "venezuela"), ("Xin-ga-po", "singapore"), ("Ma-lai-xi-a", "malaysia"),
    ("In-đô-nê-xi-a", "indonesia"), ("Phi-líp-pin", "philippines"), ("Băng-la-đét", "bangladesh"),
    ("Pa-ki-xtan", "pakistan"), ("Ả-rập Xê-út", "saudi-arabia"), ("Gioóc-đa-ni", "jordan"),
    ("Li-băng", "lebanon"), ("Y-ê-men", "yemen"), ("Ô-man", "oman"), ("Ca-ta", "qatar"), ("Ba-ren", "bahrain"),
    ("Hy Lạp", "greece"), ("Thụy Điển", "sweden"), ("Na Uy", "norway"), ("Phần Lan", "finland"),
    ("Đan Mạch", "denmark"), ("Hà Lan", "netherlands"), ("Bồ Đào Nha", "portugal"), ("Tây Ban Nha", "spain"),
    ("U-crai-na", "ukraine"), ("Bê-la-rút", "belarus"), ("Ru-ma-ni", "romania"), ("Bun-ga-ri", "bulgaria"),
    ("Hung-ga-ri", "hungary"), ("Séc", "czech-republic"), ("Xlô-va-ki-a", "slovakia"), ("Crô-a-ti-a", "croatia"),
    ("Xéc-bi-a", "serbia"),
]


def main() -> None:
    report(NAMES)


if __name__ == "__main__":
    main()
