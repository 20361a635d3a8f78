"""
What a careful editor accepts as quotes in the three seed articles (shared/seeds), with speakers.

Our own annotation, the yardstick for ``import_quality`` and ``tests/test_import_seeds.py``.
Included: direct quotes, and partial quotes of five words or more, with the person who said
them or, for a source the article does not name as a person (an outlet), that source.
Left out: scare quotes and terms of four words or fewer ("blockade", "fake news",
‘diplomatic spouse’, “warped and betrayed”, “offer too good to refuse”), the op-ed title
“Why I Could No Longer Serve This President.”, and Raw Story's garbled "current lack of
popularity …" (a reporter's question with a misplaced quote mark, not anyone's words).

A quote interrupted by its attribution is one quote; " … " marks words of the article's own
between its parts. Matching ignores case, punctuation and quote marks.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Expected:
    text: str
    speaker: str = ""  # a person's full name
    unnamed_source: str = ""  # or a source the article does not name as a person


ANTONOV = "Anatoly Antonov"

SEED_ANNOTATIONS = {
    # Raw Story, "Nobody wants to talk to Russia's ambassador to the US -- not even Putin", 2022.
    "000_0702c60d84dcf9ee.txt": (
        Expected(
            "Antonov is considered a hardliner in the Russian system, and his long experience includes negotiating "
            "nuclear arms treaties. Serving as ambassador to Washington may prove the most thankless task he’s ever "
            "had.",
            unnamed_source="Politico",
        ),
        Expected(
            "When I came to Washington, my idea was to use the word ‘improvement’ … Now I prefer to use the word "
            "‘stabilization.’",
            ANTONOV,
        ),
        Expected(
            "We are doomed to cooperate on various issues. It’s impossible to imagine even under such circumstances "
            "that problems of strategic stability, climate change, coronavirus, fighting against terrorism, fighting "
            "against the proliferation of weapons of mass destruction could be solved without active engagement of "
            "the United States and Russia.",
            ANTONOV,
        ),
        Expected(
            "It’s a very narrow approach to say the ‘Russian invasion of Ukraine.’ We are talking about changing the "
            "world order that was created by the United States, by NATO countries after the dissolution of the "
            "Soviet Union.",
            ANTONOV,
        ),
        Expected("Every coin has two sides.", ANTONOV),
    ),
    # UnHerd, Cheryl Benard, "The loneliest Russian in the world", 2022-05-02.
    "002_25cde8863f345c04.txt": (Expected("the traditional core values of the United States.", "John Feeley"),),
    # Euromaidan Press, "Russian-American Dialogue: Cooperation or Blackmail?", 2017-12-04.
    "004_2f1fc1daaec93897.txt": (
        Expected(
            "Russia is a permanent member of the UN Security Council and the world’s second largest nuclear power. "
            "We are ready to offer our assistance in negotiations with the DPRK, as we too are concerned about the "
            "growing nuclear potential of North Korea. Likewise we can help the United States in its fight against "
            "ISIS (Islamic State), and in regulating Iran’s nuclear program.",
            ANTONOV,
        ),
        Expected(
            "This is our diplomatic property, and I still cannot get an answer as to what possible threat it poses "
            "to the US if I am allowed to simply come check the safety of our property. The items there, the "
            "chairs, the lamps, they are ours, after all.",
            ANTONOV,
        ),
        Expected(
            "You must first and foremost cooperate with the Kremlin, otherwise they will continue to blow you up. "
            "That was the narrative developed by Putin’s propaganda and his foreign agents after the Boston "
            "Marathon terrorist attack by the Tsarnaev brothers. Any American prosecutor, journalist or politician "
            "who wanted to understand the truth about the Tsarnaevs’ terrorist attack, can be assured that “the "
            "Boston fuse had been ignited a long time ago” (Novaya Gazeta, April 27, 2013). Before carrying out his "
            "act of terrorism, the elder Tsarnaev spent eight months of 2012 in Russia, under the strict control of "
            "the FSB. He did not sneak out of Russia to America through some hidden backchannels, but he flew "
            "openly through Sheremetyevo airport….Tsarnaev would never have dared to carry out such an act if he "
            "had not been absolutely sure that he would be completely safe in Russia, that he was going to friends "
            "and curators.",
            "Andrei Piontkovsky",
        ),
        Expected(
            "for help in solving another security problem for the United States – the rapidly growing nuclear "
            "missile potential of the DPRK of Russian origin.",
            "Andrei Piontkovsky",
        ),
        Expected(
            "If you have read the Minsk Agreement, then you should know that Russia is not a party to the conflict. "
            "Putin cannot simply pick up the phone and command the leadership of DNR and LNR to begin exchanging "
            "prisoners.",
            ANTONOV,
        ),
        Expected("all prisoners to be released before Christmas.", ANTONOV),
        Expected(
            "What additional international sanctions could finally persuade Russia to stop supporting terrorists "
            "in the Donbas?",
            "Dmitry Romanovich",
        ),
        Expected(
            "From our common history, you must remember how during the Second World War all the peoples of the "
            "USS.R. joined together against fascism. Based on this experience, you must understand that this "
            "problem cannot be solved by sanctions alone … For our part, we are doing everything we can so that our "
            "people feel protected on the territory of Ukraine. We cannot allow a repeat of what happened in Odesa, "
            "where people were burned [alive].",
            ANTONOV,
        ),
        Expected(
            "Notice he didn’t even deny that Donbas terrorists are being supported by Russia, directly stating that "
            "they are doing this for the intent of “protecting the Russian-speaking population.” He did not even "
            "object to my using the word “terrorists.” This is incredible honesty! Moreover, the Russian Ambassador "
            "for some reason linked the release of filmmaker Oleg Sentsov to political prisoners contemplated in "
            "the exchange of prisoners provisions in the Minsk Agreement framework. This indicates either complete "
            "ignorance of the issue or the direct influence of Russia on the leadership of the occupied territories "
            "in Donbas. In short, both of his answers confirm Russia’s participation in the war in the Donbas.",
            "Dmitry Romanovich",
        ),
        Expected(
            "It’s a big mistake not to have contacts. Let me be clear. It doesn’t mean we’re going to agree. You "
            "only know where your real disagreements are if you interact with your counterparts. And right now "
            "there is not enough interaction between our governments, between our military, between our NGOs, and "
            "between our political leaders, including the Congress. We have some serious disagreements, let’s be "
            "clear about that. It’s not just in my opinion a normal national interest. Annexation is a policy that "
            "is illegal, that we thought was ended at the end of World War II. And so, I personally have a radical "
            "disagreement with that. In the same way, Russia and entities connected to the Russian government "
            "violated the sovereignty of the United States in our 2016 presidential election. This is a FACT. "
            "That’s not something to be debated. If we can’t agree on that fact, no amount of engagement will get "
            "us around that.",
            "Michael McFaul",
        ),
    ),
}
