"""Suggested quotes and speakers, and people found in text, on small texts written for each case."""

import pytest

from archive.importing.people import PeopleIndex, find_people, fold
from archive.importing.quotes import MIN_CONFIDENCE, find_quotes
from archive.importing.similarity import ArchiveQuotes, same_words
from tests.factories import PersonAliasFactory, PersonFactory, QuoteFactory


def quotes_in(text, index=None):
    return find_quotes(text, find_people(text, index))


def only_quote(text, index=None):
    quotes = quotes_in(text, index)
    assert len(quotes) == 1, [quote.text for quote in quotes]
    return quotes[0]


INTRO = "Anatoly Antonov arrived in Washington in 2017.\n\n"


# --- attribution -----------------------------------------------------------------------------------


def test_attribution_after_the_quote():
    quote = only_quote(INTRO + "“We are doomed to cooperate on many issues,” Antonov said.")

    assert quote.text == "We are doomed to cooperate on many issues."
    assert quote.speaker == "Anatoly Antonov"
    assert quote.unnamed_source == ""


def test_attribution_after_the_quote_inverted():
    quote = only_quote(INTRO + "“Russia is not a party to the conflict at all,” said Antonov, before leaving.")

    assert quote.speaker == "Anatoly Antonov"


def test_attribution_before_the_quote_with_a_colon():
    quote = only_quote(INTRO + "Antonov answered: “This problem cannot be solved by sanctions alone.”")

    assert quote.text == "This problem cannot be solved by sanctions alone."
    assert quote.speaker == "Anatoly Antonov"


def test_a_quote_after_a_colon_stays_with_its_speaker_whoever_the_next_sentence_names():
    text = (
        "Sergei Lavrov said on Tuesday: “We will not accept these sanctions.” "
        "Anatoly Antonov added that dialogue remains possible."
    )

    quote = only_quote(text)

    assert quote.text == "We will not accept these sanctions."
    assert quote.speaker == "Sergei Lavrov"


def test_according_to_introduces_a_speaker():
    quote = only_quote("According to Michael McFaul, “it is a big mistake not to have contacts at all.”")

    assert quote.speaker == "Michael McFaul"
    assert quote.kind == "partial"


def test_straight_quote_marks():
    quote = only_quote(INTRO + '"We are doomed to cooperate on many issues," Antonov said.')

    assert quote.text == "We are doomed to cooperate on many issues."
    assert quote.speaker == "Anatoly Antonov"


def test_he_stands_for_the_last_named_speaker():
    quotes = quotes_in(
        INTRO + "“We are doomed to cooperate on many issues,” Antonov said.\n\n"
        "Michael McFaul was in the audience.\n\n"
        "“Nobody wants to talk to me in this town,” he added."
    )

    assert [quote.speaker for quote in quotes] == ["Anatoly Antonov", "Anatoly Antonov"]


def test_he_after_someone_new_is_introduced_is_that_person():
    quotes = quotes_in(
        "“This is an unfriendly step that will not go unanswered,” Maria Zakharova told reporters.\n\n"
        "British Foreign Secretary James Cleverly defended the decision. "
        "“We will not tolerate hostile activity on British soil,” he said."
    )

    assert [quote.speaker for quote in quotes] == ["Maria Zakharova", "James Cleverly"]


def test_an_aside_between_the_source_and_the_verb_is_skipped():
    quote = only_quote(
        "A senior Western diplomat, speaking on condition of anonymity, described the move as "
        "“long overdue and entirely predictable given what we know.”"
    )

    assert quote.unnamed_source == "a senior Western diplomat"


def test_she_without_an_earlier_speaker_is_the_person_last_named():
    quote = only_quote(
        "Maria Zakharova held a briefing on Monday. Asked about the embassy, she said: "
        "“The Americans have closed our consulate for no reason.”"
    )

    assert quote.speaker == "Maria Zakharova"


def test_quote_interrupted_by_its_attribution_is_kept_whole():
    quote = only_quote(
        INTRO + "“We are doomed to cooperate on various issues,” Antonov said. “It is impossible to imagine otherwise.”"
    )

    assert quote.text == "We are doomed to cooperate on various issues. It is impossible to imagine otherwise."
    assert quote.speaker == "Anatoly Antonov"


def test_words_of_the_article_inside_an_interrupted_quote_are_marked_as_left_out():
    quote = only_quote(
        INTRO + "“When I came to Washington, my idea was to use the word ‘improvement’” to describe his goals for "
        "the relationship, Antonov said. “Now I prefer to use the word ‘stabilization.’”"
    )

    assert quote.text == (
        "When I came to Washington, my idea was to use the word ‘improvement’ … "
        "Now I prefer to use the word ‘stabilization.’"
    )


