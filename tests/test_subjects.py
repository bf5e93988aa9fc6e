"""A sentence whose definite subject ("The bank…", "The minister…") stands for another body or
person than the one asked about answers nothing about it (qa.subjects), on the real model and
index as well as on text."""

from __future__ import annotations

import pytest

import qa
from qa.conflicts import names_conflict
from qa.subjects import subject_elsewhere

BANKS = ("Ostrava Savings Bank raises mortgage rate\n\nOstrava Savings Bank raised its mortgage "
         "rate to 5.4% on Tuesday, a week after Kellin Bank cut its own. The bank has 2.3 "
         "million customers.")
CLUBS = ("Brennock Athletic sign Ferro\n\nBrennock Athletic have signed winger Luca Ferro from "
         "Dunmore City on a four-year contract. The club paid a fee of 2.5 million pounds.")
MINISTERS = ("Tallis meets Irish counterpart\n\nTransport Minister Jon Tallis met his Irish "
             "counterpart, Siobhan Daly, in Dublin on Monday. The minister announced 50 million "
             "euros for cross-border roads.")


def _last(passage: str) -> str:
    return passage.rsplit(". ", 1)[1]


@pytest.mark.parametrize(("question", "passage"), [
    ("How many customers does Kellin Bank have?", BANKS),
    ("How much did Dunmore City pay for Luca Ferro?", CLUBS),
    ("How much did Siobhan Daly announce for cross-border roads?", MINISTERS),
    ("How many subscribers does Northwave TV have?",
     "Lumo deal\n\nThe streaming service Lumo bought the quiz show Brain Trust from Northwave "
     "TV. The company has 5 million subscribers."),
    # the noun among the opening words: "The oil firm", "The former minister"
    ("How much did Velda Resources earn?",
     "Oil\n\nArdent Petroleum, based in Tolleridge, bought two fields from Velda Resources. "
     "The oil firm earned 3 billion dollars last year."),
    ("Where was Ann Lee born?",
     "Reshuffle\n\nFormer health minister Tom Reyes quit on Monday, a week after Ann Lee. The "
     "former minister was born in Kellow."),
    ("How many branches does Harrow Bank have?",
     "Lenders\n\nPenfold Bank agreed to merge with Harrow Bank, the two said. The lender has "
     "41 branches."),
    # a quote inside the sentence before leaves its speaker the subject
    ("When will Piet Moll report to parliament?",
     "Talks\n\nHealth Minister Ana Strick said the talks with Piet Moll had been \"frank\". "
     "The minister will report to parliament on Monday."),
])
def test_a_definite_subject_that_stands_for_another_answers_nothing_about_the_one_asked(
        question: str, passage: str) -> None:
    assert subject_elsewhere(question, _last(passage), passage)


