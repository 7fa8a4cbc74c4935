"""Development set: official (long) names of countries, in many languages.

    python benchmarks/dev/official_names_dev.py

334 official names of 76 countries on the bundled gazetteer, as governments, constitutions, UN
documents and the press write them: the country's own-language name (*Repubblica Italiana*,
*Rzeczpospolita Polska*, *جمهورية مصر العربية*, *中华人民共和国*) and other languages' renderings
of it (*République arabe d'Égypte*, *Российская Федерация*, *Cộng hòa Pháp*), in English, French,
German, Spanish, Italian, Portuguese, Russian, Ukrainian, Polish, Dutch, Swedish, Greek, Turkish,
Arabic, Persian, Hebrew, Hindi, Indonesian, Vietnamese, Chinese (simplified and traditional),
Japanese, Korean and a few other own languages. Adjective forms (*Tunisian Republic*), "of" forms
(*Republic of Chad*, *République du Tchad*, *Republik Tschad*) and forms with an article
(*la République française*) are all there; weighted toward Libya, the Middle East, Africa and
Europe. Written from general knowledge of official usage, checked against public pages where
doubtful; not taken from iso-codes or CLDR. For looking at failures while a rule is written;
reported figures come from the held-out sets.
"""

from __future__ import annotations

import namenorm