def test_quote_interrupted_mid_sentence_is_kept_whole():
    quote = only_quote(
        '"Antonov is considered a hardliner in the Russian system," Politico writes, '
        '"and his long experience includes negotiating nuclear arms treaties."'
    )

    assert quote.text == (
        "Antonov is considered a hardliner in the Russian system, "
        "and his long experience includes negotiating nuclear arms treaties."
    )
    assert quote.unnamed_source == "Politico"


def test_two_quotes_each_with_its_own_attribution_stay_two():
    quotes = quotes_in(
        INTRO + "“We are doomed to cooperate on various issues,” Antonov said. "
        "“Nobody wants to talk to me in this town,” he added."
    )

    assert len(quotes) == 2


def test_quote_running_over_two_paragraphs_is_kept_whole():
    quote = only_quote(
        INTRO + "“This is our diplomatic property and we want it back.\n\n"
        "“The chairs and the lamps are ours, after all,” Antonov said."
    )

    assert (
        quote.text
        == "This is our diplomatic property and we want it back.\n\nThe chairs and the lamps are ours, after all."
    )
    assert quote.speaker == "Anatoly Antonov"


def test_quote_running_over_two_sentences_is_kept_whole():
    quote = only_quote(INTRO + "Antonov said: “It is a big mistake. Let me be clear. We must talk to each other.”")

    assert quote.text == "It is a big mistake. Let me be clear. We must talk to each other."


def test_role_noun_resolves_to_the_person_named_with_that_role():
    quote = only_quote(
        "Russia’s ambassador to the United States, Anatoly Antonov, spoke in San Francisco. "
        "Michael McFaul, a professor, introduced him.\n\n"
        "“The chairs and the lamps there are ours, after all,” the Ambassador lamented."
    )

    assert quote.speaker == "Anatoly Antonov"


def test_role_noun_without_anyone_named_with_it_falls_back_to_the_main_subject():
    quote = only_quote(
        "Anatoly Antonov spoke for an hour. Antonov then took questions from Michael McFaul.\n\n"
        "“The chairs and the lamps there are ours, after all,” the diplomat lamented."
    )

    assert quote.speaker == "Anatoly Antonov"
    assert quote.confidence < 0.9  # a guess, and marked as one


def test_surname_alone_is_the_full_name_used_earlier():
    quote = only_quote(
        "Michael McFaul, the former ambassador, spoke at Stanford.\n\n"
        "“You only know where your disagreements are if you interact,” McFaul said."
    )

    assert quote.speaker == "Michael McFaul"


def test_first_name_alone_is_the_full_name_used_earlier():
    quotes = quotes_in(
        "“What sanctions could persuade Russia to stop?” asked Dmitry Romanovich.\n\n"
        "Dmitry later summed up his reaction: “He did not even deny that the fighters are supported by Russia.”"
    )

    assert [quote.speaker for quote in quotes] == ["Dmitry Romanovich", "Dmitry Romanovich"]


def test_partial_quote_after_a_reporting_verb():
    quote = only_quote(
        "Andrei Piontkovsky notes that the US can ask the Kremlin "
        "“for help in solving another security problem for the United States.”"
    )

    assert quote.speaker == "Andrei Piontkovsky"
    assert quote.kind == "partial"


# --- unnamed sources -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("attribution", "source"),
    [
        ("a State Department spokesperson said", "a State Department spokesperson"),
        ("said a senior White House official on Monday", "a senior White House official"),
        ("officials said", "officials"),
        ("Politico writes", "Politico"),
        ("the Kremlin said", "the Kremlin"),
    ],
)
def test_unnamed_sources_are_recorded_as_such_and_never_as_people(attribution, source):
    text = f"The talks stalled.\n\n“We have nothing further to add on the matter,” {attribution}."
    found = find_people(text)
    quote = only_quote(text)

    assert quote.speaker is None
    assert quote.unnamed_source == source
    assert found.people == []


# --- not quotes ----------------------------------------------------------------------------------------


def test_scare_quotes_are_not_quotes():
    text = (
        INTRO + "Relations are in a “blockade,” Antonov said. Antonov said the notion was “fake news”. "
        'Having spent a decade as a ‘diplomatic spouse’, I disagree. "A very big mistake," he said.'
    )
    assert quotes_in(text) == []


