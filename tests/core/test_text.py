"""Normalisation: one pipeline for patterns and questions."""

import pathlib

import pytest

from bot.text import Normalizer, fold, has_vietnamese_marks, intents, stem, unslang, unstretch

ALIASES = {
    "korea": ["south korea", "rok", "republic of korea", "hàn quốc"],
    "northkorea": ["north korea", "triều tiên"],
    "park noh wan": ["pắc nô oăn", "park noh-wan"],
}


def test_fold_strips_vietnamese_diacritics_including_d_bar():
    assert fold("Đại sứ Pắc Nô Oăn") == "dai su pac no oan"
    assert fold("ĐẢNG Cộng sản") == "dang cong san"


def test_fold_turns_punctuation_and_whitespace_into_single_spaces():
    assert fold("  Vietnam–RoK:\tties!!\n(2022) ") == "vietnam rok ties 2022"


def test_fold_handles_compatibility_forms_and_control_characters():
    assert fold("Ｖｉｅｔｎａｍ\x00\x1b[31m") == "vietnam 31m" or fold("Ｖｉｅｔｎａｍ\x00") == "vietnam"
    assert fold("a\u200bb") == "a b"


def test_fold_keeps_money_as_a_word():
    assert fold("US$150 billion") == "usd 150 billion"


def test_fold_composed_and_decomposed_vietnamese_agree():
    import unicodedata

    text = "Hàn Quốc"
    assert fold(unicodedata.normalize("NFD", text)) == fold(unicodedata.normalize("NFC", text))


def test_aliases_map_every_spelling_to_one_name():
    n = Normalizer.build(ALIASES)
    for spelling in ("South Korea", "RoK", "Republic of Korea", "Hàn Quốc", "han quoc"):
        assert n.content(spelling) == ["korea"], spelling


def test_longer_alias_wins_so_north_korea_stays_distinct():
    n = Normalizer.build(ALIASES)
    assert n.content("North Korea") == ["northkorea"]
    assert n.content("Triều Tiên") == ["northkorea"]


def test_name_written_phonetically_in_vietnamese_meets_its_romanisation():
    n = Normalizer.build(ALIASES)
    assert n.content("Pắc Nô Oăn") == n.content("Park Noh-wan") == n.content("pac no oan")


def test_content_drops_function_words_in_both_languages():
    n = Normalizer.build({})
    assert n.content("What is the capital of it?") == ["capital"]
    assert n.content("la gi cua nhung") == []


def test_stemming_meets_inflected_forms():
    assert stem("visits") == stem("visited") == stem("visiting") == stem("visit")
    assert stem("proposals") == stem("proposal")
    assert stem("views") == stem("view") and stem("news") != stem("new")  # the news is not what is new


def test_intents_in_english_and_vietnamese_without_diacritics():
    assert "when" in intents(fold("On what date did they meet?"))
    assert "when" in intents(fold("Họ gặp nhau khi nào?"))
    assert "how_many" in intents(fold("bao nhieu nguoi"))
    assert "where" in intents(fold("o dau"))
    assert intents(fold("Who is Park Jin?")) == frozenset()


@pytest.mark.parametrize("question", ["ok so when was the call", "When?", "and they met when"])
def test_when_asks_at_the_start_or_before_a_verb(question):
    assert "when" in intents(fold(question))


def test_where_a_country_is_headed_asks_no_place():
    assert "where" not in intents(fold("what did he say about where Korea is heading"))
    assert "where" in intents(fold("where did they meet"))


def test_when_before_a_clause_is_a_conjunction_not_the_question():
    assert "when" not in intents(fold("kim gi hyeon title when he met thang"))


def test_vietnamese_marks_are_detected():
    assert has_vietnamese_marks("Hàn Quốc")
    assert not has_vietnamese_marks("Han Quoc")


def test_a_name_is_not_read_where_the_diacritics_spell_another_word(engine):
    """Folded, "đã nâng" (has raised) is "da nang" and "nhất trí" (agree) holds "nhat": not Da Nang, not Japan."""
    normalizer = engine.normalizer
    assert normalizer.misread_names("Hai nước đã nâng cấp quan hệ năm nào?", "vi") == {"danang"}
    assert normalizer.misread_names("Hai nước nhất trí gì?", "vi") == {"japan"}
    assert normalizer.misread_names("Lễ hội ở Đà Nẵng", "vi") == frozenset()
    assert normalizer.misread_names("hai nuoc da nang cap quan he", "vi") == frozenset()  # no marks: cannot tell
    query = engine._query("Việt Nam và Hàn Quốc đã nâng cấp quan hệ năm nào?", "vi")
    assert "danang" not in query.names and "danang" not in query.words


def test_where_asks_near_the_start_or_before_a_verb_not_as_a_relative_word():
    assert "where" in intents(fold("ok so where exactly did they meet?"))
    assert "where" in intents(fold("The talks were held where?"))
    assert "where" not in intents(fold("In the remark where Son mentioned trade, which other sectors did he name?"))


def test_a_deadline_asks_when():
    assert "when" in intents(fold("What's the deadline for the $150bn trade goal?"))


def test_an_articles_own_date_asks_for_the_outlet_not_the_event():
    assert "outlet" in intents(fold("party delegation Korea article date"))
    assert "outlet" in intents(fold("Bài về đoàn Đảng sang Hàn Quốc đăng ngày nào?"))
    assert "outlet" not in intents(fold("On what date did the delegation arrive, according to the article?"))


def test_a_letter_stretched_in_chat_is_read_once():
    assert unslang(fold(unstretch("Heyyy sooo WATTT did they agree pleaseee"))) == "hey so what did they agree please"
    assert unstretch("www vov vn PPP đại hội XIII") == "www vov vn PPP đại hội XIII"