@pytest.mark.parametrize(("question", "passage"), [
    ("How many customers does Ostrava Savings Bank have?", BANKS),  # the subject itself
    ("How much did Brennock Athletic pay for Luca Ferro?", CLUBS),
    ("How much did Jon Tallis announce for cross-border roads?", MINISTERS),
    # the subject before is a person: "the company" is not theirs to decide
    ("How much did Delmar Energy lose?",
     "Delmar results\n\nChief executive Ross Akin said customers had left Delmar Energy. The "
     "company lost 80 million pounds last year."),
    # a quote says whose words, not who the company is
    ("How much did Delmar Energy lose?",
     "Delmar results\n\n\"We will not let Fenwick Gas take our customers,\" said Ross Akin of "
     "Delmar Energy. The company lost 80 million pounds last year."),
    # a sentence opening with a common word has no name for a subject
    ("How many shops does Marlin Stores have?",
     "Pennypay\n\nShoppers at Marlin Stores will pay with Pennypay cards. The retailer has 240 "
     "shops."),
    # another's former player is no subject of the club's own
    ("How many records have The Hollow Pines sold?",
     "Drummer\n\nSilver Ramble's former drummer, Ash Kerr, joined The Hollow Pines. The band has "
     "sold 3 million records."),
    # "Channel Tunnel operator Eurotunnel": the operator's name is the subject
    ("What were Eurotunnel's sales in 2004?",
     "Low-cost airlines hit Eurotunnel\nChannel Tunnel operator Eurotunnel has seen sales fall. "
     "The firm said sales were down 4% in 2004."),
    # "The chief executive of Orla" says whose
    ("Who is the chief executive of Zentra?",
     "Zentra\n\nOrla Media bought Zentra on Monday. The chief executive of Orla, Ann Lee, "
     "welcomed the deal."),
    # "The average house price" is no auction house
    ("What was the average UK house price in November?",
     "Prices\n\nNationwide said prices rose. The average house price rose to 180,000 pounds."),
    # a quote first says whose words
    ("How much did Delmar Energy lose?",
     "Delmar\n\nOrla Power said prices would rise. \"The company lost 80 million pounds,\" "
     "Delmar Energy's chief said."),
    # a person named without a title is no body either, nor one given a role after the name
    ("How many members does the Allied Makers Union have?",
     "Cuts\n\nTrent Mallory, regional officer of the Allied Makers Union, said workers had been "
     "betrayed. The union has 3,200 members."),
    ("How many members does the Allied Makers Union have?",
     "Cuts\n\nTrent Mallory said workers had been betrayed. The union has 3,200 members."),
    # "the Scottish Executive" is no minister
    ("At which Inverness school did Jack McConnell speak?",
     "Drunk\n\nBut the Scottish Executive has insisted Mr McConnell was speaking about adults. "
     "The first minister's comments came in a session at Glenurquhart High School."),
    # a one-word subject that names a person is no body
    ("How much does Harlow Town still owe Orla Rovers?",
     "Mercer\n\nWardle was speaking at the club's annual meeting in Harlow on Monday. The club "
     "still owe Orla Rovers 5 million pounds from the purchase of Mercer."),
    # a person asked about by a body's sentence: the body is not the person
    ("How much has Dunmore City offered for Omar Siddle?",
     "Siddle\n\nDunmore City are close to signing defender Omar Siddle. The club has offered "
     "900,000 pounds for the 23-year-old."),
])
def test_a_definite_subject_that_may_be_the_one_asked_decides_nothing(
        question: str, passage: str) -> None:
    assert not subject_elsewhere(question, _last(passage), passage)


def test_the_sentence_names_the_one_asked_itself() -> None:
    passage = ("Banks\n\nOstrava Savings Bank raised its rate. The bank said Kellin Bank has 2.3 "
               "million customers.")
    assert not subject_elsewhere("How many customers does Kellin Bank have?", _last(passage),
                                 passage)


@pytest.fixture(scope="module")
def banks(tmp_path_factory: pytest.TempPathFactory) -> qa.Bot:
    corpus = tmp_path_factory.mktemp("banks")
    (corpus / "ostrava.md").write_text(
        "---\ntitle: Ostrava Savings Bank raises mortgage rate\ndate: 2024-06-11\nsource: "
        "Tidewater Gazette\n---\nOstrava Savings Bank raised its mortgage rate to 5.4% on "
        "Tuesday, a week after Kellin Bank cut its own. The bank has 2.3 million customers.\n\n"
        "Kellin Bank is owned by the Dutch insurer Maarsen Group. The group bought it in 2017 "
        "for 600 million euros.\n")
    bot = qa.open(corpus, index=tmp_path_factory.mktemp("banks-index"))
    yield bot
    bot.close()


def test_the_real_bot_answers_for_the_bank_the_sentence_is_about(banks: qa.Bot) -> None:
    answer = banks.ask("How many customers does Ostrava Savings Bank have?")
    assert answer.text is not None and "2.3 million" in answer.text
    other = banks.ask("How many customers does Kellin Bank have?")
    assert other.text is None or "2.3 million" not in other.text


@pytest.mark.parametrize(("question", "sentence", "conflict"), [
    ("When was Harrowgate Bank founded?", "Penfold Savings was founded in 1962.", True),
    ("Where was Ann Lee born?", "Tom Reyes was born in Kellow.", True),
    ("Where was Ann Lee born?", "Ann Lee was born in Kellow.", False),
    ("When was Ann Lee arrested?", "Police arrested Ann Lee on Monday.", False),
    ("When was Velmora Electric founded?", "VE was founded in 1962.", False),
])
def test_another_name_that_had_the_asked_thing_done_to_it_conflicts(
        question: str, sentence: str, conflict: bool) -> None:
    assert names_conflict(question, sentence) is conflict