def test_quoted_titles_are_not_quotes():
    text = "John Feeley wrote an op-ed titled “Why I Could No Longer Serve This President.” He moved to Miami."
    assert quotes_in(text) == []


def test_quotes_without_any_attribution_are_not_suggested():
    assert quotes_in("“This sentence has nobody saying it at all.” The weather was fine.") == []


def test_every_confidence_is_between_zero_and_one_and_above_the_floor():
    text = (
        INTRO + "“We are doomed to cooperate on many issues,” Antonov said. The diplomat paused.\n\n"
        "“The chairs and the lamps there are ours, after all,” the diplomat lamented.\n\n"
        "“We have nothing further to add on the matter,” officials said."
    )
    quotes = quotes_in(text)

    assert len(quotes) == 3
    assert all(MIN_CONFIDENCE <= quote.confidence <= 1 for quote in quotes)


def test_passage_and_offsets_point_into_the_body():
    body = INTRO + "“We are doomed to cooperate on many issues,” Antonov said."
    quote = only_quote(body)

    assert body[quote.passage_start : quote.passage_end] == quote.passage
    assert quote.passage == "“We are doomed to cooperate on many issues,” Antonov said."


# --- people --------------------------------------------------------------------------------------------


def test_non_person_capitalised_phrases_are_not_people():
    text = (
        "In April, the White House and the State Department snubbed Anatoly Antonov on Embassy Row. "
        "Northern California welcomed him. The Washington Post, NATO and the Freeman Spogli Institute took note. "
        "Therefore Michael McFaul spoke. On Monday, December talks at the World Affairs Council were cancelled. "
        "Russian Ambassador Anatoly Antonov left."
    )
    assert [person.name for person in find_people(text).people] == ["Anatoly Antonov", "Michael McFaul"]


def test_place_before_a_name_is_not_part_of_it():
    found = find_people("In 2018 the U.S. ambassador to Panama John Feeley resigned.")

    assert [person.name for person in found.people] == ["John Feeley"]


def test_unknown_full_names_are_proposed_as_new_people():
    found = find_people("Andrei Piontkovsky wrote about it. Piontkovsky was blunt.")

    assert [(person.name, person.new, person.mentions) for person in found.people] == [("Andrei Piontkovsky", True, 2)]


def test_folding_ignores_accents_and_case():
    assert fold("Zdzisław RURARZ") == fold("zdzislaw rurarz") == "zdzislaw rurarz"


@pytest.mark.django_db
def test_names_match_people_and_alias_names_in_the_archive():
    antonov = PersonFactory(name="Anatoly Antonov", slug="anatoly-antonov")
    PersonAliasFactory(person=antonov, name="Anatoliy Antonov")
    rurarz = PersonFactory(name="Zdzisław Rurarz", slug="rurarz", draft=True)
    text = (
        "Anatoliy Antonov spoke. Zdzislaw Rurarz listened.\n\n"
        "“We are doomed to cooperate on many issues,” Antonov said."
    )
    index = PeopleIndex.from_database()
    found = find_people(text, index)

    assert [(person.name, person.person) for person in found.people] == [
        ("Anatoly Antonov", antonov),
        ("Zdzisław Rurarz", rurarz),
    ]
    assert only_quote(text, index).speaker == "Anatoly Antonov"


@pytest.mark.django_db
def test_surname_alone_matches_the_one_person_in_the_archive_with_it():
    putin = PersonFactory(name="Vladimir Putin", slug="putin")
    found = find_people("Putin decided to speed things along.", PeopleIndex.from_database())

    assert [person.person for person in found.people] == [putin]


# --- words already in the archive ---------------------------------------------------------------------


def test_same_words_allows_punctuation_case_and_small_differences():
    archived = "We are doomed to cooperate on various issues."

    assert same_words("“We are doomed to cooperate on various issues,”", archived)
    assert same_words("We're doomed to cooperate on various issues", "We’re doomed to co-operate on various issues.")
    assert same_words("doomed to cooperate on various issues", archived)  # one contains the other
    assert not same_words("We are ready to cooperate on nuclear issues.", archived)


@pytest.mark.django_db
def test_archive_quotes_find_the_existing_quote():
    existing = QuoteFactory(text="We are doomed to cooperate on various issues.")
    QuoteFactory(text="Nobody wants to talk to me in this town.")
    archive = ArchiveQuotes.from_database()

    assert archive.find("We are doomed to co-operate on various issues,") == existing.pk
    assert archive.find("Something else entirely, said by someone else.") is None
