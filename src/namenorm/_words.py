"""Short common words that are also acronyms in a gazetteer (US, IS, WHO, UN, AU, MIT).

An all-capitals alias whose normal form is one of these words matches only a query written in
capitals too: "IS" is Islamic State, "is" is a verb.
"""

from __future__ import annotations

__all__ = ["COMMON_WORDS", "DEMONYMS", "GENERIC_WORDS", "LEGAL_FORMS", "ORDINARY", "is_ordinary"]

COMMON_WORDS: frozenset[str] = frozenset(
    """
    a i an as at be by do go he if in is it me my no of oh ok on or so to up us we
    ad ag ah am ar au ax ay da de di du el em en er es et ex fa ha hi ho id la le li lo
    ma mi mo mu na ne nu od oe op ow ox pa pe pi re sh si ta te ti un ya ye yo
    ace act add age ago aid aim air all and ant any ape apt arc are ark arm art ask ate
    awe bad bag ban bar bat bay bed bee bet bid big bin bit bow box boy bud bug bus but buy
    cab can cap car cat cow cry cub cup cut dad day den dew did die dig dim dip doe dog don dot
    dry due dug dye ear eat egg ego elf elk elm end era eve eye fan far fat fed fee few fig fin
    fit fix fly foe fog for fox fun fur gap gas gel gem get god got gum gun gut guy gym had ham
    has hat hay hen her hid him hip his hit hog hop hot how hub hue hug hum hut ice icy ill imp
    ink inn ion its ivy jam jar jaw jet job jog joy jug key kid kin kit lab lad lag lap law lay
    led leg let lid lie lip lit log lot low mad man map mat may men met mid mix mob mom mop mud
    mug nag nap net new nil nod nor not now nun nut oak oar oat odd off oil old one opt orb ore
    our out owe owl own pad pal pan par pat paw pay pea peg pen pet pie pig pin pit ply pod pop
    pot pro pub pun pup put rag ram ran rap rat raw ray red rib rid rig rim rip rob rod rot row
    rub rug rum run rye sad sag sat saw say sea see set sew she shy sin sip sir sis sit six ski
    sky sly sob sod son sow soy spa spy sub sum sun tab tag tan tap tar tax tea ten the tie tin
    tip toe ton too top tow toy try tub tug two use van vat vet via vow war was wax way web wed
    wet who why wig win wit woe won wow yes yet you zip zoo
    able also army back bank base best bill bird blue boat body bold bond book born both call
    camp card care case cash cell city club coal code cold come cool core cost crew dame dare
    dark data date dawn days dead deal dear debt deep desk diet does done door down draw drop
    each east easy edge else even ever face fact fair fall farm fast fear feed feel file fill
    film find fine fire firm fish five flag flat flow food foot form four free from fuel full
    fund gain game gate gave gift girl give glad goal goes gold golf gone good grew grey grow
    hair half hall hand hang hard harm hate have head hear heat held hell help here hero high
    hill hire hold hole holy home hope host hour huge hung hunt idea inch into iron item join
    joke jump jury just keen keep kept kick kill kind king knew know lack lady laid lake land
    lane last late lead left less life lift like line link list live load loan lock long look
    lord lose loss lost love luck made mail main make male mall many mark mass meal mean meat
    meet menu mere mild mile milk mind mine miss mode more most move much must name navy near
    neck need news next nice nine none nose note okay once only open oral over pace pack page
    paid pain pair palm park part pass past path peak pick pile pine pink plan play plot plus
    poll pool poor port post pull pure push race rail rain rank rare rate read real rear rely
    rent rest rice rich ride ring rise risk road rock role roll roof room root rose rule rush
    safe said sake sale salt same sand save seat seed seek seem seen self sell send sent ship
    shop shot show shut sick side sign site size skin slip slow snow soft soil sold sole some
    song soon sort soul spot star stay step stop such suit sure take tale talk tall tank tape
    task team tell tend term test text than that them then they thin this thus tide till time
    tiny told tone took tool tour town tree trip true tune turn twin type unit upon used user
    vary vast very vice view vote wage wait wake walk wall want ward warm wash wave ways weak
    wear week well went were west what when whom wide wife wild will wind wine wing wire wise
    wish with wood word wore work yard yeah year your zero zone
    about above after again alone along among apple aside award aware basis beach began being
    below birth black blind block blood board brain bread break brief bring broad brown build
    built carry catch cause chain chair chart cheap check chest chief child civil claim class
    clean clear climb clock close coach coast could count court cover crash crime cross crowd
    cycle daily dance death delay depth doubt dozen draft drama dream dress drink drive early
    earth eight elite empty enemy enjoy enter entry equal error event every exact exist extra
    faith false fault field fight final first floor focus force forth frame fresh front fruit
    fully funny giant given glass globe grace grade grand grant grass great green gross group
    guard guess guest guide happy heart heavy horse hotel house human ideal image index inner
    input issue joint judge knife label large laser later laugh layer learn least leave legal
    level light limit local logic loose lower lucky lunch major maker march match maybe mayor
    metal might minor mixed model money month moral motor mount mouse mouth movie music nerve
    never night noise north novel nurse ocean offer often order other owner paint panel paper
    party peace phase phone photo piece pilot pitch place plain plane plant plate point pound
    power press price pride prime print prior prize proof proud prove queen quick quiet quite
    radio raise range rapid ratio reach ready refer relax reply right river rough round route
    royal rural scale scene scope score sense serve seven shall shape share sharp sheet shelf
    shell shift shirt shock shoot short sight since sixth skill sleep slide small smart smile
    smoke solid solve sound south space spare speak speed spend spite split sport staff stage
    stake stand start state steam steel stick still stock stone store storm story strip stuff
    style sugar suite super sweet table taken taste teach thank theme there these thick thing
    think third those three throw tight title today total touch tough tower track trade train
    treat trend trial truck truly trust truth twice under union unity until upper upset urban
    usage usual valid value video virus visit vital voice waste watch water wheel where which
    while white whole whose woman world worry worth would wound write wrong youth
    monday tuesday wednesday thursday friday saturday sunday january february march april may
    june july august september october november december
    """.split()
)