def test_a_one_letter_initial_is_no_name_said() -> None:
    passage = ("Banks\n\nOstrava Savings Bank raised its rate, a week after Tesco cut its own. The "
               "bank has 2.3 million customers.")
    assert subject_elsewhere("How many customers does Tesco have?",
                             "The bank has 2.3 million customers.", passage)



@pytest.mark.parametrize(("question", "sentence", "conflict"), [
    # "does X have": what another name has is that name's
    ("How many customers does Amberfield Power have?",
     "Brightwell Energy has 1.9 million customers.", True),
    ("How many customers does Amberfield Power have?",
     "Amberfield Power has 1.9 million customers.", False),
    ("How many customers does Amberfield Power have?",
     "Brightwell Energy has won 90,000 customers from Amberfield.", False),
    ("How many customers does Amberfield Energy have?",
     "Chief executive Ann Lee has about 2 million customers to win back.", False),
    # a possessive name asked, a short aside between the other name and its verb
    ("How many staff does Fenner's employ?", "Brightmore employs 212,000 staff.", True),
    ("How many staff does Fenner's employ?", "Fenner's employs 30,000 staff.", False),
    ("How many goals did Paolo Restrepo score last season?",
     "Ekwueme, 24, scored 19 league goals for Millbrook last season.", True),
    ("How many goals did Paolo Restrepo score last season?",
     "Restrepo, 24, scored 19 league goals for Millbrook last season.", False),
    # who did it to a name, answered by another's passive
    ("Who founded Quillon Software?", "Nimbra was founded in 2017 by Sadie Korth.", True),
    ("Who founded Quillon Software in 2001?", "Nimbra was founded in 2001 by Sadie Korth.", True),
    ("Who founded Quillon Software?", "Quillon was founded in 2017 by Sadie Korth.", False),
    ("Who founded Quillon Software?", "The firm was founded in 2017 by Sadie Korth.", False),
    # a firm's name that looks like a person's is no one acting for the asked firm, unless a
    # role or a title says so
    ("How many baristas does Kettlecup employ?",
     "Rival Pellworth employs 420 baristas across the country.", True),
    ("How many baristas does Pellworth employ?",
     "Rival Pellworth employs 420 baristas across the country.", False),
    ("How many artists does Fable & Finch have on its roster?",
     "Rival label Harrow Sound has 45 artists on its roster.", True),
    ("How many artists does Fable & Finch have on its roster?",
     "Fable & Finch has 45 artists on its roster.", False),
    ("How many people does Pixley employ?", "Quanta Loop's offices employ 60 people.", True),
    ("How many employees does Kettlecup have?", "Brisa Analytics has 180 employees.", True),
    ("How many tickets did the Cresthill Festival sell?",
     "The Greywater Festival sold 85,000 tickets this year, organisers said.", True),
    ("How many tickets did the Cresthill Festival sell?",
     "The rival Moorland Festival sold 60,000 tickets.", True),
    ("How many tickets did the Cresthill Festival sell?",
     "The Cresthill Festival sold 85,000 tickets this year.", False),
    ("How many jobs did Orla Motors cut?", "Chief executive Bo Park cut 500 jobs.", False),
    ("How many jobs did Orla Motors cut?", "Its boss Bo Park cut 500 jobs.", False),
    ("How many jobs did Orla Motors cut?", "Bo Park, the chief executive, cut 500 jobs.", False),
    ("How many jobs did Orla Motors cut?", "Ms Park cut 500 jobs.", False),
    # "The" opens a name, not a people's adjective; a role between name and name is no verb
    ("How many EPs has Maeve Quill released?", "The Larkins have released two EPs.", True),
    ("Where did Jimmy Connors spend three days?",
     "The American spent three days at the camp in La Manga.", False),
    ("On what date did Scotland forward Euan Murray's ban end?",
     "The Glasgow forward's ban ended on 2 February.", False),
    ("How much did the FCC fine CBS?",
     "The US Federal Communications Commission fined CBS $550,000.", False),
    # another trophy won, another group founded, a public body's generic words shared
    ("Who won the Wessex Trophy last season?",
     "Dunmore Athletic won the Northfield Trophy last season.", True),
    ("Who won the Wessex Trophy last season?",
     "Dunmore Athletic won the Wessex Trophy last season.", False),
    ("Which pair won the Hopman Cup for Slovakia in 1998?",
     "Slovakia won the Cup in 1998 when Karol Kucera and Karina Habsudova beat France.", False),
    ("Who won the Marden Trophy?",
     "The Tolland Trophy, held a week earlier, was won by Fennick Striders.", True),
    ("Who won the Marden Trophy?",
     "The Marden Trophy, held a week earlier, was won by Fennick Striders.", False),
    ("When was Marston Grey founded?", "The Wexley Group was founded in 1994.", True),
    ("How many people did Brackwater Fire Service rescue?",
     "Oldmere Fire and Rescue Service rescued 14 people.", True),
    ("How many people did Brackwater Fire Service rescue?",
     "Brackwater Fire Service rescued 14 people.", False),
    ("How many crews did Oldmere Fire and Rescue Service send?",
     "Neighbouring Brackwater Fire Service sent six crews to help.", True),
    ("How many crews did Oldmere Fire Service send?", "Ann Lee was sentenced to six years.",
     False),
    # a body's generic noun between its name and the verb
    ("How many staff does Northmere Ambulance Service employ?",
     "The Eastmere service employs 3,100 staff.", True),
    ("How many staff does Eastmere Ambulance Service employ?",
     "The Eastmere service employs 3,100 staff.", False),
    ("When was Tarnworth Fire Service formed?",
     "The Ashby service was formed in 1974 and has 28 fire stations.", True),
    ("How many shares did Google sell at $85 each?",
     "In its flotation the US-based company sold 19.6 million shares at $85 each.", False),
    ("How many cars did Orla Motors sell?", "The German carmaker sold 2 million cars.", False),
    ("When was Google founded?", "The US-based company was founded in 1998.", False),
])
def test_another_name_in_the_asked_place_conflicts(question: str, sentence: str,
                                                   conflict: bool) -> None:
    assert names_conflict(question, sentence) is conflict