NAMES = [
    # Libya and North Africa
    ("State of Libya", "libya"), ("دولة ليبيا", "libya"), ("État de Libye", "libya"),
    ("Государство Ливия", "libya"), ("Libya Devleti", "libya"), ("利比亚国", "libya"),
    ("Arab Republic of Egypt", "egypt"), ("جمهورية مصر العربية", "egypt"),
    ("République arabe d'Égypte", "egypt"), ("Repubblica Araba d'Egitto", "egypt"),
    ("הרפובליקה הערבית של מצרים", "egypt"), ("エジプト・アラブ共和国", "egypt"), ("Tunisian Republic", "tunisia"),
    ("الجمهورية التونسية", "tunisia"), ("la République tunisienne", "tunisia"),
    ("Tunesische Republik", "tunisia"), ("People's Democratic Republic of Algeria", "algeria"),
    ("الجمهورية الجزائرية الديمقراطية الشعبية", "algeria"),
    ("République algérienne démocratique et populaire", "algeria"),
    ("Demokratische Volksrepublik Algerien", "algeria"), ("Kingdom of Morocco", "morocco"),
    ("المملكة المغربية", "morocco"), ("le Royaume du Maroc", "morocco"), ("Reino de Marruecos", "morocco"),
    ("Islamic Republic of Mauritania", "mauritania"), ("الجمهورية الإسلامية الموريتانية", "mauritania"),
    ("République islamique de Mauritanie", "mauritania"),
    # Sahel, Horn and East Africa
    ("Republic of the Sudan", "sudan"), ("جمهورية السودان", "sudan"), ("République du Soudan", "sudan"),
    ("Republic of South Sudan", "south-sudan"), ("جمهورية جنوب السودان", "south-sudan"),
    ("République du Soudan du Sud", "south-sudan"), ("Republic of Chad", "chad"),
    ("République du Tchad", "chad"), ("جمهورية تشاد", "chad"), ("Republik Tschad", "chad"),
    ("Republic of the Niger", "niger"), ("République du Niger", "niger"), ("جمهورية النيجر", "niger"),
    ("Republic of Mali", "mali"), ("République du Mali", "mali"), ("جمهورية مالي", "mali"),
    ("Federal Republic of Nigeria", "nigeria"), ("République fédérale du Nigeria", "nigeria"),
    ("Bundesrepublik Nigeria", "nigeria"), ("Federal Democratic Republic of Ethiopia", "ethiopia"),
    ("République fédérale démocratique d'Éthiopie", "ethiopia"),
    ("Demokratische Bundesrepublik Äthiopien", "ethiopia"), ("埃塞俄比亚联邦民主共和国", "ethiopia"),
    ("State of Eritrea", "eritrea"), ("État d'Érythrée", "eritrea"), ("دولة إرتريا", "eritrea"),
    ("Federal Republic of Somalia", "somalia"), ("Jamhuuriyadda Federaalka Soomaaliya", "somalia"),
    ("جمهورية الصومال الفيدرالية", "somalia"), ("Republic of Kenya", "kenya"), ("Jamhuri ya Kenya", "kenya"),
    ("Republik Kenia", "kenya"), ("United Republic of Tanzania", "tanzania"),
    ("the United Republic of Tanzania", "tanzania"), ("Jamhuri ya Muungano wa Tanzania", "tanzania"),
    ("République-Unie de Tanzanie", "tanzania"), ("Объединённая Республика Танзания", "tanzania"),
    ("Republic of Uganda", "uganda"), ("République de l'Ouganda", "uganda"), ("Republik Uganda", "uganda"),
    ("Republic of Rwanda", "rwanda"), ("Repubulika y'u Rwanda", "rwanda"), ("République du Rwanda", "rwanda"),
    # Central, West and Southern Africa
    ("République démocratique du Congo", "democratic-republic-of-the-congo"),
    ("Demokratische Republik Kongo", "democratic-republic-of-the-congo"),
    ("República Democrática del Congo", "democratic-republic-of-the-congo"),
    ("Republic of the Congo", "republic-of-the-congo"), ("République du Congo", "republic-of-the-congo"),
    ("Republik Kongo", "republic-of-the-congo"), ("Republic of Cameroon", "cameroon"),
    ("République du Cameroun", "cameroon"), ("Republik Kamerun", "cameroon"),
    ("République centrafricaine", "central-african-republic"),
    ("Ködörösêse tî Bêafrîka", "central-african-republic"),
    ("Zentralafrikanische Republik", "central-african-republic"), ("Republic of Senegal", "senegal"),
    ("République du Sénégal", "senegal"), ("Republik Senegal", "senegal"),
    ("Republic of Côte d'Ivoire", "ivory-coast"), ("République de Côte d'Ivoire", "ivory-coast"),
    ("Republik Côte d'Ivoire", "ivory-coast"), ("Republic of South Africa", "south-africa"),
    ("Republiek van Suid-Afrika", "south-africa"), ("République d'Afrique du Sud", "south-africa"),
    ("南非共和国", "south-africa"), ("Republic of Angola", "angola"), ("República de Angola", "angola"),
    ("République d'Angola", "angola"),
    # Gulf and Middle East
    ("Kingdom of Saudi Arabia", "saudi-arabia"), ("المملكة العربية السعودية", "saudi-arabia"),
    ("Royaume d'Arabie saoudite", "saudi-arabia"), ("Suudi Arabistan Krallığı", "saudi-arabia"),
    ("پادشاهی عربستان سعودی", "saudi-arabia"), ("沙烏地阿拉伯王國", "saudi-arabia"),
    ("دولة الإمارات العربية المتحدة", "united-arab-emirates"),
    ("Émirats arabes unis", "united-arab-emirates"), ("Vereinigte Arabische Emirate", "united-arab-emirates"),
    ("Объединённые Арабские Эмираты", "united-arab-emirates"), ("State of Qatar", "qatar"),
    ("دولة قطر", "qatar"), ("État du Qatar", "qatar"), ("Katar Devleti", "qatar"),
    ("State of Kuwait", "kuwait"), ("دولة الكويت", "kuwait"), ("État du Koweït", "kuwait"),
    ("Kingdom of Bahrain", "bahrain"), ("مملكة البحرين", "bahrain"), ("Royaume de Bahreïn", "bahrain"),
    ("Sultanate of Oman", "oman"), ("سلطنة عمان", "oman"), ("Sultanat d'Oman", "oman"),
    ("Republic of Yemen", "yemen"), ("الجمهورية اليمنية", "yemen"), ("République du Yémen", "yemen"),
    ("Hashemite Kingdom of Jordan", "jordan"), ("المملكة الأردنية الهاشمية", "jordan"),
    ("Royaume hachémite de Jordanie", "jordan"), ("Haschemitisches Königreich Jordanien", "jordan"),
    ("Иорданское Хашимитское Королевство", "jordan"), ("הממלכה הירדנית ההאשמית", "jordan"),
    ("Syrian Arab Republic", "syria"), ("الجمهورية العربية السورية", "syria"),
    ("République arabe syrienne", "syria"), ("Сирийская Арабская Республика", "syria"),
    ("Suriye Arap Cumhuriyeti", "syria"), ("阿拉伯叙利亚共和国", "syria"), ("Lebanese Republic", "lebanon"),
    ("الجمهورية اللبنانية", "lebanon"), ("République libanaise", "lebanon"),
    ("Libanesische Republik", "lebanon"), ("Republic of Iraq", "iraq"), ("جمهورية العراق", "iraq"),
    ("République d'Irak", "iraq"), ("Irak Cumhuriyeti", "iraq"), ("جمهوری عراق", "iraq"),
    ("Islamic Republic of Iran", "iran"), ("جمهوری اسلامی ایران", "iran"),
    ("République islamique d'Iran", "iran"), ("Исламская Республика Иран", "iran"),
    ("İran İslam Cumhuriyeti", "iran"), ("הרפובליקה האסלאמית של איראן", "iran"), ("伊朗伊斯兰共和国", "iran"),
    ("이란 이슬람 공화국", "iran"), ("State of Israel", "israel"), ("מדינת ישראל", "israel"),
    ("دولة إسرائيل", "israel"), ("État d'Israël", "israel"), ("Государство Израиль", "israel"),
    ("State of Palestine", "palestine"), ("دولة فلسطين", "palestine"), ("État de Palestine", "palestine"),
    ("Republic of Türkiye", "turkey"), ("Türkiye Cumhuriyeti", "turkey"), ("République de Turquie", "turkey"),
    ("Δημοκρατία της Τουρκίας", "turkey"), ("جمهورية تركيا", "turkey"), ("튀르키예 공화국", "turkey"),
    ("Republic of Cyprus", "cyprus"), ("Κυπριακή Δημοκρατία", "cyprus"), ("Kıbrıs Cumhuriyeti", "cyprus"),
    ("République de Chypre", "cyprus"),
    # South, Central and East Asia
    ("Islamic Emirate of Afghanistan", "afghanistan"), ("امارت اسلامی افغانستان", "afghanistan"),
    ("Islamic Republic of Afghanistan", "afghanistan"), ("Islamic Republic of Pakistan", "pakistan"),
    ("اسلامی جمہوریہ پاکستان", "pakistan"), ("République islamique du Pakistan", "pakistan"),
    ("Republic of India", "india"), ("भारत गणराज्य", "india"), ("République de l'Inde", "india"),
    ("印度共和国", "india"), ("Republic of Kazakhstan", "kazakhstan"), ("Республика Казахстан", "kazakhstan"),
    ("Қазақстан Республикасы", "kazakhstan"), ("People's Republic of China", "china"), ("中华人民共和国", "china"),
    ("中華人民共和國", "china"), ("Volksrepublik China", "china"), ("Китайская Народная Республика", "china"),
    ("جمهورية الصين الشعبية", "china"), ("चीनी जनवादी गणराज्य", "china"),
    ("Cộng hòa Nhân dân Trung Hoa", "china"), ("중화인민공화국", "china"), ("日本国", "japan"), ("일본국", "japan"),
    ("Republic of Korea", "south-korea"), ("대한민국", "south-korea"), ("大韓民國", "south-korea"),
    ("大韓民国", "south-korea"), ("Республика Корея", "south-korea"), ("Đại Hàn Dân Quốc", "south-korea"),
    ("Democratic People's Republic of Korea", "north-korea"), ("조선민주주의인민공화국", "north-korea"),
    ("朝鲜民主主义人民共和国", "north-korea"), ("Корейская Народно-Демократическая Республика", "north-korea"),
    ("Socialist Republic of Viet Nam", "vietnam"), ("Cộng hòa Xã hội Chủ nghĩa Việt Nam", "vietnam"),
    ("République socialiste du Viêt Nam", "vietnam"), ("越南社会主义共和国", "vietnam"),
    ("Republic of Indonesia", "indonesia"), ("Republik Indonesia", "indonesia"),
    ("Republiek Indonesië", "indonesia"), ("印度尼西亚共和国", "indonesia"),
    # Russia and Eastern Europe
    ("Russian Federation", "russia"), ("Российская Федерация", "russia"),
    ("la Fédération de Russie", "russia"), ("Federacja Rosyjska", "russia"),
    ("Російська Федерація", "russia"), ("Ρωσική Ομοσπονδία", "russia"), ("Ryska federationen", "russia"),
    ("الاتحاد الروسي", "russia"), ("הפדרציה הרוסית", "russia"), ("रूसी संघ", "russia"),
    ("Liên bang Nga", "russia"), ("俄罗斯联邦", "russia"), ("ロシア連邦", "russia"), ("Republic of Belarus", "belarus"),
    ("Рэспубліка Беларусь", "belarus"), ("Республика Беларусь", "belarus"),
    ("Республіка Білорусь", "belarus"), ("Republic of Moldova", "moldova"), ("Republica Moldova", "moldova"),
    ("Республика Молдова", "moldova"), ("Republic of Poland", "poland"), ("Rzeczpospolita Polska", "poland"),
    ("République de Pologne", "poland"), ("Республика Польша", "poland"), ("Республіка Польща", "poland"),
    ("Česká republika", "czech-republic"), ("République tchèque", "czech-republic"),
    ("Tschechische Republik", "czech-republic"), ("Republic of Serbia", "serbia"),
    ("Република Србија", "serbia"), ("Republika Srbija", "serbia"),
    # Western Europe
    ("Federal Republic of Germany", "germany"), ("Bundesrepublik Deutschland", "germany"),
    ("die Bundesrepublik Deutschland", "germany"), ("République fédérale d'Allemagne", "germany"),
    ("Федеративная Республика Германия", "germany"), ("Bondsrepubliek Duitsland", "germany"),
    ("Ομοσπονδιακή Δημοκρατία της Γερμανίας", "germany"), ("Cộng hòa Liên bang Đức", "germany"),
    ("德意志联邦共和国", "germany"), ("French Republic", "france"), ("République française", "france"),
    ("la République française", "france"), ("Французская Республика", "france"),
    ("Французька Республіка", "france"), ("Franska republiken", "france"), ("Γαλλική Δημοκρατία", "france"),
    ("الجمهورية الفرنسية", "france"), ("جمهوری فرانسه", "france"), ("הרפובליקה הצרפתית", "france"),
    ("Cộng hòa Pháp", "france"), ("法蘭西共和國", "france"), ("프랑스 공화국", "france"), ("Italian Republic", "italy"),
    ("Repubblica Italiana", "italy"), ("la Repubblica Italiana", "italy"), ("République italienne", "italy"),
    ("Итальянская Республика", "italy"), ("Republika Włoska", "italy"), ("意大利共和国", "italy"),
    ("イタリア共和国", "italy"), ("Kingdom of Spain", "spain"), ("Reino de España", "spain"),
    ("el Reino de España", "spain"), ("Royaume d'Espagne", "spain"), ("Regno di Spagna", "spain"),
    ("Королевство Испания", "spain"), ("西班牙王国", "spain"), ("Portuguese Republic", "portugal"),
    ("República Portuguesa", "portugal"), ("République portugaise", "portugal"),
    ("Kingdom of the Netherlands", "netherlands"), ("Koninkrijk der Nederlanden", "netherlands"),
    ("Royaume des Pays-Bas", "netherlands"), ("Königreich der Niederlande", "netherlands"),
    ("Kerajaan Belanda", "netherlands"), ("Kingdom of Belgium", "belgium"),
    ("Royaume de Belgique", "belgium"), ("Koninkrijk België", "belgium"), ("Kingdom of Sweden", "sweden"),
    ("Konungariket Sverige", "sweden"), ("Royaume de Suède", "sweden"), ("Hellenic Republic", "greece"),
    ("Ελληνική Δημοκρατία", "greece"), ("République hellénique", "greece"),
    ("Греческая Республика", "greece"), ("Helleense Republiek", "greece"), ("Republic of Austria", "austria"),
    ("Republik Österreich", "austria"), ("République d'Autriche", "austria"),
    ("Swiss Confederation", "switzerland"), ("Schweizerische Eidgenossenschaft", "switzerland"),
    ("Confédération suisse", "switzerland"), ("Confederazione Svizzera", "switzerland"),
    ("United Kingdom of Great Britain and Northern Ireland", "united-kingdom"),
    ("Royaume-Uni de Grande-Bretagne et d'Irlande du Nord", "united-kingdom"),
    ("Vereinigtes Königreich Großbritannien und Nordirland", "united-kingdom"),
    ("Соединённое Королевство Великобритании и Северной Ирландии", "united-kingdom"),
    ("المملكة المتحدة لبريطانيا العظمى وأيرلندا الشمالية", "united-kingdom"),
    ("大不列颠及北爱尔兰联合王国", "united-kingdom"),
    # The Americas
    ("United States of America", "united-states"), ("États-Unis d'Amérique", "united-states"),
    ("Estados Unidos de América", "united-states"), ("Соединённые Штаты Америки", "united-states"),
    ("Amerika Birleşik Devletleri", "united-states"), ("الولايات المتحدة الأمريكية", "united-states"),
    ("ארצות הברית של אמריקה", "united-states"), ("संयुक्त राज्य अमेरिका", "united-states"),
    ("Hợp chúng quốc Hoa Kỳ", "united-states"), ("美利堅合眾國", "united-states"), ("アメリカ合衆国", "united-states"),
    ("미합중국", "united-states"), ("United Mexican States", "mexico"), ("Estados Unidos Mexicanos", "mexico"),
    ("États-Unis mexicains", "mexico"), ("Plurinational State of Bolivia", "bolivia"),
    ("Estado Plurinacional de Bolivia", "bolivia"), ("État plurinational de Bolivie", "bolivia"),
    ("Bolivarian Republic of Venezuela", "venezuela"), ("República Bolivariana de Venezuela", "venezuela"),
    ("République bolivarienne du Venezuela", "venezuela"), ("Federative Republic of Brazil", "brazil"),
    ("República Federativa do Brasil", "brazil"), ("République fédérative du Brésil", "brazil"),
]


def main() -> None:
    r = namenorm.Resolver()
    known = {e.id for e in namenorm.Gazetteer.default()}
    rows = [(q, e) for q, e in NAMES if e in known]
    right, out = 0, []
    for q, e in rows:
        m = r.resolve(q)
        if m is not None and m.entity.id == e:
            right += 1
        else:
            out.append((q, e, m.entity.id if m else None))
    print(f"names {len(rows)}; right {right / len(rows):.3f}")
    for row in out:
        print(*row, sep="\t")


if __name__ == "__main__":
    main()