#: Adjectives of nationality and origin: ordinary words that look like country names.
DEMONYMS: frozenset[str] = frozenset(
    """
    afghan albanian algerian american andorran angolan argentine argentinian armenian australian
    austrian azerbaijani azeri bahraini bangladeshi barbadian belarusian belgian belizean
    beninese bhutanese bolivian bosnian botswanan brazilian british bruneian bulgarian burkinabe
    burmese burundian cambodian cameroonian canadian chadian chilean chinese colombian comorian
    congolese croatian cuban cypriot czech danish djiboutian dominican dutch ecuadorian egyptian
    emirati english equatoguinean eritrean estonian ethiopian european fijian filipino finnish
    french gabonese gambian georgian german ghanaian greek grenadian guatemalan guinean guyanese
    haitian honduran hungarian icelandic indian indonesian iranian iraqi irish israeli italian
    ivorian jamaican japanese jordanian kazakh kazakhstani kenyan korean kosovar kuwaiti kyrgyz
    lao laotian latvian lebanese liberian libyan liechtensteiner lithuanian luxembourgish
    macedonian malagasy malawian malaysian maldivian malian maltese mauritanian mauritian mexican
    moldovan monegasque mongolian montenegrin moroccan mozambican namibian nepali nepalese dutch
    nicaraguan nigerien nigerian norwegian omani pakistani palestinian panamanian paraguayan
    persian peruvian polish portuguese qatari romanian russian rwandan salvadoran samoan saudi
    scottish senegalese serbian sierraleonean singaporean slovak slovakian slovenian somali
    south sudanese spanish srilankan sudanese surinamese swazi swedish swiss syrian taiwanese
    tajik tanzanian thai togolese tongan trinidadian tunisian turkish turkmen ugandan ukrainian
    uruguayan uzbek venezuelan vietnamese welsh yemeni zambian zimbabwean
    arab arabic berber kurdish kurd amazigh tuareg bedouin soviet ottoman sahrawi levantine
    libyans egyptians turks russians syrians algerians tunisians americans europeans africans
    african asian western eastern northern southern
    """.split()
)

#: Words that name kinds of things in news text ("army", "ministry") rather than one thing.
GENERIC_WORDS: frozenset[str] = frozenset(
    """
    national government ministry foreign forces force military agency council house republic
    kingdom united unity accord agreement army navy defence defense interior minister president
    conference group brigade brigades militia militias air base airbase airport port city
    capital state states federal federation union league party front movement committee
    authority administration office department service services command general staff
    international news press radio television channel newspaper times post daily network
    organization organisation company corporation bank oil field desert sea coast region
    province district border military intelligence security police guard guards revolutionary
    islamic democratic people popular liberation support rapid special deterrence presidential
    prime parliament assembly congress senate representatives high supreme central east west
    north south eastern western northern southern libyan turkish russian egyptian
    """.split()
)

#: Legal forms and corporate boilerplate: present or absent between spellings of one company.
LEGAL_FORMS: frozenset[str] = frozenset(
    """
    ag plc ltd limited inc incorporated corp corporation co company sa spa gmbh llc lp llp pjsc
    pao oao ooo zao jsc ojsc cjsc nv bv ab oyj asa kk kabushiki kaisha holding holdings group
    sarl srl sas sae pte pvt bhd sdn tbk aktiengesellschaft societe anonyme sociedad anonima
    anonim sirketi as kg kgaa se ug ltda cia nk mmc gmk pt berhad
    """.split()
)

#: Every ordinary word: common, generic or a demonym.
ORDINARY: frozenset[str] = COMMON_WORDS | GENERIC_WORDS | DEMONYMS


def is_ordinary(text: str) -> bool:
    """Every word of a normalised ``text`` is an ordinary word ("army", "national army")."""
    return all(word in ORDINARY for word in text.split())