@pytest.mark.parametrize(("question", "sentence", "other_way"), [
    ("How many subscribers did Kestrel Mobile add in the last quarter?",
     "Kestrel Mobile lost 95,000 subscribers over the same period.", True),
    ("How many seats did the Centre Party win?", "The party lost 12 seats.", True),
    ("How many subscribers did Kestrel Mobile add in the last quarter?",
     "Kestrel Mobile added 95,000 subscribers and lost 10,000.", False),
    ("How many subscribers did Kestrel Mobile add?",
     "Kestrel Mobile lost money but 95,000 new subscribers signed up.", False),
    ("Who won the final?", "Coria lost the semi-final to Rochus.", False),
])
def test_a_count_the_other_way_is_no_answer(question: str, sentence: str,
                                            other_way: bool) -> None:
    from qa.opposites import opposite
    assert opposite(question, sentence) is other_way


@pytest.mark.parametrize(("question", "elsewhere"), [
    ("How many people does Corvell Motors plan to hire?", True),
    ("How many people does Ostrander Automotive plan to hire?", False),
])
def test_a_firm_set_off_after_another_s_noun_is_the_subject(question: str,
                                                             elsewhere: bool) -> None:
    passage = ("Plants\n\nThe union has 3,200 members across Corvell's sites. Corvell's main "
               "competitor, Ostrander Automotive, announced a battery factory near Ashby. The "
               "carmaker plans to hire 700 people there by 2033.")
    assert subject_elsewhere(question, _last(passage), passage) is elsewhere


@pytest.mark.parametrize(("question", "elsewhere"), [
    ("What pre-tax profit did Castlebrook Finance report last year?", True),
    ("What pre-tax profit did Harrowgate Bank report last year?", False),
])
def test_a_one_word_subject_the_headline_calls_a_body_is_one(question: str,
                                                               elsewhere: bool) -> None:
    passage = ("Harrowgate Bank agrees to buy Pellmoor Savings\n\nRival lender Castlebrook "
               "Finance had made an approach in January. The bank walked away. Harrowgate shares "
               "rose 4% in early trading. The bank reported a pre-tax profit of £612 million last "
               "year.")
    assert subject_elsewhere(question, _last(passage), passage) is elsewhere


