"""Text normalisation shared by patterns (at load time) and questions (at query time).

One pipeline, used on both sides: Unicode NFKC, lower case, Vietnamese diacritics and đ folded to ASCII,
punctuation to spaces, aliases to one canonical spelling, then light English stemming.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff]")
_MONEY = re.compile(r"(?:us)?\$")
_NON_WORD = re.compile(r"[^\w]+|_")
_DIGIT = re.compile(r"\d")
_DIGIT_ALPHA = re.compile(r"(?<=\d)(?=[a-z])|(?<=[a-z])(?=\d)")
_VI_MARKS = re.compile(r"[ăâđêôơưàảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệìỉĩíịòỏõóọồổỗốộờởỡớợùủũúụừửữứựỳỷỹýỵ]")

#: Words that carry no topic in English questions: function words, chat filler, bot-directed words.
STOPWORDS_EN = frozenset(
    """
    a an the of to in on at for from by with and or but nor so as if than then that this these those
    there here is are was were be been being am do does did doing done have has had having will
    would shall should can could may might must it its s he him his she her hers they them their
    theirs we us our ours you your yours i me my mine what which who whom whose when where why how
    whats wat wut wich whos wheres hows about into onto over under again also too very
    just only any some all each both more most much many such not no yes ok okay please pls plz
    tell know let lets something anything hey heyy hi hello yo sup
    bot factbot dude bro guys folks question quick quickly actually really n u ur r y k im ive id
    dont doesnt didnt isnt arent wasnt werent cant wont article articles story stories piece pieces
    report reports according mentioned mention mentions one ones anyway btw besides alongside apart aside except
    lol lmao haha bruh q smth sth stuff thing things anyone anybody someone somebody remember wondering
    wonder need needed exactly like kinda sorta um uh hmm idk iirc tbh ngl fr rn guy re w thanks thx ty
    counting excluding make makes made making going else hiya heya howdy somewhere anywhere everywhere random
    curious idea saw true wait oh ah alright single m t ll d ve seem seems seemed ought
    sorry apologies apologise apologize pardon vague nerdy silly dumb clue apparently slightly bug
    rationale reasoning though location venue sort specifics passed elapsed mind got alot lot straight try trying tried
    """.split()
)
#: The same for Vietnamese, typed with or without diacritics (folded).
STOPWORDS_VI = frozenset(
    """
    la gi nao cua va cac nhung mot duoc co khong nay o tai voi cho ve ai the sao nhu thi ma hay hoac
    nhe oi vay ha nhi cai khi trong ay quen
    """.split()
)
STOPWORDS = STOPWORDS_EN | STOPWORDS_VI
# What content() drops, by the text's language: in English, "trong" is the name Trong, not "in"; "tho" is chat for
# "though" in English only ("thơ" is a poem, "thợ" a worker).
_STOP_VI = STOPWORDS
_STOP_EN = STOPWORDS_EN | (STOPWORDS_VI - {"trong"}) | {"tho"}
_WORD = re.compile(r"\w+")

#: English and Vietnamese words for "when", "how many", "where", "who", "why" questions.
_INTENTS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "when",
        re.compile(
            # "when" asks only near the start ("when did ...", "ok so when was ..."); later it is a
            # conjunction ("what did they agree on when Thang visited")
            r"(^when\b|^(?:\w+ ){0,5}when(?: (?:did|do|does|was|were|is|are|will|would|has|have|had|exactly)\b|$)|"
            # a keyword query that ends on it: "choi reception to lam when"
            r"\bwhen$|"
            r"\b(?:what date|which date|what day|which day|what year|which year|target year|by when|"
            r"what month|date of|dates?|deadline|"
            r"khi nao|luc nao|bao gio|ngay nao|ngay may|thang nao|nam nao|hom nao|thoi gian nao|ngay bao nhieu)\b)"
        ),
    ),
    (
        "how_many",
        re.compile(
            # "how much Vietnam matters to them" asks no figure
            r"\b(how many|how much(?! (?:\w+ ){0,3}(?:matters?|mattered|means?|meant|cares?|cared|values?|valued|"
            r"respects?|respected|trusts?|trusted)\b)|how long|how big|how large|what size|number of|what percentage|"
            r"(?:size|headcount) of (?:the |their |his |its )?(?:delegation|group|team|party|entourage)|"
            r"count (?:the|up the) (?:years|months|days|number)|years (?:between|passed|went by|elapsed|separate)|"
            # not "so Luong Cuong ..."; "ngày bao nhiêu" asks for a day
            r"(?<!ngay )(?<!thang )(?<!nam )bao nhieu|may nguoi|so luong(?! cuong)|bao lau)\b"
        ),
    ),
    (
        "where",
        re.compile(
            # "where Vietnam is headed" asks about a direction, not a place
            # "where" asks near the start or before a verb; "the remark where Son said" is no place
            r"(^(?:\w+ ){0,5}where(?! (?:\w+ ){0,3}(?:headed|heading|going)\b)(?= (?:did|do|does|was|were|is|are|"
            r"will|would|has|have|had|s|exactly|about)\b|$)|"
            r"\b(?:"
            r"which city|what city|which place|what place|venue|location|o dau|tai dau|noi nao|thanh pho nao|"
            r"dia diem)\b)"
        ),
    ),
    (
        "why",
        re.compile(
            r"\b(why|for what reason|how come|what (?:was|is|were|s) the (?:reasons?|reasoning|rationale|logic)|"
            r"what (?:was|is|s) behind|"
            r"what (?:was|is|were|s) (?:\w+ ){1,4}?s? (?:reasons?|reasoning|rationale|logic) (?:for|behind)|"
            r"vi sao|tai sao|sao lai|ly do)\b"
        ),
    ),
    (
        # a request for the whole of something rather than one detail
        "summary",
        re.compile(
            r"(^(?:\w+ ){0,3}(?:tell me about|tell me more about|what do you know about|anything (?:on|about))|"
            r"\b(?:summary|summarise|summarize|summarised|summarized|overview|in brief|in short|main points|"
            r"key points|tom tat|tom lai|tong quan|ke (?:cho \w+ )?(?:ve|nghe ve)|noi chung)\b)"
        ),
    ),
    (
        # several people asked for at once ("which Vietnamese leaders received ..."): an overview may name them all
        "several",
        re.compile(
            r"\b(?:who were|(?:which|what) (?:\w+ ){0,2}(?:leaders|officials|people|politicians|ministers|diplomats|"
            r"ambassadors|envoys|figures)|nhung ai|nhung (?:vi|lanh dao|quan chuc|nguoi) nao|"
            # "who hosted Korean ambassadors": several visits, so perhaps several hosts
            r"who (?:\w+ ){0,4}?(?:hosted|received|welcomed|met|sat down with) (?:\w+ ){0,3}"
            r"(?:ambassadors|envoys|officials|delegations)|"
            # "in these articles, who hosted a Korean ambassador": across the articles, perhaps several hosts
            r"(?:in|across) (?:all )?(?:these|the|those) (?:articles|reports|stories) who (?:\w+ ){0,6}?"
            r"(?:hosted|received|welcomed|met|sat down with)|who (?:\w+ ){0,6}?(?:hosted|received|welcomed|met|"
            r"sat down with) (?:\w+ ){0,4}?(?:in|across) (?:all )?(?:these|the|those) (?:articles|reports|stories))\b"
        ),
    ),
    (
        # a question about the articles as a set: which of them, how many, over the years
        "across",
        re.compile(
            # not "across every field": that is one meeting's wide cooperation
            r"\b((?:which|what|how many) (?:of the )?(?:articles|reports|stories|news pieces)|"
            # nor "I came across the name": met by chance (read after "across", so other words cost nothing)
            r"across(?<!\bcame across)(?<!\bcome across)(?<!\bcomes across)(?<!\bcoming across)(?<!\bran across)"
            r"(?<!\brun across)(?! (?:(?:all|every|many|various|different|the|these|its|both|key) )*"
            r"(?:fields?|sectors?|spheres?|areas?|domains?|board)\b)|"
            r"over the years|in all (?:the|five) articles|each article|every article|"
            # "which Korean presidents appear in the articles" (not "why is SNU mentioned in the articles")
            r"(?:which|what) (?:\w+ ){0,3}?\w+s (?:appear|appeared|feature|featured|are (?:named|mentioned)|were "
            r"(?:named|mentioned)|show up|turn up) in (?:all )?(?:the |these |those )?(?:articles|reports|stories)|"
            # "the Vietnam-Korea meetings covered here"
            r"(?:the|these|those|all the) (?:\w+ ){0,2}(?:meetings|talks|visits|events|articles|reports|stories) "
            r"(?:covered|reported|mentioned|described|here)|"
            r"nhung bai nao|bai nao nhac|may bai|cac bai bao|qua cac bai|qua cac nam|moi bai)\b"
        ),
    ),
    (
        # which outlet carried a story
        "outlet",
        re.compile(
            r"\b((?:which|what) (?:news agency|agency|outlet|news outlet|news organi[sz]ation|broadcaster|newspaper|"
            r"paper|news site|website|site|"
            r"publication|media|press)|who (?:reported|published|ran|carried|put out|released|broke)|"
            r"nguon bao|bao nao|to bao nao|co quan bao chi nao|trang bao nao|trang nao|hang thong tan nao|"
            # the article's own title or headline, not a person's
            r"headlines?|(?:title|name) of (?:the |this |that )?(?:\w+ ){0,2}(?:article|story|report|piece)|"
            r"tieu de|ten bai|"
            # the article's own date, not the event's
            r"publication date|published date|date of (?:the |this |that )?(?:article|story|report|piece)|"
            r"(?:article|story|report|piece) date|ngay dang|ngay xuat ban|dang (?:vao )?ngay (?:nao|bao nhieu|may))\b"
        ),
    ),
    (
        # a company by name: "which Korean firm ...", "tập đoàn nào"
        "company",
        re.compile(
            r"\b(?:(?:which|what) (?:\w+ ){0,2}(?:company|companies|firms?|corporations?|conglomerates?|chaebols?|"
            r"business(?:es)?|enterprises?)|(?:tap doan|cong ty|doanh nghiep)(?: \w+){0,3} nao)\b"
        ),
    ),
)

#: English words after which "first" is an ordinal number ("the first meeting"), not an adverb ("first met").
_DETERMINERS = frozenset({"the", "its", "their", "his", "her", "a", "this", "that", "our", "whose"})

_ORDINALS = {
    "first": "1",
    "second": "2",
    "third": "3",
    "fourth": "4",
    "fifth": "5",
    "sixth": "6",
    "seventh": "7",
    "eighth": "8",
    "ninth": "9",
    "tenth": "10",
    "eleventh": "11",
    "twelfth": "12",
    "thirteenth": "13",
    "twentieth": "20",
    "thirtieth": "30",
    "thirty": "30",
    "1st": "1",
    "2nd": "2",
    "3rd": "3",
    "4th": "4",
    "5th": "5",
    "6th": "6",
    "7th": "7",
    "8th": "8",
    "9th": "9",
    "10th": "10",
    "13th": "13",
    "21st": "21",
    "30th": "30",
    "35th": "35",
}


#: Every combining mark of the Basic Multilingual Plane, deleted in one C-level pass by str.translate.
_MARKS = {cp: None for cp in range(0x10000) if unicodedata.combining(chr(cp))}


def _strip_marks(decomposed: str) -> str:
    """Combining marks removed from NFD text (diacritics: "việt" -> "viet")."""
    text = decomposed.translate(_MARKS)
    if text.isascii() or max(text) < "\U00010000":
        return text
    return "".join(c for c in text if not unicodedata.combining(c))  # marks beyond the BMP: rare


@lru_cache(maxsize=8192)
def fold(text: str) -> str:
    """Case, diacritics (including đ), punctuation and whitespace folded; letters and digits kept."""
    text = _CONTROL.sub(" ", unicodedata.normalize("NFKC", text)).lower()
    if not text.isascii():  # (plain ASCII has no marks to strip: most English questions)
        text = _strip_marks(unicodedata.normalize("NFD", text.replace("đ", "d")))
    if "$" in text:
        text = _MONEY.sub(" usd ", text)
    text = _NON_WORD.sub(" ", text)
    if _DIGIT.search(text):
        text = _DIGIT_ALPHA.sub(" ", text)
    return " ".join(text.split())


def fold_marks(text: str) -> str:
    """Case and diacritics folded like `fold`, but punctuation kept: for reading clauses."""
    text = _CONTROL.sub(" ", unicodedata.normalize("NFKC", text)).lower().replace("đ", "d")
    text = _strip_marks(unicodedata.normalize("NFD", text))
    return " ".join(text.split())


def has_vietnamese_marks(text: str) -> bool:
    return bool(_VI_MARKS.search(text.lower()))


#: Words whose plural-looking ending is part of them ("news" is not "new").
_UNSTEMMED = frozenset({"news"})


def stem(token: str) -> str:
    """A light English stemmer: enough to meet "visits", "visited" and "visiting" at one token."""
    if len(token) <= 3 or not token.isalpha() or token in _UNSTEMMED:
        return token
    for suffix, repl, min_len in (
        ("ies", "y", 5),
        ("ied", "y", 5),
        ("ing", "", 6),
        ("ed", "", 5),
        ("es", "", 5),
        ("s", "", 4),
    ):
        if token.endswith(suffix) and len(token) >= min_len and not token.endswith(("ss", "us", "is")):
            base = token[: len(token) - len(suffix)] + repl
            if suffix in ("ing", "ed") and len(base) > 2 and base[-1] == base[-2] and base[-1] not in "ls":
                base = base[:-1]  # "planned" -> "plan"
            return base.rstrip("e") if suffix in ("ing", "ed", "es") else base
    return token.rstrip("e") if len(token) > 4 and token.endswith("e") else token


_BOTH = re.compile(r"\b(?:2|two|hai)\s+(?=sides?\b|countries\b|nations\b|leaders\b|parties\b|ministers\b|nuoc\b|ben\b)")


#: Chat spellings of question words, and set phrases read as the plain word ("in terms of" is "about"), read before
#: anything else looks at the words.
_CHAT = {
    "wen": "when",
    "wat": "what",
    "wut": "what",
    "wht": "what",
    "wich": "which",
    "whch": "which",
    "hav": "have",
    "wats": "what is",
    "whats": "what is",
    "whos": "who is",
    "wheres": "where is",
    "abt": "about",
    "fill me in": "tell",
    "filling me in": "tell",
    "fill us in": "tell",
    # "the specifics have slipped my mind": what the asker forgot, not what is asked
    "slipped my mind": "",
    "slipped me": "",
    "happen to know": "know",
    "happen to remember": "know",
    "line up with": "in line with",
    "lines up with": "in line with",
    "lined up with": "in line with",
    "xin loi": "sorry",
    "bc": "because",
    "cuz": "because",
    "coz": "because",
    "rite": "right",
    "thru": "through",
    "yr": "year",
    "yrs": "years",
    "mtg": "meeting",
    "govt": "government",
    "intl": "international",
    "frm": "from",
    "in what terms": "how",
    "in terms of": "about",
    "when it comes to": "about",
    "when it came to": "about",
    "other than": "besides",
    "on top of": "besides",
    "other then": "besides",
    "as well as": "and",
    "with regard to": "about",
    "regarding": "about",
    "concerning": "about",
    "with respect to": "about",
    "back then": "then",
    "how come": "why",
    "thinking behind": "reason for",
    "figure out": "know",
    # "who is he, as far as these articles go": where the asker asks, not what
    "as far as these articles go": "",
    "as far as the articles go": "",
    "as far as you know": "",
    # a hedge, not what is asked: "a minister, I believe"
    "i believe": "",
    "i think": "",
    "i guess": "",
    "i reckon": "",
    # "what did Seoul's leaders make of Vietnam's role": how they saw it
    "make of": "view",
    "made of": "view",
    "find out": "know",
    # "sat down with" is a meeting, not a premise's "down" (as in "cut down")
    "sat down": "sat",
    "sit down": "sit",
    "sits down": "sits",
    "sitting down": "sitting",
    "coop": "cooperation",
    # Vietnamese chat shorthand (folded)
    "tbt": "tong bi thu",
    "bt": "bo truong",
    "ntn": "nhu the nao",
    "dc": "duoc",
    "ko": "khong",
    "hk": "khong",
    "trc": "truoc",
}
_CHAT_WORDS = re.compile(r"\b(" + "|".join(_CHAT) + r")\b")
#: One word of each (its longest): a text with none of them has no chat spelling to read.
_CHAT_NEEDS = frozenset(max(spelling.split(), key=len) for spelling in _CHAT)


_FOR = re.compile(r"(?<=[a-z] )4(?= [a-z])")


#: A letter typed three or more times running after another ("heyyy", "sooo"): no English or Vietnamese word has
#: one. A word that starts with the run is an abbreviation ("PPP", "www"), and "iii" ends Roman numerals ("XIII").
_STRETCHED = re.compile(r"(?<=[a-z])([a-hj-z])\1{2,}", re.IGNORECASE)


#: "hiii": the one stretched "i" that is no Roman numeral.
_HIII = re.compile(r"\bhii+\b", re.IGNORECASE)


def unstretch(text: str) -> str:
    """A letter stretched in chat typed once: "heyyy sooo" is "hey so". Once per question, before anything else."""
    return _HIII.sub("hi", _STRETCHED.sub(r"\1", text))


def unslang(folded: str) -> str:
    """Chat spellings ("wen", "wat", "abt", "hope 4 a") as the words they stand for, in folded text."""
    words = _WORD.findall(folded)
    if not _CHAT_NEEDS.isdisjoint(words):  # most texts have none: a set look-up, not a regular expression
        folded = _CHAT_WORDS.sub(lambda m: _CHAT[m.group(0)], folded)
    return _FOR.sub("for", folded) if "4" in words else folded


#: For each question type, words one of which every text it matches has: a text with none of them is not searched
#: (a set look-up is cheaper than a regular expression that fails). "several" has none worth checking.
_INTENT_WORDS: dict[str, frozenset[str]] = {
    name: frozenset(words.split())
    for name, words in {
        "when": "when date dates day year month deadline khi luc gio ngay thang nam hom thoi",
        "how_many": "how size number percentage headcount count years bao may luong",
        "where": "where city place venue location dau noi pho diem",
        "why": "why reason reasons reasoning rationale logic come behind sao do",
        "summary": "tell know anything summary summarise summarize summarised summarized overview brief short points "
        "tom tong ke noi",
        "across": "articles reports stories pieces across years article covered reported mentioned described here "
        "bai qua",
        "outlet": "agency outlet newspaper paper site website publication media press reported published ran "
        "carried put released broke organisation organization broadcaster nguon bao trang tan headline headlines title "
        "name tieu ten date dang xuat",
        "company": "company companies firm firms corporation corporations conglomerate conglomerates chaebol "
        "chaebols business businesses enterprise enterprises nao",
    }.items()
}


def intents(folded: str) -> frozenset[str]:
    """Question types asked for in an already folded text."""
    words = set(folded.split())
    return frozenset(
        name
        for name, pattern in _INTENTS
        if ((needed := _INTENT_WORDS.get(name)) is None or not needed.isdisjoint(words)) and pattern.search(folded)
    )


class PhraseTable:
    """Whole-word phrases of folded text and what each stands for, matched longest first.

    Works on tokens, not on one large regular expression, so a question costs a few dictionary
    look-ups per word however many spellings the store lists.
    """

    __slots__ = ("_by_first", "_firsts", "_longest")

    def __init__(self, table: Mapping[str, str]):
        by_first: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        for phrase, replacement in table.items():
            words = tuple(phrase.split())
            if words:
                by_first.setdefault(words[0], []).append((words, replacement))
        for options in by_first.values():
            options.sort(key=lambda o: len(o[0]), reverse=True)
        self._by_first = by_first
        self._firsts = frozenset(by_first)
        self._longest = max((len(w) for o in by_first.values() for w, _ in o), default=0)

    def _scan(self, words: list[str], skip: frozenset[str] = frozenset()) -> list[tuple[int, int, str]]:
        found: list[tuple[int, int, str]] = []
        if self._firsts.isdisjoint(words):  # most texts start no phrase of most tables: one C-level check
            return found
        i = 0
        while i < len(words):
            for phrase, replacement in self._by_first.get(words[i], ()):
                if replacement not in skip and tuple(words[i : i + len(phrase)]) == phrase:
                    found.append((i, i + len(phrase), replacement))
                    i += len(phrase)
                    break
            else:
                i += 1
        return found

    def sub(self, folded: str, skip: frozenset[str] = frozenset()) -> str:
        """The text with every phrase replaced by what it stands for (except those standing for ``skip``)."""
        words = folded.split()
        found = self._scan(words, skip)
        if not found:
            return folded
        out: list[str] = []
        last = 0
        for start, end, replacement in found:
            out.extend(words[last:start])
            if replacement:
                out.append(replacement)
            last = end
        out.extend(words[last:])
        return " ".join(out)

    def find(self, folded: str, skip: frozenset[str] = frozenset()) -> list[str]:
        """What each phrase found in the text stands for."""
        return [replacement for _, _, replacement in self._scan(folded.split(), skip)]


@dataclass(frozen=True, slots=True)
class Normalizer:
    """Folds text and rewrites alias spellings to their canonical form, then stems.

    `english_only` aliases apply to English text only: bare names such as "Trong" or "Lam" that are
    ordinary words in Vietnamese ("trong" = in, "làm" = do).
    """

    table: PhraseTable
    english_table: PhraseTable
    protected: frozenset[str]
    #: Every word of every alias spelling, for typo correction.
    name_words: frozenset[str]
    #: Finds the canonical forms of names (not of synonyms) in canonical text.
    names: PhraseTable
    #: Finds any spelling of a name in folded text.
    name_spellings: PhraseTable
    #: Every spelling of each name as written (with its diacritics), by canonical form.
    written: Mapping[str, tuple[str, ...]]
    #: The canonical word each stem of one stands for: "upgraded" stems to "upgrad", which is "upgrade".
    stems: Mapping[str, str]

    @classmethod
    def build(
        cls,
        aliases: Mapping[str, Iterable[str]],
        english_only: Mapping[str, Iterable[str]] | None = None,
        synonyms: Mapping[str, Iterable[str]] | None = None,
        posts: Mapping[str, Iterable[str]] | None = None,
    ) -> Normalizer:
        """``posts``: a post that stands for the one person holding it ("the theory council's chairman" is Thang)
        is one more spelling of that person's name."""
        held = posts or {}
        aliases = {k: (*spellings, *held.get(k, ())) for k, spellings in aliases.items()}
        tables: list[dict[str, str]] = [{}, {}]
        protected: set[str] = set()
        name_words: set[str] = set()
        sources = ({**(synonyms or {}), **aliases}, english_only or {})
        for table, source in zip(tables, sources, strict=True):
            for canonical, spellings in source.items():
                target = fold(canonical.replace("_", " "))
                protected.update(target.split())
                for spelling in (canonical, *spellings):
                    key = fold(spelling)
                    name_words.update(key.split())
                    if key and key != target:
                        table.setdefault(key, target)
                if source is english_only and len(target.split()) > 1:
                    # the full name read as itself, so "choi" inside "choi young sam" is not read again
                    table.setdefault(target, target)
        name_keys = [fold(k.replace("_", " ")) for k in (*aliases, *(english_only or {}))]
        return cls(
            PhraseTable(tables[0]),
            PhraseTable(tables[1]),
            frozenset(protected),
            frozenset(name_words),
            PhraseTable({k: k for k in name_keys}),
            PhraseTable({fold(s): "" for k, spellings in aliases.items() for s in (k.replace("_", " "), *spellings)}),
            {
                fold(k.replace("_", " ")): tuple(
                    unicodedata.normalize("NFC", s).lower() for s in (k.replace("_", " "), *spellings)
                )
                for k, spellings in {**(english_only or {}), **aliases}.items()
            },
            {stem(k): k for k in map(fold, sorted(synonyms or {})) if " " not in k and stem(k) != k},
        )

    def without_names(self, folded: str) -> str:
        """Folded text with every spelling of a name taken out (names say nothing of the language)."""
        return self.name_spellings.sub(folded)

    def names_in(self, text: str, language: str = "en", skip: frozenset[str] = frozenset()) -> frozenset[str]:
        """The names (people, places, organisations, outlets) a text mentions, in canonical form."""
        return frozenset(self.names.find(self.canonical(unslang(fold(text)), language, skip)))

    def misread_names(self, text: str, language: str = "en") -> frozenset[str]:
        """Names found in the folded text that the text, written with diacritics, does not spell.

        Folding makes "đã nâng cấp" (has upgraded) read "da nang cap" and "nhất trí" (agree) read
        "nhat"; where the asker typed the marks, a name counts only if one of its spellings is there.
        """
        if not has_vietnamese_marks(text):
            return frozenset()
        written = unicodedata.normalize("NFC", text).lower()
        return frozenset(
            name
            for name in self.names_in(text, language)
            if not any(s in written for s in self.written.get(name, (name,)))
        )

    def canonical(self, folded: str, language: str = "en", skip: frozenset[str] = frozenset()) -> str:
        folded = self.table.sub(folded, skip)
        return self.english_table.sub(folded, skip) if language == "en" else folded

    def content(self, text: str, language: str = "en", skip: frozenset[str] = frozenset()) -> list[str]:
        """Tokens that carry meaning: stopwords removed, ordinals written as digits, order kept.

        ``skip``: canonical names not to read (see `misread_names`)."""
        stop = _STOP_VI if language == "vi" else _STOP_EN
        out: list[str] = []
        previous = ""
        for token in self.canonical(_BOTH.sub("both ", unslang(fold(text))), language, skip).split():
            before, previous = previous, token
            if token in stop:
                continue
            # "the first meeting" is a number; "when they first met", "which came first" are not
            if token != "first" or before in _DETERMINERS or language == "vi":
                token = _ORDINALS.get(token, token)
            if token not in self.protected:
                token = stem(token)
                token = self.stems.get(token, token)
            out.append(token)
        return out


def detect_language(
    text: str,
    vietnamese_words: frozenset[str],
    english_words: frozenset[str],
    without_names: Callable[[str], str] = lambda folded: folded,
) -> str:
    """'vi' or 'en' by counting words that only one of the languages uses; names do not count."""
    left = Counter(without_names(fold(text)).split())
    vi = en = 0
    plain = text.isascii()  # no letter of it can carry a Vietnamese mark
    for i, word in enumerate(_WORD.findall(text)):
        folded = fold(word)
        if not left[folded]:  # part of a name
            continue
        left[folded] -= 1
        marked = not plain and has_vietnamese_marks(word)
        if i > 0 and word[:1].isupper() and not marked:  # an unknown name mid-sentence
            continue
        if marked or folded in vietnamese_words:
            vi += 1
        elif folded in english_words or folded in STOPWORDS_EN:
            en += 1
    return "vi" if vi > en else "en"
