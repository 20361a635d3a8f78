"""
Words that tell a capitalised phrase is not a person's name, and words that introduce a quote.

Kept as data so name finding (``people``) and attribution (``quotes``) read the same lists.
Every entry is lower case; compare against ``word.lower()`` with any possessive removed.
"""


def words(text):
    """A set of the whitespace-separated words in ``text``: long lists read better as prose."""
    return frozenset(text.split())


MONTHS = words(
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec"
)

WEEKDAYS = words("monday tuesday wednesday thursday friday saturday sunday")

# Words capitalised only because a sentence (or a headline) starts with them.
COMMON_WORDS = words(
    """
    a about above according across after afterwards again against ago all almost along already also although always
    among an and another any anyone anything anyway are as at back be because been before being below besides
    between beyond both but by can cannot could did do does doing done down during each either else even ever every
    everyone everything few first for former from further given had has have having he her here hers herself him
    himself his how however i if in indeed instead into is it its itself just last later latter least less let like
    likely many may maybe me meanwhile might mine more moreover most much must my myself neither never
    nevertheless next no nobody none nor not nothing now of off often on once one only onto or other others
    otherwise our ours ourselves out over overall own perhaps please quite rather really same several she should
    since so some somehow someone something sometimes still such than that the their theirs them themselves then
    there thereafter therefore therein these they this those though through throughout thus to today together too
    toward towards under unless until up upon us very via was we well were what whatever when whenever where
    whereas wherever whether which while who whoever whole whom whose why will with within without yet you your
    yours yourself yourselves ironically notably similarly finally fortunately unfortunately clearly surely
    certainly obviously dear yes okay oh ah could would shall should might must can will may need ought
    overnight currently recently tomorrow yesterday tonight earlier
    """
)

TITLES = words(
    """
    president vice ambassador ambassadors envoy professor prof dr mr mrs ms miss mx sir dame lord lady sen senator
    rep representative congressman congresswoman minister secretary general gen colonel col captain capt
    lieutenant lt sergeant sgt admiral adm commander pope king queen prince princess sheikh emir sultan chancellor
    premier prime deputy director judge justice governor gov mayor spokesman spokeswoman spokesperson chairman
    chairwoman chair commissioner consul dean associate assistant rabbi father reverend rev bishop archbishop
    patriarch metropolitan cardinal imam ayatollah marshal field chief head attaché attache counsellor counselor
    undersecretary under-secretary foreign defence defense interior state-secretary first-secretary premier
    supreme leader emeritus honourable honorable excellency his her
    """
)

# Post names that can stand for a person already named: "the Ambassador lamented".
ROLE_NOUNS = words(
    """
    ambassador envoy diplomat minister president spokesman spokeswoman spokesperson secretary senator professor
    director chancellor premier official officer representative consul attaché attache counsellor counselor
    analyst adviser advisor general commander leader chairman chairwoman chair governor mayor dean researcher
    fellow journalist reporter correspondent author writer scholar expert lawmaker politician statesman
    """
)

DEMONYMS = words(
    """
    afghan african albanian algerian american arab arabian argentine argentinian armenian asian australian austrian
    azerbaijani azeri baltic belarusian belgian bosnian brazilian british bulgarian cambodian canadian catholic
    chechen chilean chinese christian colombian communist croatian cuban cypriot czech danish dutch egyptian emirati
    english estonian ethiopian european filipino finnish french georgian german greek hungarian icelandic indian
    indonesian iranian iraqi irish islamic islamist israeli italian japanese jewish jordanian kazakh kenyan korean
    kosovar kurdish kuwaiti kyrgyz latin latvian lebanese libyan lithuanian macedonian malaysian maltese mexican
    moldovan mongol mongolian montenegrin moroccan muslim nigerian nordic norwegian orthodox pakistani palestinian
    persian peruvian polish portuguese qatari romanian russian saudi scottish serbian slovak slovenian somali soviet
    spanish sudanese swedish swiss syrian taiwanese tajik tatar thai tibetan turkish turkmen ukrainian uzbek
    venezuelan vietnamese welsh yemeni western eastern northern southern central democratic republican
    conservative liberal labour socialist bolshevik tsarist imperial federal national international
    """
)