@pytest.mark.parametrize(("question", "elsewhere"), [
    ("How much did Pardew's shares rise?", True),
    ("How much did Linden Retail's shares rise?", False),
])
def test_its_is_the_body_the_sentence_before_is_about(question: str, elsewhere: bool) -> None:
    passage = ("Linden Retail sales rise\n\nLinden Retail reported a 4 per cent rise in sales "
               "over Christmas. Its shares rose 6 per cent in London trading.")
    assert subject_elsewhere(question, _last(passage), passage) is elsewhere


@pytest.mark.parametrize(("question", "sentence", "elsewhere"), [
    ("What revenue did Pellucid Systems report?",
     "Its largest competitor, Nexory, reported record revenue of $1.8 billion.", True),
    ("What revenue did Nexory Systems report?",
     "Its largest competitor, Nexory, reported record revenue of $1.8 billion.", False),
    ("Where will Corvell Motors build a new factory?",
     "Corvell's main competitor, Ostrander Automotive, announced a new factory in Brackley.",
     True),
    ("Where will Ostrander Automotive build a new factory?",
     "Corvell's main competitor, Ostrander Automotive, announced a new factory in Brackley.",
     False),
    ("Who is Corvell's main competitor?",
     "Corvell's main competitor, Ostrander Automotive, announced a new factory in Brackley.",
     False),
    ("What net profit did Brightwell Energy report?",
     "Its parent company reported a net profit of 2.8 billion kroner last year.", True),
    ("What net profit did Brightwell Energy's parent company report?",
     "Its parent company reported a net profit of 2.8 billion kroner last year.", False),
])
def test_a_rival_set_off_is_what_the_sentence_is_about(question: str, sentence: str,
                                                        elsewhere: bool) -> None:
    assert subject_elsewhere(question, sentence, f"Rivals\n\n{sentence}") is elsewhere


@pytest.mark.parametrize(("question", "elsewhere"), [
    ("How many paramedics did the Eastmere Ambulance Service recruit?", True),
    ("How many paramedics did the Westmere Ambulance Service recruit?", False),
])
def test_it_and_a_verb_done_is_the_body_named_before(question: str, elsewhere: bool) -> None:
    passage = ("Ambulances\n\nThe service's chief executive, Lorna Pike, blamed delays. "
               "Westmere Ambulance Service, its neighbour, hit the target in October. It "
               "recruited 150 paramedics last year.")
    assert subject_elsewhere(question, _last(passage), passage) is elsewhere


@pytest.mark.parametrize(("question", "elsewhere"), [
    ("How many valid claims did Pellow Air reject?", False),
    ("How many valid claims did Gannet Jet reject?", True),
])
def test_the_body_a_regulator_acted_on_is_the_one_the_noun_stands_for(question: str,
                                                                       elsewhere: bool) -> None:
    passage = ("Fine\n\nRival Gannet Jet paid its claims. The Civil Aviation Authority fined "
               "Pellow Air 2.5 million pounds on Thursday. The airline rejected 40,000 valid "
               "claims in 2023.")
    assert subject_elsewhere(question, _last(passage), passage) is elsewhere


@pytest.mark.parametrize(("question", "elsewhere"), [
    ("When was Carrow Rovers founded?", True),
    ("When was Dunmore Athletic founded?", False),
])
def test_the_body_a_person_plays_or_works_for_is_the_definite_subject(
        question: str, elsewhere: bool) -> None:
    passage = ("Final\n\nDunmore Athletic won the Northfield Trophy, beating Carrow Rovers 3-1. "
               "Dunmore striker Tobias Ferrin scored twice in the first half. The club was "
               "founded in 1889.")
    assert subject_elsewhere(question, _last(passage), passage) is elsewhere