def test_when_at_the_end_of_a_keyword_query_and_a_target_year_ask_for_a_date():
    assert "when" in intents(fold("Choi Young-sam reception To Lam when"))
    assert "when" in intents(fold("What's the target year for the US$150 billion trade goal?"))
    assert "when" not in intents(fold("what did they agree on when Thang visited Seoul"))


def test_an_inflected_form_reads_as_its_synonym_key():
    """A key is never stemmed ("upgrade"), so its inflections, which are ("upgraded" -> "upgrad"), read as it."""
    n = Normalizer.build({}, synonyms={"upgrade": ["elevate"]})
    assert n.content("ties upgraded") == n.content("ties elevate") == n.content("ties upgrade") == ["tie", "upgrade"]


def test_set_phrases_read_as_the_plain_words():
    assert unslang("in what terms did vuong describe it back then") == "how did vuong describe it then"
    assert unslang("apart frm chips what coop") == "apart from chips what cooperation"
    assert (
        unslang("in terms of covid what did they propose as well as trade")
        == "about covid what did they propose and trade"
    )
    assert unslang("regarding the new government and concerning trade") == "about the new government and about trade"
    assert unslang("when it comes to the sea what did son say") == "about the sea what did son say"
    assert unslang("who is he as far as these articles go").split() == ["who", "is", "he"]
    assert unslang("a minister i believe who was it").split() == ["a", "minister", "who", "was", "it"]
    assert unslang("what was the thinking behind the cut") == "what was the reason for the cut"
    assert "across" not in intents(fold("I came across the name An Hyo-dae")) | intents(fold("ran across it"))
    assert "across" in intents(fold("across the articles, who met whom"))


def test_who_hosted_envoys_asks_for_several_people():
    assert "several" in intents(fold("Who on the Vietnamese side hosted Korean ambassadors?"))
    assert "several" not in intents(fold("Who hosted Ambassador Choi Young-sam?"))


def test_first_is_a_number_only_as_an_ordinal():
    """The first meeting is meeting number 1; "when they first met" and "which came first" give no figure."""
    n = Normalizer.build({})
    assert "1" in n.content("the first ministerial meeting") and "1" in n.content("its first edition")
    assert n.content("when did they first set up ties") == ["first", "set", "up", "tie"]
    assert "1" not in n.content("which came first")
    # Vietnamese puts the ordinal after the noun ("lần đầu tiên")
    assert "1" in Normalizer.build({"first": ["đầu tiên"]}).content("trung tâm đầu tiên", "vi")


def test_a_post_held_by_one_person_reads_as_their_name():
    n = Normalizer.build({"thang": ["nguyen xuan thang"]}, posts={"thang": ["chairman of the theory council"]})
    assert n.names_in("What did the chairman of the theory council say?") == {"thang"}
    assert n.content("the chairman of the theory council said") == n.content("nguyen xuan thang said")


def test_a_modal_is_no_word_to_match():
    assert Normalizer.build({}).content("what ought they to respect") == ["respect"]


def test_years_between_two_events_asks_for_a_figure():
    assert "how_many" in intents(fold("Years between the diplomatic ties and the strategic partnership upgrade?"))


def test_the_words_each_question_type_needs_never_hide_a_match():
    """`intents` skips a type's regular expression when the text has none of its words: on every question and
    answer of the store and of the project's question sets, and every run of a few of their words, it finds
    exactly what the regular expressions alone find."""
    import glob

    import yaml

    from bot.text import _INTENTS

    root = pathlib.Path(__file__).resolve().parent.parent.parent
    texts: set[str] = set()
    for path in glob.glob(str(root / "tests" / "*.yaml")):
        texts.update(item["q"] for item in yaml.safe_load(pathlib.Path(path).read_text(encoding="utf-8")))
    for path in glob.glob(str(root / "facts" / "*.yaml")):
        for fact in (yaml.safe_load(pathlib.Path(path).read_text(encoding="utf-8")) or {}).get("facts") or []:
            texts.update(q for qs in fact["questions"].values() for q in qs)
            texts.update(fact["answer"].values())
    runs: set[str] = set()
    for text in texts:
        words = unslang(fold(text)).split()
        runs.update(" ".join(words[i : i + n]) for i in range(len(words)) for n in (3, 6, 12))
    assert len(runs) > 20_000
    for run in runs:
        assert intents(run) == frozenset(name for name, pattern in _INTENTS if pattern.search(run)), run


def test_chat_spellings_are_read_whenever_the_regular_expression_would_read_them():
    """`unslang` runs its regular expression only on texts with a word of a chat spelling: on every question of
    the project's sets (folded, and with punctuation kept) and every run of a few of their words, it reads what
    the expression alone reads."""
    import glob

    import yaml

    from bot.text import _CHAT, _CHAT_WORDS, _FOR, fold_marks

    root = pathlib.Path(__file__).resolve().parent.parent.parent
    runs: set[str] = {"hope 4 a visit", "wat abt it", "wat's new, abt the talks?"}
    for path in glob.glob(str(root / "tests" / "*.yaml")):
        for item in yaml.safe_load(pathlib.Path(path).read_text(encoding="utf-8")):
            for text in (fold(item["q"]), fold_marks(item["q"])):
                words = text.split()
                runs.update(" ".join(words[i : i + 5]) for i in range(len(words)))
    for run in runs:
        assert unslang(run) == _FOR.sub("for", _CHAT_WORDS.sub(lambda m: _CHAT[m.group(0)], run)), run