# One-word places, and words that make any phrase they start a place ("North Korea", "San Francisco").
PLACES = words(
    """
    afghanistan albania algeria andorra angola argentina armenia australia austria azerbaijan bahamas bahrain
    bangladesh barbados belarus belgium belize benin bhutan bolivia bosnia botswana brazil brunei bulgaria burkina
    burundi cambodia cameroon canada chile china colombia comoros congo croatia cuba cyprus czechia czechoslovakia
    denmark djibouti dominica ecuador egypt eritrea estonia eswatini ethiopia fiji finland france gabon gambia
    georgia germany ghana greece grenada guatemala guinea guyana haiti honduras hungary iceland india indonesia iran
    iraq ireland israel italy jamaica japan kazakhstan kenya kiribati korea kosovo kuwait kyrgyzstan laos
    latvia lebanon lesotho liberia libya liechtenstein lithuania luxembourg madagascar malawi malaysia maldives mali
    malta mauritania mauritius mexico micronesia moldova monaco mongolia montenegro morocco mozambique myanmar burma
    namibia nauru nepal netherlands holland nicaragua niger nigeria norway oman pakistan palau palestine panama
    paraguay peru philippines poland portugal qatar romania russia rwanda samoa senegal serbia seychelles singapore
    slovakia slovenia somalia spain sudan suriname sweden switzerland syria taiwan tajikistan tanzania thailand togo
    tonga trinidad tunisia turkey turkmenistan tuvalu uganda ukraine uruguay uzbekistan vanuatu vatican venezuela
    vietnam yemen zambia zimbabwe america europe asia africa antarctica oceania eurasia balkans caucasus crimea
    donbas donbass donetsk luhansk lugansk kharkiv kherson zaporizhzhia odesa odessa mariupol bucha irpin lviv kyiv
    kiev dnipro sevastopol chechnya siberia transnistria abkhazia ossetia kaliningrad moscow petersburg leningrad
    minsk warsaw berlin paris london brussels vienna geneva rome madrid lisbon prague budapest bucharest sofia
    belgrade zagreb athens ankara istanbul tehran baghdad damascus beirut jerusalem cairo riyadh doha dubai delhi
    islamabad kabul beijing shanghai tokyo seoul pyongyang hanoi manila jakarta canberra ottawa toronto havana
    caracas washington york boston chicago california florida texas virginia maryland alaska hawaii miami
    seattle oregon manhattan brooklyn helsinki stockholm oslo copenhagen tallinn riga vilnius tbilisi yerevan baku
    astana almaty tashkent bishkek dushanbe chisinau reykjavik dublin edinburgh amsterdam hague munich hamburg
    frankfurt bonn davos sochi yalta vladivostok skolkovo sheremetyevo pentagon
    """
)

# A capitalised phrase starting with one of these is a place: "North Korea", "San Francisco", "Ft. Ross".
PLACE_PREFIXES = words(
    """
    san santa los las new north south east west northern southern eastern western central upper lower greater
    saint st ft fort port mount mt lake cape gulf
    """
)

# Any of these inside a capitalised phrase makes it an organisation, outlet, place or event.
ORGANISATION_WORDS = words(
    """
    department house council institute institution university college school academy ministry agency bureau press
    post times news gazeta gazette journal herald tribune daily weekly review telegraph guardian observer mail
    magazine radio tv television network media images commons wikipedia service services office committee commission
    organization organisation association society league alliance federation republic kingdom union nations states
    emirates coalition party parliament duma senate congress assembly court tribunal bank fund foundation trust
    company corporation corp inc ltd llc group holdings forum centre center program programme project initiative
    agreement accord treaty pact protocol convention declaration charter act law plan doctrine summit
    conference congress festival marathon olympics games cup prize award war revolution crisis affair affairs
    rights relations studies research security intelligence development trade economic economy leaders army navy
    air force forces guard police church cathedral mosque palace hall hotel club street avenue square road row
    embassy consulate kremlin capitol airport station bridge island islands sea ocean river mountains
    region oblast province county district city town valley coast border front frontier era age dynasty empire
    administration government cabinet regime state world global international national federal general united
    facebook twitter telegram youtube google instagram politico newsweek reuters bloomberg tass interfax ria
    novosti sputnik ap afp bbc cnn nbc cbs abc npr pbs axios unherd euromaidan kommersant izvestia pravda
    vedomosti meduza rferl ukrinform unian
    """
)

# Subjects that are publications or institutions, reported as an unnamed source when they "say" something.
OUTLET_NAMES = words(
    """
    politico newsweek reuters bloomberg tass interfax ria novosti sputnik ap afp bbc cnn nbc cbs abc fox npr pbs
    axios unherd euromaidan kommersant izvestia pravda vedomosti meduza rferl ukrinform unian kremlin pentagon
    """
)

# Verbs (and verb phrases) that attribute words to a speaker. Multi-word entries are matched as phrases.
SPEECH_VERBS = words(
    """
    say says said saying tell tells told telling add adds added adding stress stresses stressed stressing write
    writes wrote writing note notes noted noting ask asks asked asking answer answers answered answering reply
    replies replied replying lament laments lamented lamenting explain explains explained explaining argue argues
    argued arguing insist insists insisted insisting state states stated stating declare declares declared
    declaring claim claims claimed claiming warn warns warned warning recall recalls recalled recalling continue
    continues continued continuing emphasize emphasizes emphasized emphasizing emphasise emphasises emphasised
    emphasising observe observes observed remark remarks remarked respond responds responded acknowledge
    acknowledges acknowledged admit admits admitted concede concedes conceded commented announce announces
    announced reported complain complains complained joke jokes joked quip quips quipped conclude concludes
    concluded tweet tweets tweeted posted shout shouts shouted exclaim exclaims exclaimed muttered whispered
    repeated retort retorts retorted countered protested objected confirm confirms confirmed deny denies denied
    assert asserts asserted maintain maintains maintained describe describes described describing
    """
)
SPEECH_PHRASES = (
    "according to",
    "went on",
    "goes on",
    "put it",
    "puts it",
    "pointed out",
    "points out",
    "summed up",
    "sums up",
    "wrote in",
)

# Words right before a quoted phrase that make it a title or a term, not a quote.
NAMING_WORDS = words(
    "titled entitled headlined called dubbed named word words term terms phrase slogan so-called label labelled "
    "labeled nicknamed motto hashtag"
)

PRONOUNS = frozenset({"he", "she", "they"})

# Nouns for groups and unnamed people: "officials said", "a source told".
SOURCE_NOUNS = words(
    """
    official officials source sources spokesperson spokesman spokeswoman diplomat diplomats person people
    aide aides adviser advisers advisor advisors observer observers analyst analysts insider insiders expert
    experts witness witnesses resident residents reporter reporters ministry embassy
    department government administration agency office kremlin
    """
)