def test_a_person_set_off_after_a_firm_s_role_is_no_other_firm() -> None:
    passage = ("Orla\n\nOrla's chief executive, Bo Park, said the firm would grow. The company "
               "plans to hire 700 people.")
    assert not subject_elsewhere("How many people does Orla Motors plan to hire?",
                                 _last(passage), passage)


@pytest.mark.parametrize(("question", "passage", "elsewhere"), [
    # a firm's name that looks like a person's, read by its generic word
    ("How many people does Skylark Air employ?",
     "Jets\n\nSkylark Air ordered 30 jets. Aventa Aerospace, based in Tolleridge, delivered 212 "
     "aircraft last year. The company employs 38,000 people.", True),
    ("How many people does Aventa Aerospace employ?",
     "Jets\n\nSkylark Air ordered 30 jets. Aventa Aerospace, based in Tolleridge, delivered 212 "
     "aircraft last year. The company employs 38,000 people.", False),
    # "the winger" is the one the text calls winger, not someone else named
    ("Where was Ines Falkirk born?",
     "Signing\n\nManager Ines Falkirk praised Ekwueme. Dunmore City have since signed winger "
     "Paolo Restrepo from Ferrand FC. The winger was born in Lisbourne.", True),
    ("Where was Paolo Restrepo born?",
     "Signing\n\nManager Ines Falkirk praised Ekwueme. Dunmore City have since signed winger "
     "Paolo Restrepo from Ferrand FC. The winger was born in Lisbourne.", False),
    ("Where was Ines Falkirk born?",
     "Signing\n\nWinger Ines Falkirk scored twice. Dunmore City have since signed winger Paolo "
     "Restrepo. The winger was born in Lisbourne.", False),
])
def test_the_definite_subject_is_read_for_whom_it_stands(question: str, passage: str,
                                                          elsewhere: bool) -> None:
    assert subject_elsewhere(question, _last(passage), passage) is elsewhere


def test_a_person_set_off_by_the_role_is_the_one_it_stands_for() -> None:
    passage = ("Signing\n\nFalkirk, the Ferrand winger, scored twice. Dunmore City have since "
               "signed winger Paolo Restrepo. The winger was born in Lisbourne.")
    assert not subject_elsewhere("Where was Ines Falkirk born?", _last(passage), passage)


@pytest.mark.parametrize(("question", "elsewhere"), [
    ("How many albums have Driftwood Kings released?", True),
    ("How many albums have Static Orchard released?", False),
])
def test_a_name_the_text_calls_a_body_is_one(question: str, elsewhere: bool) -> None:
    passage = ("Music\n\nLena Voss joined Driftwood Kings from the punk group Static Orchard. "
               "Static Orchard formed in Leeds in 2009. The group released two albums.")
    assert subject_elsewhere(question, _last(passage), passage) is elsewhere


@pytest.mark.parametrize(("question", "sentence", "conflict"), [
    ("How many staff does Holloway Group have?", "Rival Teller Group has 45,000 staff.", True),
    ("How many copies did Lila Moreau sell?", "Corin Haze, 34, sold 1.5 million copies.", True),
    ("How many copies did Lila Moreau sell?", "Moreau, 34, sold 1.5 million copies.", False),
    ("Where was Gideon Pike born?", "Alma Rusk, 48, was born in Carlisle.", True),
    ("Where was Gideon Pike born?", "Pike, 48, was born in Carlisle.", False),
    ("When was Pellworth founded?", "Dunmore's, which was founded in 1884, has 300 stores.", True),
    ("Who founded Ostrava Labs?", "Marrowby Software, founded in 2015 by Ada Holt, is in Leeds.",
     True),
    ("Who founded Ostrava Labs?", "Ostrava Labs, founded in 2015 by Ada Holt, is in Leeds.", False),
    ("How many jobs will Orla Motors cut?", "Mr Park cut 500 jobs.", False),
    ("How many journalists does the Financial Times employ?",
     "The two Telegraph titles currently employ 521 journalists.", True),
    ("How many people does Orla Motors employ?", "The firm's London plants employ 5,000 people.",
     False),
])
def test_another_name_past_an_aside_or_in_another_form_conflicts(question: str, sentence: str,
                                                                 conflict: bool) -> None:
    assert names_conflict(question, sentence) is conflict
