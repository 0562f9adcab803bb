"""The knowledge engine: index the fact store, match a question, decide answer / suggest / decline.

Pure Python; never imports discord. Every front (console, CLI, Discord) calls `Engine.ask` and renders
the `Reply` it returns.

How a question is scored against a fact:
- coverage: the IDF-weighted share of the question's content words that the fact knows (its questions,
  then more weakly its answer). A word no fact knows weighs the most, so "airline" or "North Korea"
  pulls a near-topic question below the answer line instead of landing on the nearest fact.
- pattern fit: the share of the best-matching question pattern that the question covers.
- fuzzy: rapidfuzz's token_set_ratio against the fact's pre-normalised patterns.
Then checks that make a confident wrong answer hard: the question type (when, how many, where) must be
one the fact's patterns ask; numbers in the question must be in the fact; a premise the fact does not
support is corrected in the reply, never confirmed; so is a title the question gives a person that their
"who is" fact does not ("Foreign Minister Kim Dae Ki": he is the President's Chief of Staff).
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from operator import mul, truediv
from pathlib import Path
from typing import NamedTuple
from urllib.parse import urlsplit

from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

from bot.model import LANGUAGES, Reply, Source, Status, Suggestion, Topic
from bot.store import Fact, Store, load_store
from bot.text import (
    STOPWORDS,
    Normalizer,
    detect_language,
    fold,
    fold_marks,
    has_vietnamese_marks,
    intents,
    stem,
    unslang,
    unstretch,
)

#: Scores at or above which the engine answers, and at or above which it offers "did you mean".
ANSWER_AT = 0.30
SUGGEST_AT = 0.25
#: The best fact must beat the runner-up by this much to be answered outright.
MARGIN = 0.08
PREMISE_MARGIN = 0.05
#: Within the margin the best fact still answers when its closest question fits this well and this much
#: better than the others' closest.
FIT_LEAD_MIN = 0.6
FIT_LEAD = 0.2
#: Two close facts are answered together only when the next one is this far behind the second.
PAIR_GAP = 0.04
#: Two facts answer together only when each knows this share of the question.
PAIR_COVERAGE = 0.5
#: The score kept by an outlet's article for a question that asks nothing about articles.
ABOUT_EVENT = 0.85
#: Question types read only from the asking part of a question with a preamble or asides ("I saw a headline").
TOLD_INTENTS = frozenset({"outlet", "across"})
#: How a why-question names what it asks for ("the reasoning behind ..."), not words to match.
REASON_WORDS = frozenset({"reason", "rationale", "logic", "behind"})
#: What is left to discuss, once the asker sets bilateral matters aside.
BEYOND_BILATERAL = ("regional", "international")
_BILATERAL = re.compile(r"\b(?:bilateral|song phuong|between (?:\w+ )?(?:two|2|both) (?:countries|nations|sides))\b")
#: The score kept by the fact saying who someone is, for a question about what they said or did.
PROFILE_KEEPS = 0.7
#: Words of a question about an article rather than the event it reports.
_ABOUT_ARTICLE = re.compile(
    r"\b(?:publish\w*|posted|post|article|articles|story|stories|report|reports|reported|piece|headlines?|"
    r"heading|titles?|sources?|outlets?|website|site|byline|author|wrote|written|caption|photos?|pictures?|"
    r"agency|newspaper|paper|media|press|news|online|org|com|dang|dang tai|bai|bao|nguon|tac gia|tieu de|"
    r"anh|chu thich|xuat ban|"
    # the outlets
    r"dangcongsan\w*|vov|vna|ttxvn|vietnamplus|baoquocte|vietnam times|vietnamtimes|nguoi lam bao|nguoilambao)\b"
)
#: An overview restates a detail when it has this share of the detail's answer words (IDF-weighted).
RESTATES = 0.4
MAX_CORRECTIONS_CACHED = 50_000
#: A typo is at most this many slips: "politicians" is not "politics" misspelt.
MAX_TYPO_EDITS = 2
EXACT_BONUS = 0.1
#: How many facts, best covered first, are scored in full for one question.
SHORTLIST = 10
#: When that many facts are covered about equally well, the best-fitting question decides among them;
#: words as common as "Korea" are left out of that count.
SHORTLIST_TIE = 0.1
SHORTLIST_MIN_IDF = 0.5
#: Share of the question's weight the fact must know before it is answered: below this the
#: question asks about something the fact does not say (a figure never given, another country).
MIN_COVERAGE = 0.45
#: ... or this much, for a best fact that leads every other by CLEAR_LEAD.
LEAD_COVERAGE = 0.40
CLEAR_LEAD = 0.10
#: The words the question shares with the fact must say something specific (IDF sum): "Korea Vietnam"
#: fits every fact and is therefore no question to answer outright.
MIN_KNOWN = 1.5
#: And the question must look like at least one of the fact's own questions.
MIN_FIT = 0.1
#: How much a fact loses when the question leaves out the words most of its questions use.
MISSING_WEIGHT = 0.1
#: How a fact's score weighs what it knows of the question, its closest question (word overlap, spelling) and
#: how central the question's words are to it.
W_COV, W_FIT, W_FUZZY, W_CENTRAL = 0.35, 0.3, 0.1, 0.25
#: The topic of facts that sum up several articles (see _is_overview).
OVERVIEW_TOPIC = "across-articles"
MAX_QUESTION_CHARS = 500
MAX_SUGGESTIONS = 3
#: Question types a fact must have been asked about to answer them.
STRICT_INTENTS = frozenset({"when", "how_many", "where", "outlet", "across", "company"})
#: Of those, the ones that ask for a date, a figure, an outlet or a company: a fact never asked for one does not give
#: it, so it is not answered at all ("when did his term end" is no question for the fact that he served a term;
#: "which firm agreed to open an R&D centre" none for the fact that Korean firms were asked to), and a question
#: across the articles is none for one article's fact. Overviews are the exception when their answer lists dates
#: or figures (see _gives).
BLOCKING_INTENTS = frozenset({"when", "how_many", "outlet", "company", "across"})
#: Of those, the ones where a close runner-up that cannot give what is asked is no rival to a best fact that can.
#: Not "when": "when will Lee visit" must not be answered by the day he was congratulated.
UNRIVALLED_INTENTS = frozenset({"how_many", "outlet"})
#: Words that state a premise rather than ask about the topic ("why did they cancel ...").
PREMISE_WORDS = frozenset(
    """
    why since given because cancel cancell cut reduc reject refus deny deni fail stop abandon never
    instead supposedly allegedly down downgrad lower drop dropp scrap halt suspend end ended just only mere merely
    skip snub boycott boycot avoid declin sinc becaus
    """.split()
)
#: The same in Vietnamese, as phrases: single syllables are too ambiguous once folded ("giam" is "giảm",
#: reduce, but also "giám" in "giám đốc", director; "bo" is "bỏ", drop, but also "bộ" in "bộ trưởng").
_PREMISE_VI = re.compile(
    r"\b(?:tu choi|huy bo|cat giam|cat bo|giam xuong|ha xuong|ha thap|bai bo|tu bo|tam dung|tam ngung|"
    r"ngung lai|dung lai|chi con)\b"
)
_PREMISE_CLAUSE = re.compile(
    r"\b(?:since|given that|given|as|because|now that|vi|boi vi|do)\s+(?P<clause>[^,;]+?)\s+(?:is|are|was|were|la)\s+"
    r"(?P<claim>[^,;?]+)[,;]"
)
#: A title set beside a name: "Kim Dae Ki, as Korea's foreign minister, ...", "Kim Dae Ki being ...",
#: "Kim Dae Ki is FM right, ...".
_AS_TITLE = re.compile(
    r"(?:^|[,;.?!] )(?P<clause>[^,;?]+?),? (?:as|being|is|was) (?:the |a |an )?(?P<claim>[^,;?]+)[,;]"
)
_INJECTION = re.compile(  # one leading \b for all the words: five times faster than one per alternative
    r"\[\s*(?:system|admin|developer|sys)\s*\]|"
    r"\b(?:ignore (?:all |any |the |your |previous |prior |above )+(?:instructions?|rules|articles|prompts?)\b|"
    r"you are now\b|new (?:policy|instructions?|rules?)\b|disregard\b|pretend\b|act as\b|jailbreak\b|"
    r"prompt\b|system prompt\b|bo qua\b.*\bhuong dan\b)"
)
_NUMBER = re.compile(r"^\d+$")
#: What an English question counts ("how many members") and what an English answer counts ("three posts",
#: "150 billion"), in folded text.
_COUNT_ASKED = re.compile(
    r"\b(?:how many |number of |(?:how (?:big|large)|what size) (?:(?:was|is|were|are) )?(?:the |their |his |its )?|"
    r"(?:size|headcount) of (?:the |their |his |its )?)(?P<thing>(?:\w+ ){0,1}\w+)"
)
_COUNT_GIVEN = re.compile(
    r"\b(?:\d[\d,.]*|one|two|three|four|five|six|seven|eight|nine|ten|dozen|hundreds?|thousands?|millions?|"
    r"billions?) (?P<thing>(?:\w+ ){0,1}\w+)"
)
#: Attributes the articles never give. A question that asks for one (and no fact mentions it) is
#: declined rather than answered with the nearest fact about the same person or event.
OUT_OF_SCOPE = """
    population populous inhabitants born birth birthday age aged old salary wage wages price prices
    cost costs weather temperature rain height tall weight gdp inflation unemployment replace replaced
    replacement successor succeed succeeded resign resigned died death dead married wife husband children
    spouse seats poll polls airline airlines flight flights currency stock stocks
    score scores tourists casualties deaths cases infected religion capital become became
    appointed appointment sworn inaugurated inauguration tenure decided decide decision decisions outcome
    outcomes result results achieved achieve
"""
#: Of those, the ones that are part of a false claim when the question states one ("the decision to cut ...").
DECIDING = frozenset({"decid", "decision"})
#: Of those, the ones that ask only what someone hoped for when the question says hope or expect.
HOPED_FOR = frozenset({"outcom", "result", "achiev"})
#: "What was agreed at the Gyeongju summit": an outcome, which only a fact reporting it can give.
_OUTCOME = re.compile(
    r"\bwhat (?:was|were|got|has been|had been|have been) (?:\w+ ){0,2}?"
    r"(?P<verb>agreed|decided|signed|announced|adopted|concluded|achieved)\b"
)
#: "In Moon Jae-in's case": as for him.
_IN_CASE = re.compile(r"\b(?P<whose>in (?:\w+ ){1,4}?s) case\b")
#: "Going by the most recently published article, who ...": as things stood then, the bot's now.
_LATEST = re.compile(
    r"\b(?:going by|based on|according to|judging by|as of|per) (?:the )?(?:most recent(?:ly published)?|"
    r"latest|newest|last|most up to date|most current) (?:article|report|story|piece|news|coverage)\b"
)
#: "The title of the article": its headline, not a person's title.
_ARTICLE_TITLE = re.compile(
    r"\btit(?:le|el)(?=s? (?:of|for|on) (?:the |this |that |a )?(?:\w+ ){0,2}(?:article|story|report|piece|news|bai)|"
    r" did (?:the |this |that |a )?(?:\w+ ){0,3}(?:article|story|report|piece) (?:give|put|run|use))"
)
#: "the story where Vuong meets the ambassador, what's its title": the headline of the article named before it.
_ITS_TITLE = re.compile(
    r"\b(?:article|story|report|piece)\b.*\b(?:its (?P<title>tit(?:le|el))|what (?:is|was|s) (?P<called>it called))\b"
)
#: "Not meeting a single official", "wouldn't see anyone": a claim that something did not happen.
_NEGATED = re.compile(
    r"\b(?:not|never|didn t|did not|wouldn t|would not|won t|without|no longer) (?:\w+ ){0,2}?"
    r"(?:meet|meeting|met|see|seeing|saw|talk|talking|visit|visiting|receive|receiving|hold|holding)\b"
)
#: "To achieve fast growth, which policy ...": a purpose, not an outcome asked for.
_PURPOSE = re.compile(r"(?:^|\b(?:in order|so as) )to (?:achieve|reach|attain)\b")
#: A "when" clause opening the question, or a sentence of it, that sets the time of what is asked: "When the
#: delegation visited, which areas ...", "... here's one for you: when Trong spoke to Moon, what ...".
_WHEN_CLAUSE = re.compile(
    r"(?:^|[:.!?]\s*)when (?!(?:did|do|does|was|were|is|are|will|would|has|have|had|exactly)\b)[^,;?]+[,;]\s*"
    r"(?P<ask>.+)"
)
#: How the asker says they are asking, which is no part of what is asked: "I'm trying to find out ...",
#: "cho mình hỏi ..." (folded).
_ASKING = re.compile(
    r"^(?:(?:hey|hi|so|ok|okay|um|hmm) )*(?:(?:i m |i am |im )?(?:trying|looking|hoping|wanting) to "
    r"(?:find out|figure out|learn|know|understand|check)|i (?:want|wanted|would like|d like|need) to "
    r"(?:know|find out|ask|check|understand)|cho (?:minh|em|toi|to|tui|chau) hoi|cho hoi|"
    r"(?:minh|em|toi) (?:muon|can) hoi|xin hoi)\b"
)
#: "I'm compiling a list for a briefing, so ...", "mình đang tìm hiểu quan hệ Việt-Hàn, ...": why the asker asks,
#: told before the question. Its words weigh little; the names in it stay, as the question refers back to them.
_PREAMBLE = re.compile(
    r"^(?:(?:hey|hi|yo|so|ok|okay|um|hmm|well|bot)\W+)*"
    # an apology first ("sorry to bother you, I'm ...", "xin lỗi hỏi hơi dài, mình ...")
    r"(?:sorry\b[^,.;:?!]*[,.;:!]\s*)?"
    # not a claim reported ("I read that Moon wanted ..., so which ..."): that is what the question is about
    r"(?!(?:i|minh|toi|em) (?:read|heard|saw|noticed|doc thay|nghe thay|nghe noi|thay noi)\b)"
    r"(?:i\W?m|i am|i was|i\W?ve|i have|i keep|i kept|i came|i spotted|i noticed|i saw|i read|i ran|i need|i just|"
    r"i got|i heard|i still|been|reading|trying|my|minh|toi|em|doc)\b[^?]*?(?:[,;:\u2014\u2013]|\. | - )"
)
#: Where the parts of a question with a preamble part: clauses.
_CLAUSES = re.compile(r"[,;:\u2014\u2013()]\s*|(?<=[.!?])\s+|\.{2,}\s*|\s-\s")
PREAMBLE_WEIGHT = 0.1
#: Where a shorter question parts at a dash or colon, and what marks the part before as the asker's own.
_DASHED = re.compile(r"\s+[\u2014\u2013]\s+|\s-\s|:\s")
_FIRST_PERSON = re.compile(r"\b(?:i|i m|im|i ve|me|my|mine|minh|toi|em)\b")
#: ... unless it reports a claim ("I read that ...", "my friend says ..."): that is what the question is about.
_REPORTED = re.compile(
    r"\b(?:read|heard|hear|saw|told|says|said|claims?|claimed|insists?|insisted|doc thay|nghe thay|nghe noi|"
    r"thay noi)\b"
)
#: Words from which a question is long enough that its telling sentences are context ("I keep seeing X. Fine. But
#: what did he ..."); in a shorter one, the sentence before the question is what it is about.
LONG_QUESTION = 25
#: What the telling sentences of a long question weigh: asides that carry the topic are often asked again.
TOLD_WEIGHT = 0.1
#: Where a long question's sentences, dashes, colons and brackets part it ("... I've got that part. But what else
#: did he ...").
_SENTENCES = re.compile(r"(?<=[.!?])\s+|\.{2,}\s*|\s+[\u2014\u2013]\s+|\s-\s|[;:]\s|\s?[()]\s?")
#: A part that asks: a question mark, a question word or verb first, or a Vietnamese question word in it.
_ASKS = re.compile(
    r"\?|^(?:\W*(?:so|ok|okay|and|but|right|well|also|then|anyway|hey|yo|sup|like|basically)\b)*\W*"
    r"(?:who|whom|whose|what|which|when|where|why|how|did|does|do|is|are|was|were|can|could|would|will|tell|name|"
    r"list|give|explain)\b|"
    r"\b(?:gi|nao|ai|bao nhieu|bao gio|o dau|tai sao|vi sao|the nao|ra sao|hay khong|chua)\b"
)
#: "What would the visit achieve": what was expected of it, which the articles report, not how it turned out.
_EXPECTED = re.compile(
    r"\b(?:would|will|could|might|going to)\s+(?:\w+\s+){0,10}?(?:achieve|bring|result|deliver|yield)\b"
)
#: Vietnamese syllables are short and shared by many words ("chống" in "phòng chống"), so these block
#: a question only when no fact uses them at all.
OUT_OF_SCOPE_VI = """
    dan so tuoi sinh nam luong gia thoi tiet chieu cao ke nhiem thay the tu chuc qua doi vo chong
    hang khong chuyen bay ty gia tien te co phieu du khach
"""
_PREMISE_START = re.compile(r"^(?:since|given that|now that|assuming|if|vi|boi vi|gia su)\b")
#: A statement, then the question about it: "They set a $200 billion goal - who proposed it?", "It was in
#: Busan, right?". The statement is a claim: a figure in it that no article gives is a false premise.
_CLAIM_THEN_ASK = re.compile(
    r"^(?!(?:who|what|when|which|where|why|how|did|do|does|is|are|was|were|apart|besides|except|other|"
    r"alongside|in|on|at|after|before|during|while|for|from|with|about|regarding|according|as|of|to|by|"
    r"ngoai|trong|sau|truoc|khi|theo|ve|tai|o)\b)(?P<claim>[^?]{12,}?)\s*(?:[-—–;:]|,)\s*"
    r"(?:so |then |and |but )?"
    r"(?:who|what|when|which|where|why|how|right|correct|true|ai|gi|nao|dung khong|phai khong)\b"
)
#: Words for "someone" that a who-question uses to ask for a person (stemmed).
PERSON_WORDS = frozenset({"diplomat", "official", "politician", "person", "figur", "individual", "someon"})
#: Verbs of saying: "what did Chung say about Vietnam" asks for his words, not who he is, but the
#: verb itself is rarely in the fact's questions, so it weighs little.
LIGHT_WORDS = frozenset({"say", "said"})
SAYING_WORDS = LIGHT_WORDS | {"noi"}
LIGHT_WEIGHT = 0.5
#: Titles, and the words that qualify them, that a question can wrongly give a person ("Foreign Minister
#: Kim Dae Ki"). Folded; Vietnamese as syllables.
ROLE_WORDS = frozenset(
    """
    minister ambassador president chairman chairwoman mayor director premier governor secretary foreign prime
    vice deputy general defence defense
    bo truong ngoai dai su chu tich tong thong bi thu tuong giam doc chanh van phong thi pho
    """.split()
)
#: Syllables that make a title only with the next one: "thị trưởng" (mayor), not "thì" (then) in "cụ thể thì Tổng
#: Bí thư Tô Lâm ...".
_ROLE_PAIRS = {"thi": "truong"}
#: Words that may sit between such a title and the country it belongs to ("Korea's foreign minister").
_ROLE_GLUE = frozenset({"s", "the", "of", "korea", "vietnam", "han", "quoc", "viet", "nam"})
#: Words that never make a title on their own ("vice", "general", "phó" qualify one).
_ROLE_HEADS = frozenset(
    "minister ambassador president chairman chairwoman mayor director premier governor secretary truong su tich "
    "thong thu doc phong".split()
)
#: Posts a question can name instead of a person ("the Korean president", "Tổng thống Hàn Quốc"), by language, each
#: with how an answer in that language that names its holder spells it (folded). A question asking after a post is
#: not answered by a fact whose answer names no one in it (Son's proposals for "what did the Korean president ...").
_POSTS = {
    "en": {
        "president": ("president",),
        "minister": ("minister",),
        "ambassador": ("ambassador",),
        "chairman": ("chair",),
        "chairwoman": ("chair",),
        "secretary": ("secretary",),
        "premier": ("premier", "prime minister"),
        "mayor": ("mayor",),
    },
    "vi": {
        "tong thong": ("tong thong",),
        "bo truong": ("bo truong", "ngoai truong"),
        "ngoai truong": ("ngoai truong", "bo truong"),
        "dai su": ("dai su",),
        "chu tich": ("chu tich",),
        "bi thu": ("bi thu",),
        "thu tuong": ("thu tuong",),
    },
}
#: How an answer spells each ("chairs", "ministers" too).
_POST_GIVEN = {
    lang: {post: re.compile(rf"\b(?:{'|'.join(spellings)})(?:s|man|woman)?\b") for post, spellings in posts.items()}
    for lang, posts in _POSTS.items()
}
#: Words that name a post's office or staff, not the post: "Chief of Staff to the President" is no president,
#: "Ban Bí thư" (the Secretariat) no "bí thư".
_NOT_POSTS = re.compile(
    r"\b(?:(?:chief of staff|office) (?:to|of) the president|president s (?:chief of staff|office)|"
    r"van phong tong thong|ban bi thu)\b"
)
#: The posts a question names, in folded text (not "bí thư" in "Ban Bí thư", the Secretariat).
_POST_WORDS = {lang: re.compile(r"\b(?<!ban )(?:" + "|".join(posts) + r")\b") for lang, posts in _POSTS.items()}
POST_KEEPS = 0.8
#: The two countries and their capitals: every fact is about them, even when it does not say so.
HOME_NAMES = frozenset({"korea", "vietnam", "seoul", "hanoi"})
#: Questions for a personal or outside figure, whatever words the store knows ("how old is ...").
_OUT_OF_SCOPE_ASK = re.compile(
    r"\b(?:how old|what age|date of birth|when was \w+(?: \w+){0,3} born|where was \w+(?: \w+){0,3} born|"
    r"how many people live|exchange rates?|(?:nhieu|so|bao nhieu|may) ghe|"
    r"bao nhieu tuoi|sinh nam nao|sinh ngay nao|dan so|bao nhieu dan|"
    # schooling and private life
    r"(?:go|went|gone|attend|attended) to (?:university|college|school)|alma mater|what degree|"
    r"which degree|graduat\w*|where did \w+(?: \w+){0,3} study|hometown|"
    r"tot nghiep|hoc o dau|hoc truong nao|bang cap|que quan|que o dau|"
    r"(?:may|bao nhieu) (?:nguoi )?con\b|con cai|vo con|"
    # writing for the asker: a poem, an essay, code
    r"(?:write|compose) (?:me |us )?(?:a |an )?(?:poem|song|essay|story)|bai tho|lam tho|viet (?:\w+ ){0,3}tho\b|"
    # who held a post before someone: "ai làm đại sứ trước ông ..."
    r"truoc (?:ong|ba|ngai) |"
    # whether a target was met: the articles report targets, never outcomes
    r"actually (?:reach|reached|hit|meet|met|achieve|achieved|make|made)|in the end|thuc su dat|"
    r"da dat duoc (?:\w+ ){0,6}chua|co dat duoc (?:\w+ ){0,6}khong|"
    # who held a post before or after someone: the articles name no predecessors or successors
    r"who (?:was|were|is|served as|will be|became) (?:\w+ ){1,8}(?:before|after|prior to)|"
    r"predecessor|tien nhiem|nguoi truoc|"
    r"(?:took|take|takes|taking) over (?:from|as|(?:\w+ ){0,4}(?:job|post|position|role|office|spot|seat|place|shoes))|"
    r"who (?:came|comes|will come) after (?:\w+ ){1,4}(?:in|as) |"
    r"(?:left|leaves|leaving|vacated) (?:the |his |her |that )?(?:role|post|job|office|position)|"
    # the articles name Korea's ambassadors to Vietnam, never Vietnam's to Korea
    r"vietnam s ambassador|vietnamese ambassador|ambassador of vietnam|dai su (?:cua )?viet nam|"
    # how long someone has held a post: the articles give titles on a day, never terms
    r"(?:how long|since when) (?:has|have|had|was|were|did|is) (?:\w+ ){1,6}?(?:been )?(?:running|serv\w*|"
    r"in office|in charge|lead\w*|led|head\w*|at the helm|hold\w*|held|in (?:the |his |her |that |this )?"
    r"(?:post|job|role|position|office))|"
    # a term's start ("take office" anywhere, "when did X start as ...")
    r"(?:took|take|takes|taking|assumed|assume|assumes) office|took up (?:the |his |her )?(?:post|job|role)|nham chuc|"
    r"(?:how long|since when) (?:has|have|had|was|were|is) (?:\w+ ){1,6}?been (?:\w+ ){0,4}?(?:minister|ambassador|"
    r"president|chairman|chairwoman|secretary|premier|mayor|director|governor)|"
    r"(?:lam|giu chuc|giu cuong vi|tai nhiem|dam nhiem|dam nhan) (?:\w+ ){0,5}(?:duoc )?(?:bao lau|tu khi nao|"
    r"tu bao gio|tu nam nao)|"
    # a party's strength in parliament: no article gives seats or votes
    r"(?:share|percent|percentage|proportion|majority|number) of (?:the )?(?:seats|parliament|assembly|"
    r"national assembly|vote|votes)|how many seats|control (?:of )?(?:the )?(?:parliament|assembly)|"
    # the edition before or after the one reported
    r"the (?:one|edition) (?:before|after)|(?:previous|next|earlier|following) (?:one|edition)|"
    r"(?:before|after|preceding) the (?:\d+(?:st|nd|rd|th)?|first|second|third|fourth|fifth|sixth|seventh|eighth|"
    r"ninth|tenth|last|latest) (?:one|edition|festival|event|summit|session)|"
    r"(?:lan|ky) (?:truoc|sau|toi) (?:do|nua))\b"
)
#: What the articles never report, asked of what they do: how a request or target turned out, when a term began or
#: ended, who came after someone, who paid, who interpreted, the next edition, who else was in a delegation, whether
#: someone still holds a post, how long a call lasted. Searched only in a text with one of `_UNREPORTED_NEEDS`.
_UNREPORTED_ASK = re.compile(
    # how a request or a target turned out: "the actual trade in 2023", "did Korea end up recognising it", "has the
    # code been signed yet", "công nhận từ ngày nào"
    r"\b(?:actual (?:\w+ ){0,3}?(?:trade|turnover|figures?|amount|volume|total|number|value)|"
    r"(?:end|ended|ends|wind|wound) up (?:recogni[sz]|sign|ratif|approv|implement|reach|hit|meet|achiev|complet)\w*|"
    r"(?:has|have|had) (?:\w+ ){1,6}?been (?:signed|ratified|concluded|finali[sz]ed|completed|approved|adopted|"
    r"implemented|recogni[sz]ed|reached|met|achieved|hit|attained)|"
    r"(?:signed|ratified|concluded|finali[sz]ed|completed|recogni[sz]ed|implemented) yet|"
    r"(?:da )?(?:duoc )?(?:ky ket|cong nhan|hoan tat|phe chuan) (?:\w+ ){0,8}?"
    r"(?:chua|tu (?:ngay|nam|thang|khi|luc) nao)|"
    # "who got that job after him", "Son got the foreign minister job - when": an appointment, which no article reports
    r"(?:got|get|gets|getting|landed|was given|were given) (?:the |his |her |their |that |this |a )?(?:\w+ ){0,4}?"
    r"(?:job|post|position)\b|who (?:\w+ ){1,14}?after (?:him|her)\b|"
    r"(?:when|what year|which year|what date|since when) did (?:\w+ ){1,6}?"
    r"(?:start|begin|take up (?:the |his |her )?post) (?:as|being)\b|"
    r"bat dau (?:lam|giu|nhan) (?:\w+ ){0,8}?(?:tu )?(?:nam nao|khi nao|bao gio|ngay nao)|"
    # who paid for a trip, where someone stayed, whom a company competes with: no article says
    r"who (?:\w+ ){0,2}?(?:paid for|pays for|funded|funds|financed|sponsored|covered the costs?)\b|"
    r"(?:ai|nguoi nao) (?:da )?(?:tai tro|chi tra|tra tien|bao tro)|khach san|\bhotels?\b|"
    r"\b(?:compete|competes|competed|competing|competitors?|rivals?)\b|"
    # how much a figure grew, who interpreted, the next edition of an event: no article says
    r"how (?:much|fast) (?:did|has|have|was|is|were) (?:\w+ ){0,5}?(?:grow|grew|grown|increase|increased|rise|rose|"
    r"risen|fall|fell|fallen|drop|dropped|expand|expanded)|growth rate|"
    r"who (?:\w+ ){0,2}?(?:translated|interpreted) for|\binterpreters?\b|"
    r"next (?:\w+ ){0,3}?(?:festival|summit|meeting|visit|edition|session|round|conference)|"
    r"(?:dat duoc|co|mang lai) (?:nhung )?ket qua (?:gi|nao)|"
    # who else made up a delegation: the articles name only its head
    r"who (?:else )?(?:was|were) (?:in|on|part of) (?:the |his |that |this )?(?:\w+ ){0,4}?delegation|"
    r"members? of (?:the |his |that |this )?(?:\w+ ){0,4}?delegation|"
    r"(?:doan|phai doan) (?:\w+ ){0,14}?gom (?:nhung |co )?(?:ai|nhung ai|nguoi nao)|"
    r"thanh vien (?:cua )?(?:doan|phai doan)|"
    # whether someone still holds a post: the articles give posts on their dates only
    r"\b(?:is|are) (?:\w+ ){1,4}?still (?:the |a |an )?(?:\w+ ){0,5}?(?:president|minister|chairman|chairwoman|"
    r"ambassador|secretary|leader|head|director|in office|in charge|in post|in the job|in power)|"
    r"(?:does|do) (?:\w+ ){1,4}?still (?:hold|have|lead|head|run)|"
    r"(?:van con|con) (?:la|giu|lam|dang lam|dang giu) (?:\w+ ){0,8}?(?:khong|nua khong|chu)|"
    # when a term ends, what someone did after leaving a post, whom someone beat in an election
    r"(?:when|what year|which year|what date) (?:\w+ ){0,6}?term (?:\w+ ){0,4}?(?:end|ends|ended|finish|finishes|"
    r"finished|expire|expires|expired|up|over|run out|ran out)|end of (?:his|her|their) (?:\w+ )?term|"
    r"(?:(?:het|ket thuc) nhiem ky|nhiem ky (?:\w+ ){0,6}?(?:ket thuc|het)) (?:\w+ ){0,3}?"
    r"(?:khi nao|bao gio|nam nao|ngay nao|luc nao|thang nao)|"
    r"(?:after|since) (?:he|she|they) (?:left|quit|stepped down|retired)|"
    r"after (?:leaving|quitting|stepping down|retiring)|next (?:job|post|role|position)|sau khi (?:roi|thoi|nghi)|"
    r"who did (?:\w+ ){1,4}(?:beat|defeat)|(?:election )?(?:opponent|runner up|challenger)s?|danh bai|doi thu|"
    # how long a call or a meeting lasted: no article times one
    r"how long (?:did|was|were) (?:the |their |his |her )?(?:\w+ ){0,5}?(?:call|calls|talks|conversation|meeting|"
    r"reception|chat)(?: last| go on| take)?|how many (?:minutes|hours)|"
    r"(?:dien dam|hoi dam|cuoc goi|hoi kien|cuoc gap) (?:\w+ ){0,16}?(?:keo dai|mat) "
    r"(?:bao lau|may tieng|bao nhieu phut))\b"
)
#: For each alternative above, a word one of which every text it matches has (a set look-up is cheaper than the
#: expression failing): a test checks this on every question of our sets and runs of their words.
_UNREPORTED_NEEDS = frozenset(
    """
    actual up been yet ket nhan tat chuan job post position him her as being dau paid pays funded funds financed
    sponsored covered tro tra tien san hotel hotels compete competes competed competing competitor competitors rival
    rivals grow grew grown increase increased rise rose risen fall fell fallen drop dropped expand expanded growth
    translated interpreted interpreter interpreters next qua delegation gom vien still con term ky left quit stepped
    retired leaving quitting stepping retiring sau beat defeat opponent opponents runner challenger challengers bai
    thu long minutes hours lau tieng phut
    """.split()
)
#: Words that open a clause the asker already knows about ("besides the vaccine passport, ...").
_EXCEPT_END = r"(?P<known>[^,;?]+?)(?:,|;|\?|$|\s+(?:what|which|who|wat|did|does|do|is|are|con|thi)\b)"
_EXCEPT_WORDS = (
    r"(?:besides|apart from|aside from|except|except for|in addition to|not counting|not including|"
    r"excluding|on top of|beyond)"
)
_EXCEPT = re.compile(rf"\b{_EXCEPT_WORDS}\s+" + _EXCEPT_END)
#: The same clause listing several things ("alongside economic, trade and investment ties, which ..."):
#: it runs to the question word after its last comma.
_EXCEPT_LIST = re.compile(
    rf"^(?:{_EXCEPT_WORDS}|alongside|on top of)\s+(?P<known>[^;?]+?),\s*"
    r"(?:what|which|who|whom|when|where|how|did|does|do|is|are|was|were)\b"
)
#: A question for "the other" things ("To Lam wanted help with chips - what other fields did he name?", "...,
#: but on the covid side what else ..."): the clause before it says what the asker already knows.
_OTHER_ASK = re.compile(
    r"[,;:\-—–.!?]\s*(?:so |and |but |then )?(?:(?:in|on|to|for|with|at|from|about) (?:\w+ ){0,4}?)?"
    r"(?P<ask>(?:(?:which|what) (?:\w+ ){0,2}?(?:other|additional|further|else|more)|"
    r"what else|who else|(?:nhung|cac) \w+ (?:\w+ )?(?:nao )?khac(?! nhau))\b)"
)
#: "... but besides that, which areas ...": the clause before it says what the asker already knows.
_BESIDES_THAT = re.compile(
    r"[,;:\-—–.!?]\s*(?:but |and |so )?(?:besides|apart from|aside from|beyond|on top of|except for|alongside|"
    r"in addition to) (?:that|this|those|these|it)(?: one| bit| part)?\b"
)
#: "the vaccine passport bit I know about, so leave that aside - what else ...": the same.
_SET_ASIDE = re.compile(r"\b(?:leave|leaving|set|setting|put|putting) (?:that|this|it) aside\b")
#: "ngoài" (besides) folds to the same letters as "ngoại" (foreign: ngoại giao, đối ngoại, ngoại trưởng),
#: so it is read only where the asker typed "ngoài", or typed no diacritics and it is not one of those words.
_EXCEPT_VI = re.compile(r"(?<!\bdoi )\bngoai(?! giao\b| truong\b| giao)(?: ra)?\s+" + _EXCEPT_END)
#: "where Vietnam is headed": a direction, not who headed (led) something
_WHERE_HEADED = re.compile(r"\b(?P<where>where (?:\w+ ){0,3})(?:headed|heading)\b")
#: Thanks at the start or end of a question is politeness; in the middle ("what did Park thank Vuong for")
#: it is what is asked about.
#: (Not "ty": "tỷ", billion, folds to it.)
_THANKING = r"(?:(?:many )?thanks|thank you|thx|tks|cam on(?: ban)?)(?: (?:so much|a lot|in advance|bot|factbot))*"
_THANKS = re.compile(rf"^{_THANKING}\b|\b{_THANKING}$")
_WHO = re.compile(
    r"^(?:\w+ ){0,4}(?:who|whom|whose)\b|"
    # "which visiting Vietnamese minister", but not "what did foreign minister Kim say"
    r"\b(?:which|what) (?:(?!(?:did|does|do|is|was|were|are|has|have|had|will|would)\b)\w+ ){0,2}?"
    r"(?:minister|ambassador|official|leader|president|diplomat|person|politician|envoy|secretary|chief)s?\b"
)
#: "Who is X", "who was X", "X là ai": asks who someone is.
_WHO_IS = re.compile(r"^(?:\w+ ){0,3}(?:who(?: is| s| was)|ai la)\b|(?P<vi>\bla ai\b)")
_TITLE_VI = re.compile(r"\bchuc\b")
_WHO_VI = re.compile(
    r"\b(?:ai|nguoi nao|vi nao|ong nao|ba nao|ten (?:la )?gi|ten (?:la )?chi)\b|"
    # "Đại sứ Hàn Quốc nào": which ambassador
    r"\b(?:dai su|bo truong|chu tich|tong thong|tong bi thu|thu tuong|quan chuc|lanh dao)(?: \w+){0,2} nao\b"
)
#: Words of a body's name, and words people are addressed by ("ông", "đồng chí"), in folded text.
_BODY_WORDS = frozenset(
    "agency association party council university institute ministry group committee office academy department "
    "company corporation enterprises assembly secretariat".split()
)
_ADDRESS_WORDS = frozenset("ong ba dong chi comrade ngai mr mrs ms".split())
#: "Who is the president of the friendship association", "what was the former minister's name", "chủ tịch hội ...
#: là ai": the name of whoever held a post, which only a fact naming someone the question does not can give.
_HOLDER_NAME = re.compile(
    r"\b(?:who (?:is|was|s|were|are) (?:the |that |this |a )|"
    r"(?:what|whats) (?:is|was|s) the name of (?:the |that |this |a )|name of (?:the |that |this |a ))"
    r"(?:\w+ ){0,4}?(?:president|minister|chairman|chairwoman|director|head|chief|"
    r"ambassador|secretary|leader|members?|guests?|officials?)\b|"
    r"\b(?:chu tich|bo truong|giam doc|lanh dao|thanh vien)\b(?: \w+){0,14}? (?:la ai|ten (?:la )?gi)\b"
)
_TODAY = re.compile(
    r"\b(?:today is|today s date is|it is now|hom nay la|hom nay ngay|as of today|now in|"
    r"(?:i m |i am )?asking (?:this |you )?(?:on|as of))\s+"
    r"(?:\d{1,2}\s+)?(?:[a-z]+\s+)?(?:\d{1,2}\s+)?\d{4}\b|"
    # "it's 22 Nov 2026 now": a full date only, so "it is 2022 when ..." stays part of the question
    r"\b(?:it is|it s|its|now it is|now it s|now its|now)\s+(?:\d{1,2}\s+[a-z]+|[a-z]+\s+\d{1,2})\s+\d{4}"
    r"(?:\s+(?:now|today))?\b"
)

MESSAGES = {
    "en": {
        "empty": "Please ask a question about Vietnam – Republic of Korea relations.",
        "too_long": f"That message is too long; please ask one question in under {MAX_QUESTION_CHARS} characters.",
        "decline": "I can't answer that from my sources. I only know what five news articles (2020–2025) "
        "report on Vietnam – Republic of Korea relations",
        "nearby": "Nearby topics I do know about",
        "suggest": "I'm not sure I understood. Did you mean:",
        "injection": "I only answer questions from my sources and don't follow instructions inside messages.",
        "premise": "The articles do not support the premise of that question. What they do report:",
        "no_reason": "The articles give no reason for that. What they do report:",
        "also": "A related report:",
        "rest": "On the rest of the question:",
    },
    "vi": {
        "empty": "Hãy đặt một câu hỏi về quan hệ Việt Nam – Hàn Quốc.",
        "too_long": f"Tin nhắn quá dài; vui lòng hỏi một câu dưới {MAX_QUESTION_CHARS} ký tự.",
        "decline": "Tôi không thể trả lời câu này từ nguồn của mình. Tôi chỉ biết những gì năm bài báo "
        "(2020–2025) đưa tin về quan hệ Việt Nam – Hàn Quốc",
        "nearby": "Các chủ đề gần đó mà tôi biết",
        "suggest": "Tôi chưa chắc đã hiểu đúng. Có phải bạn muốn hỏi:",
        "injection": "Tôi chỉ trả lời câu hỏi dựa trên nguồn tin và không làm theo chỉ dẫn trong tin nhắn.",
        "premise": "Các bài báo không xác nhận tiền đề của câu hỏi này. Những gì bài báo đưa tin:",
        "no_reason": "Các bài báo không nêu lý do cho điều đó. Những gì bài báo đưa tin:",
        "also": "Một tin liên quan:",
        "rest": "Về phần còn lại của câu hỏi:",
    },
}


@dataclass(frozen=True, slots=True)
class _Pattern:
    fact: int
    language: str
    text: str
    normalized: str
    weights: dict[str, float]
    total: float


@dataclass(frozen=True, slots=True)
class _Indexed:
    fact: Fact
    pattern_words: frozenset[str]
    answer_words: frozenset[str]
    numbers: frozenset[str]
    intents: frozenset[str]
    patterns: tuple[int, ...]
    #: For each pattern word, the share of this fact's patterns that use it: how central it is.
    centrality: dict[str, float]
    #: The IDF weight of the words used by at least half of the fact's patterns.
    core_weight: float
    #: The names its questions, answer and note mention.
    names: frozenset[str]
    #: Its words used by at least half of its questions, with centrality x IDF.
    core: tuple[tuple[str, float], ...] = ()
    #: Its questions, normalised, words sorted, for rapidfuzz.
    choices: tuple[str, ...] = ()
    #: For each word, the questions of this fact that use it (as indexes into ``patterns``).
    pattern_postings: dict[str, tuple[int, ...]] = field(default_factory=dict)
    #: The summed weight of each of its questions' words (in the order of ``patterns``).
    pattern_totals: tuple[float, ...] = ()
    #: The words of its names ("bui", "thanh", "son").
    name_words: frozenset[str] = frozenset()
    #: For an overview, the blocking question types its answer serves though its questions never ask them:
    #: "when" if it gives dates, "how_many" if figures.
    gives: frozenset[str] = frozenset()
    #: The things it counts: words after "how many" in its questions and after a figure in its answer.
    counts: frozenset[str] = frozenset()
    #: The names its answer mentions (both languages).
    answer_names: frozenset[str] = frozenset()
    #: The posts (keys of `_POSTS`) its answer names someone in, in either language.
    posts: frozenset[str] = frozenset()


class Scored(NamedTuple):
    """One fact's score for a question, and what it was made of (a named tuple: ten are made per question)."""

    fact_id: str
    score: float
    coverage: float
    fit: float
    fuzzy: float
    penalties: tuple[str, ...]
    central: float = 0.0
    known: float = 0.0
    missing: float = 0.0
    #: The question is one of this fact's own, word for word.
    exact: bool = False


class _Told(NamedTuple):
    """What the asker told before (or around) the question, and what they asked."""

    #: The words only of what they told (not names: the question refers back to them).
    words: frozenset[str]
    #: The weight those words keep.
    weight: float
    #: Names only in what they told, when the question itself names someone else.
    names: frozenset[str]
    #: The asking part, folded and corrected ("" when nothing was told).
    asked: str


_NOTHING_TOLD = _Told(frozenset(), 1.0, frozenset(), "")


@dataclass(frozen=True, slots=True)
class _Query:
    language: str
    words: list[str]
    weights: dict[str, float]
    folded: str
    intents: frozenset[str]
    numbers: frozenset[str]
    premise: bool
    premise_words: frozenset[str]
    injection: bool
    excluded: frozenset[str] = frozenset()
    names: frozenset[str] = frozenset()
    out_of_scope: bool = False
    #: It asks for a person ("who ...", "which minister ..."), so the answer's name is not in it.
    asks_who: bool = False
    name_words: frozenset[str] = frozenset()
    #: Titles the question gives people: (name, title words), from "since Kim is foreign minister, ..."
    #: or "Foreign Minister Kim ...".
    roles: tuple[tuple[str, frozenset[str]], ...] = ()
    #: Its words that state a premise ("cancel", "cut", "từ chối").
    premise_terms: frozenset[str] = frozenset()
    #: The folded text with typos corrected.
    corrected: str = ""
    #: It asks who the one person it names is ("who is X", "X là ai").
    who_is: bool = False
    #: What a "how many" question counts ("how many members": member).
    counted: frozenset[str] = frozenset()
    #: The outcome asked for in "what was agreed at ...": only a fact that reports one answers it.
    outcome: frozenset[str] = frozenset()
    #: Words only of what the asker said before asking ("I'm writing a blog post, so ..."): not what is asked.
    context: frozenset[str] = frozenset()
    #: Names only in what the asker told, when the question itself names someone else: no answer need know them.
    told_names: frozenset[str] = frozenset()
    #: Posts it asks after in place of a name ("the Korean president"): keys of `_POSTS`.
    posts: frozenset[str] = frozenset()
    #: Asking the name of whoever held a post, the words it was typed with (folded, corrected); else empty.
    holder_words: frozenset[str] = frozenset()


class Engine:
    """An index over one fact store. Build it once; `ask` is cheap and thread-safe (read-only)."""

    def __init__(self, store: Store):
        self.store = store
        self.normalizer = Normalizer.build(store.aliases, store.english_only, store.synonyms, store.posts)
        self._facts: list[_Indexed] = []
        self._patterns: list[_Pattern] = []
        self._by_id: dict[str, int] = {}
        self._topics = store.topics
        self._profiles: dict[str, int] = {}
        self._profiled: dict[int, str] = {}
        self._portraits: frozenset[int] = frozenset()
        self._build()
        #: The "who is" fact of each person who has one (name -> fact), found by asking the index itself,
        #: and the other way round.
        names = {fold(k.replace("_", " ")) for k in (*store.aliases, *store.english_only)}
        self._profiles = {n: i for n in sorted(names) if (i := self._find_profile(n)) is not None}
        self._profiled = {i: n for n, i in self._profiles.items()}
        #: The words of every name the store can say who or what it is (people mostly, and a few bodies), and of
        #: the two countries: "Son" alone is no name, but still says whom a question is about.
        self._profiled_words = frozenset(w for n in (*self._profiles, *HOME_NAMES) for w in n.split())
        #: The words each person is written with ("thang" for Nguyen Xuan Thang), without titles and forms of
        #: address: a question that uses one of them refers to that person. Bodies are left out.
        self._name_words: dict[str, frozenset[str]] = {}
        for key in self._profiles:
            raw = key.replace(" ", "_")
            spellings = (
                *store.aliases.get(raw, store.aliases.get(key, ())),
                *store.english_only.get(raw, store.english_only.get(key, ())),
                key,
            )
            words = {w for sp in spellings for w in fold(sp).split()}
            # a body ("the Korea Creative Content Agency") holds no post; titles of address are no name
            if not words & _BODY_WORDS:
                self._name_words[key] = frozenset(words - HOME_NAMES - STOPWORDS - _ADDRESS_WORDS - ROLE_WORDS)
        #: The people each fact's answer names.
        self._answer_people = [f.answer_names & self._name_words.keys() for f in self._facts]
        #: Profiles that are all about their person ("Chung Eui-yong was the Foreign Minister ..."): who
        #: someone is, not what they said.
        self._portraits = frozenset(
            i
            for i, name in self._profiled.items()
            if re.match(
                rf"(?:in \w+ \d{{4}} )?{re.escape(name)} (?:\w+ ){{0,8}}?(?:is|was)\b",
                self.normalizer.canonical(fold(self.store.facts[i].answer["en"])),
            )
        )

    # ----------------------------------------------------------------- building
    @classmethod
    def load(cls, directory: Path | str) -> Engine:
        return cls(load_store(directory))

    def _build(self) -> None:
        documents: list[tuple[set[str], set[str]]] = []
        #: Each question's content words, read once here and again below as a pattern.
        read: dict[tuple[str, str], list[str]] = {}
        #: Each English answer's content words, to tell whether an overview restates a detail.
        answer_en: list[frozenset[str]] = []
        for fact in self.store.facts:
            pattern_words: set[str] = set()
            for lang in LANGUAGES:
                for q in fact.questions.get(lang, ()):
                    read[(lang, q)] = self._content(q, lang)
                    pattern_words.update(read[(lang, q)])
            answer_words: set[str] = set()
            for lang in LANGUAGES:
                answer = self._content(fact.answer.get(lang, ""), lang)
                if lang == "en":
                    answer_en.append(frozenset(answer))
                answer_words.update(answer)
                answer_words.update(self._content(fact.note.get(lang, ""), lang))
            documents.append((pattern_words, answer_words))
        n = len(documents)
        df: dict[str, int] = defaultdict(int)
        for pattern_words, answer_words in documents:
            for w in pattern_words | answer_words:
                df[w] += 1
        self._idf = {w: math.log((n + 1) / (c + 0.5)) for w, c in df.items()}
        self._unknown_idf = math.log((n + 1) / 0.5)
        spellings: set[str] = set(self.normalizer.name_words) | set(self.normalizer.protected)
        for fact in self.store.facts:
            for lang in LANGUAGES:
                for text in (
                    *fact.questions.get(lang, ()),
                    fact.answer.get(lang, ""),
                    fact.note.get(lang, ""),
                ):
                    spellings.update(fold(text).split())
        # words the articles never cover are real words too: "weather" is no typo of "whether"
        spellings.update(OUT_OF_SCOPE.split())
        # nor are the words of a false claim: "snub" is no typo of "SNU"
        spellings.update(PREMISE_WORDS)
        self._spellings = frozenset(spellings)
        # (not of words read unstemmed, as names and synonym heads are: "comprehensiv" is a typo of the protected
        # "comprehensive", not an inflection of it)
        self._stems = frozenset(stem(w) for w in spellings if w not in self.normalizer.protected)
        self._corrections: dict[str, str] = {}
        self._answer_en = answer_en
        #: Each answer, both languages, folded, without its sentences that deny something: the titles the fact
        #: gives people, for both title checks. "He is not the ambassador" names a title only to deny it.
        self._titles_given = [
            frozenset(
                fold(
                    " ".join(x for a in f.answer.values() for x in _SENTENCE_END.split(a) if not _DENIAL.search(x))
                ).split()
            )
            for f in self.store.facts
        ]
        oos = set(self.normalizer.content(OUT_OF_SCOPE, "en"))
        oos_vi = set(self.normalizer.content(OUT_OF_SCOPE_VI, "vi")) - oos
        #: Attribute words the articles never give. A fact whose own questions or answer use one (the
        #: partnership "became" comprehensive strategic) still answers it; every other fact is blocked.
        self._out_of_scope = frozenset(oos)
        self._out_of_scope_vi = frozenset(w for w in oos_vi if w not in df)
        self._spelling_list = sorted(w for w in spellings if len(w) >= 3 and w.isalpha())
        #: For each word, the facts that know it (from their questions or answer), and those that know it
        #: only from their answer (which counts it at 0.8).
        self._in_facts: dict[str, list[int]] = defaultdict(list)
        self._in_answer_only: dict[str, list[int]] = defaultdict(list)
        language_words: dict[str, set[str]] = {lang: set() for lang in LANGUAGES}
        outlet_facts: set[int] = set()
        by_source = {
            sid: self.normalizer.names_in(f"{src.outlet} {urlsplit(src.url).netloc}")
            for sid, src in self.store.sources.items()
        }
        outlet_names = {f.sources: frozenset().union(*(by_source[s] for s in f.sources)) for f in self.store.facts}

        def named(text: str, lang: str) -> frozenset[str]:
            return self.normalizer.names_in(text, lang, self.normalizer.misread_names(text, lang))

        for i, (fact, (pattern_words, answer_words)) in enumerate(zip(self.store.facts, documents, strict=True)):
            self._by_id[fact.id] = i
            pattern_ids: list[int] = []
            fact_intents: set[str] = set()
            outlet_questions = 0
            # what it counts: the things its English "how many" questions ask for, and those after a figure in its
            # English answer (not past a colon)
            counts = set(self._counted(fold_marks(fact.answer["en"]), "en", _COUNT_GIVEN))
            for lang in LANGUAGES:
                for q in fact.questions.get(lang, ()):
                    words = read[(lang, q)]
                    folded = fold(q)
                    asked = intents(folded)
                    fact_intents |= asked
                    outlet_questions += "outlet" in asked
                    if lang == "en":
                        counts |= self._counted(folded, lang)
                    pattern_ids.append(len(self._patterns))
                    weights = {w: self.idf(w) for w in words}
                    self._patterns.append(_Pattern(i, lang, q, " ".join(words), weights, sum(weights.values())))
                    language_words[lang].update(folded.split())
                language_words[lang].update(fold(fact.answer.get(lang, "")).split())
            if outlet_questions * 5 >= 2 * len(pattern_ids):
                outlet_facts.add(i)
            known = pattern_words | answer_words
            for w in known:
                self._in_facts[w].append(i)
                if w not in pattern_words:
                    self._in_answer_only[w].append(i)
            answer_names = frozenset().union(*(named(fact.answer[lang], lang) for lang in LANGUAGES))
            names = answer_names.union(
                *(
                    named(text, lang)
                    for lang in LANGUAGES
                    for text in (*fact.questions.get(lang, ()), fact.note.get(lang, ""))
                )
            )
            # the outlets of its articles: "in the dangcongsan.vn piece" names no one the fact does not know
            names |= outlet_names[fact.sources]
            self._facts.append(
                _Indexed(
                    fact,
                    frozenset(pattern_words),
                    frozenset(answer_words),
                    # the figures it gives, and the years it is dated by (its own and its articles')
                    frozenset(w for w in known if _NUMBER.match(w))
                    | {str(fact.as_of.year)}
                    | {str(self.store.sources[sid].published.year) for sid in fact.sources},
                    frozenset(fact_intents),
                    tuple(pattern_ids),
                    centrality := self._centrality(pattern_ids),
                    sum(c * self.idf(w) for w, c in centrality.items() if c >= 0.5),
                    names,
                    tuple((w, c * self.idf(w)) for w, c in centrality.items() if c >= 0.5),
                    # token-sorted once here, so matching needs only fuzz.ratio (= token_sort_ratio)
                    tuple(" ".join(sorted(self._patterns[p].normalized.split())) for p in pattern_ids),
                    self._postings(pattern_ids, local=True),
                    tuple(self._patterns[p].total for p in pattern_ids),
                    frozenset(w for name in names for w in name.split()),
                    # an overview lists dates and figures whatever it was asked; a detail's date is context
                    _gives(fact.answer["en"]) if _is_overview(fact) else frozenset(),
                    frozenset(counts),
                    answer_names,
                    self._posts_given(fact),
                )
            )
        #: The facts about an outlet's article (two in five of their questions ask "which outlet", "headline" ...)
        self._outlet_facts = frozenset(outlet_facts)
        #: For each word, the questions that use it and its weight there (for the shortlist).
        self._word_patterns = self._postings(range(len(self._patterns)))
        #: Every question of the store by language, normalised, for autocomplete of a word half typed.
        self._choices_by_language = {
            lang: {i: p.normalized for i, p in enumerate(self._patterns) if p.language == lang} for lang in LANGUAGES
        }
        self._language_words = {
            "en": frozenset(language_words["en"] - language_words["vi"]),
            "vi": frozenset(language_words["vi"] - language_words["en"]),
        }

    def _content(self, text: str, language: str) -> list[str]:
        """A stored text's content words, without names its diacritics show are not there."""
        return self.normalizer.content(text, language, self.normalizer.misread_names(text, language))

    def _postings(self, pattern_ids: Iterable[int], local: bool = False) -> dict[str, tuple[int, ...]]:
        """For each word, the questions among ``pattern_ids`` that use it: their ids, or their places in
        ``pattern_ids`` if ``local``. A question weighs each of its words by IDF, so the ids are enough."""
        postings: dict[str, list[int]] = defaultdict(list)
        for n, p in enumerate(pattern_ids):
            for w in self._patterns[p].weights:
                postings[w].append(n if local else p)
        return {w: tuple(ps) for w, ps in postings.items()}

    def _centrality(self, pattern_ids: list[int]) -> dict[str, float]:
        counts: dict[str, int] = defaultdict(int)
        for p in pattern_ids:
            for w in self._patterns[p].weights:
                counts[w] += 1
        return {w: c / len(pattern_ids) for w, c in counts.items()}

    def idf(self, word: str) -> float:
        return self._idf.get(word, self._unknown_idf)

    # ----------------------------------------------------------------- public API
    @property
    def fact_count(self) -> int:
        return len(self._facts)

    @property
    def sources(self) -> tuple[Source, ...]:
        return tuple(self.store.sources.values())

    def topics(self) -> list[Topic]:
        return list(self._topics.values())

    def fact(self, fact_id: str) -> Fact | None:
        i = self._by_id.get(fact_id)
        return self._facts[i].fact if i is not None else None

    def questions(self, topic_id: str, language: str) -> list[Suggestion]:
        topic = self._topics.get(topic_id)
        if topic is None:
            return []
        return [self._suggestion(fid, language) for fid in topic.fact_ids]

    def decline_topics(self, language: str) -> list[str]:
        return [t.title.get(language) or t.title["en"] for t in self._topics.values()]

    def detect_language(self, text: str) -> str:
        words = self._language_words
        return detect_language(text, words["vi"], words["en"], self.normalizer.without_names)

    def ask(self, question: str) -> Reply:
        """Answer one question from the fact store, in the asker's language."""
        if not isinstance(question, str):
            question = str(question)
        language = self.detect_language(question[: MAX_QUESTION_CHARS * 4])
        text = question.strip()
        if not any(c.isalnum() for c in text):
            return Reply(Status.DECLINE, MESSAGES[language]["empty"], language)
        if len(text) > MAX_QUESTION_CHARS:
            return Reply(Status.DECLINE, MESSAGES[language]["too_long"], language)
        query = self._query(text, language)
        ranked = self.rank(query)
        reply = self._decide(query, ranked)
        profile = self._wrong_title(query)
        if profile is None:
            return reply
        # "Since Kim Dae Ki is foreign minister, ...": say who he is, then what the rest of it asks,
        # read without the wrong title
        claimed = {w for _, title in query.roles for w in self.normalizer.content(" ".join(title), language)}
        if claimed:
            weights = {w: v for w, v in query.weights.items() if w not in claimed}
            rest = replace(query, words=[w for w in query.words if w not in claimed], weights=weights, roles=())
            reply = self._decide(rest, self.rank(rest))
        answered = reply.fact_id if reply.status is Status.ANSWER and reply.fact_id != profile.id else None
        also = self.fact(answered) if answered else None
        prefix = MESSAGES[language]["premise"]
        return self._answer(profile, language, max(reply.score, ANSWER_AT), prefix, also, also_label="rest")

    def answer_fact(self, fact_id: str, language: str) -> Reply:
        """The answer to a known fact, as if it had been asked (for buttons and menus)."""
        i = self._by_id.get(fact_id)
        language = language if language in LANGUAGES else "en"
        if i is None:
            return Reply(Status.DECLINE, MESSAGES[language]["decline"] + ".", language)
        return self._answer(self._facts[i].fact, language, 1.0, prefix=None)

    def complete(self, partial: str, limit: int = 25) -> list[Suggestion]:
        """Autocomplete: questions from the facts that fit what is being typed, in its language."""
        language = self.detect_language(partial)
        text = partial.strip()[:MAX_QUESTION_CHARS]
        if not any(c.isalnum() for c in text):
            return [self._suggestion(f.fact.id, language) for f in self._facts[:limit]]
        ranked = self.rank(self._query(text, language), limit=limit)
        out = [self._suggestion(s.fact_id, language, s.score) for s in ranked if s.score > 0.15]
        if len(out) < limit:  # typed words that are only a prefix so far: fuzzy on the questions themselves
            seen = {s.fact_id for s in out}
            choices = self._choices_by_language[language]
            query = " ".join(self.normalizer.content(text, language))
            for _, _, key in process.extract(
                query, choices, scorer=fuzz.partial_ratio, processor=None, score_cutoff=60, limit=limit * 3
            ):
                fid = self._facts[self._patterns[key].fact].fact.id
                if fid not in seen:
                    seen.add(fid)
                    out.append(self._suggestion(fid, language))
                if len(out) >= limit:
                    break
        return out[:limit]

    # ----------------------------------------------------------------- matching
    def _correct(self, folded: str, min_length: int = 4) -> str:
        """Words the store has never seen, corrected to known ones when they are plain typos.

        Runs on folded words before aliases are read, so a misspelt name ("nguyen xuan thnag") still
        becomes its canonical form.
        """
        out = []
        for word in folded.split():
            if len(word) < min_length:
                pass
            elif word in self._corrections:
                word = self._corrections[word]
            elif (
                word not in self._spellings
                and word.isalpha()
                and word not in STOPWORDS
                and stem(word) not in self._stems  # "welcoming" is "welcome" the store knows, not "becoming"
            ):
                typed = word
                cutoff = 82 if len(word) >= 7 else 85
                best = process.extractOne(
                    word, self._spelling_list, scorer=fuzz.ratio, processor=None, score_cutoff=cutoff
                )
                if best is not None and OSA.distance(word, best[0]) > MAX_TYPO_EDITS:
                    best = None
                if best is None:  # two swapped letters ("thnag"): one slip for OSA, two for plain edits
                    near = process.extract(
                        word, self._spelling_list, scorer=OSA.distance, processor=None, score_cutoff=1, limit=None
                    )
                    best = next((n for n in near if sorted(n[0]) == sorted(word)), None)
                if best:
                    word = best[0]
                if len(self._corrections) < MAX_CORRECTIONS_CACHED:  # bounded: questions are unbounded
                    self._corrections[typed] = word
            out.append(word)
        return " ".join(out)

    def _query(self, text: str, language: str) -> _Query:
        text = original = unstretch(text)
        folded = unslang(fold(text))
        injection = bool(_INJECTION.search(folded))
        # "Today is 22 Nov 2026 - ...": the asker's clock, not part of what is asked
        text = _ASKING.sub(" ", _THANKS.sub(" ", _TODAY.sub(" ", folded))).strip()
        text = _LATEST.sub(" current ", text)
        if "case" in text:  # "in Moon's case, what did he say": as for Moon, no court or covid case
            text = _IN_CASE.sub(r"\g<whose>", text)
        text, retitled = _ARTICLE_TITLE.subn("headline", text)
        if ("its tit" in text or "it called" in text) and (its := _ITS_TITLE.search(text)):
            part = "title" if its.group("title") else "called"
            text, retitled = f"{text[: its.start(part)]}headline{text[its.end(part) :]}", 1
        text = _WHERE_HEADED.sub(r"\g<where> direction", text)
        misread = self.normalizer.misread_names(original, language)
        # a Vietnamese syllable one letter from another is a word of its own ("vàng", gold, is no "văn")
        corrected = self._correct(text, 5 if language == "vi" else 4)
        words = self.normalizer.content(corrected, language, misread)
        excluded: set[str] = set()
        punctuated = unslang(fold_marks(original))
        clauses = [*_EXCEPT.finditer(punctuated), *_EXCEPT_LIST.finditer(punctuated)]
        if "ngoài" in original.lower() or not has_vietnamese_marks(original):
            clauses += _EXCEPT_VI.finditer(punctuated)
        #: names only in what the asker already knows ("besides the vaccine passport") need not be known
        names_known: set[str] = set()
        for known in clauses:
            known_text = self._correct(fold(known.group("known")))
            excluded.update(self.normalizer.content(known_text, language))
            names_known |= self.normalizer.names_in(known_text, language)
        # "Son wanted better trade ties, but besides that, ...": "that" is what the clause before it said
        anaphor = _BESIDES_THAT.search(punctuated) or ("aside" in punctuated and _SET_ASIDE.search(punctuated)) or None
        other = anaphor or _OTHER_ASK.search(punctuated)
        if other and (anaphor or not clauses):
            told = self._correct(fold(punctuated[: other.start()]))
            known_words = set(self.normalizer.content(told, language))
            # unless it states a figure no article gives: then it is a false premise to correct
            if not any(_NUMBER.match(w) and w not in self._idf for w in known_words):
                # who it is about stays (whose other words are asked for: "Minister Son wanted ..., but besides
                # that"); a thing named there is set aside like any word ("the vaccine passport I know about")
                named = self.normalizer.names_in(told, language)
                profiled = {n for n in named if n in self._profiles or n in HOME_NAMES}
                known_words -= self._profiled_words
                names_known |= named - profiled
                # and a thing the question itself names again ("... what else on the Covid front")
                asked_again = self.normalizer.names_in(self._correct(fold(punctuated[other.end() :])), language)
                excluded.update(known_words - {w for n in asked_again for w in n.split()})
                if anaphor:  # "leave that aside" itself
                    excluded.update(self.normalizer.content(anaphor.group(0), language))
        excluded -= HOME_NAMES  # "besides getting Korean help with X": every fact is about Korea
        words = [w for w in words if w not in excluded]
        if excluded and _BILATERAL.search(corrected):
            # "besides bilateral matters, what else did they discuss": the regional and international ones
            words += [w for w in BEYOND_BILATERAL if w not in words]
        if HOPED_FOR.intersection(words) and ("hope" in words or _EXPECTED.search(folded) or _PURPOSE.search(folded)):
            # "what outcome did he expect", "what would the visit achieve": what was hoped for, not how it turned out
            words = [w for w in words if w not in HOPED_FOR]
        premise_clause: set[str] = set()
        match = _PREMISE_CLAUSE.search(punctuated + ",")
        if match:
            premise_clause = set(self.normalizer.content(match.group("claim"), language))
        elif _PREMISE_START.match(punctuated) and "," in punctuated:
            # "Since they opened relations in 2005, what did ...": the clause is the claim, the rest the question
            claim = punctuated.split(",", 1)[0]
            premise_clause = set(self.normalizer.content(claim, language)) - self.normalizer.protected
        weights: dict[str, float] = {}
        q_intents = intents(folded)
        if retitled:  # "the titel of the story": a headline, asked for even where the typo hid "title"
            q_intents |= {"outlet"}
        if corrected != text:  # "titel of the article" asks for a headline too
            q_intents |= intents(self._correct(folded))
        if "why" in q_intents:  # "what was his reason for ...": the reason is what is asked, not a word to match
            words = [w for w in words if w not in REASON_WORDS]
        stated = _CLAIM_THEN_ASK.match(punctuated)
        if stated:  # "Moon called Vietnam a key partner - when did he say that?": what the question after it asks
            q_intents |= intents(fold(punctuated[stated.end("claim") :]))
        when_clause = _WHEN_CLAUSE.search(punctuated)
        if when_clause and "when" not in intents(fold(when_clause.group("ask"))):
            q_intents -= {"when"}  # "When the delegation visited, which areas ...": a time given, not asked
        # a stated figure no article gives ("a $200 billion goal - who proposed it?") is the false premise
        false_figure = stated is not None and any(
            _NUMBER.match(w) and w not in self._idf for w in self.normalizer.content(stated.group("claim"), language)
        )
        premise_number = bool(match) or bool(_PREMISE_START.match(folded)) or "why" in q_intents or false_figure
        who_vi = _WHO_VI.search(folded) if language == "vi" else None
        if who_vi and who_vi.group(0).startswith("ten") and _TITLE_VI.search(folded, 0, who_vi.start()):
            who_vi = None  # "chức danh của ông ấy tên là gì": the name of a title, not of a person
        asks_who = bool(_WHO.search(folded)) or who_vi is not None
        # "Son went to Seoul in 2022 - who did he meet?": the question after the statement
        asks_who |= stated is not None and bool(_WHO.search(fold(punctuated[stated.end("claim") :])))
        said = self._told_first(punctuated, language)
        if said.words:  # "I saw a headline about ... What does Vietnam want ...": no headline asked for
            q_intents = (q_intents - TOLD_INTENTS) | (intents(said.asked) & TOLD_INTENTS)
        for w in words:
            weight = self.idf(w)
            if w in said.words:
                weight *= said.weight
            if w in premise_clause and w not in self.normalizer.protected:
                weight *= 0.25
            if w in LIGHT_WORDS:
                weight = min(weight, LIGHT_WEIGHT)
            if premise_number and _NUMBER.match(w) and w not in self._idf:  # the false claim's own figure
                weight *= 0.25
            if asks_who and w in PERSON_WORDS:  # "which diplomat": the kind of answer, not what it is about
                weight *= 0.25
            weights[w] = max(weights.get(w, 0.0), weight)
        numbers = frozenset(w for w in words if _NUMBER.match(w))
        marked = [m.group(0) for m in _PREMISE_VI.finditer(folded)] if language == "vi" else []
        premise_terms = {w for w in words if w in PREMISE_WORDS}
        premise_terms |= {w for phrase in marked for w in self.normalizer.content(phrase, language)}
        if _NEGATED.search(folded):
            # "why did Thang not meet a single official": a claim that something did not happen, which a fact
            # reporting that it did corrects
            premise_terms.add("not")
        premise = premise_number or bool(premise_terms)
        outcome = _OUTCOME.search(corrected)  # "what was agreed at ...": an outcome only some facts report
        return _Query(
            language,
            words,
            weights,
            folded,
            q_intents,
            numbers,
            premise,
            frozenset(premise_clause),
            injection,
            frozenset(excluded),
            # names as corrected: "nguyen xuan thnag" is Nguyen Xuan Thang
            names := self.normalizer.names_in(corrected, language, misread) - HOME_NAMES - names_known,
            bool(_OUT_OF_SCOPE_ASK.search(folded))
            or (not _UNREPORTED_NEEDS.isdisjoint(folded.split()) and bool(_UNREPORTED_ASK.search(folded))),
            asks_who,
            frozenset(w for n in names for w in n.split()),
            roles := self._roles(text, match, punctuated, names, language, asks_who),
            frozenset(premise_terms),
            corrected,
            self._asks_who_is(corrected, names, language),
            # English only: a Vietnamese answer counts in words too ambiguous to read ("năm" is five and year)
            self._counted(corrected, language) if language == "en" else frozenset(),
            frozenset(self.normalizer.content(outcome.group("verb"))) if outcome else frozenset(),
            said.words,
            said.names,
            # a post in place of a name: when the question names someone ("Foreign Minister Kim ...", "what did To Lam
            # say when he met the Korean ambassador"), the names are checked instead
            frozenset(_POST_WORDS[language].findall(said.asked or corrected))
            if not match and not roles and not names & self._profiles.keys()
            else frozenset(),
            frozenset(corrected.split()) if _HOLDER_NAME.search(corrected) else frozenset(),
        )

    @staticmethod
    def _posts_given(fact: Fact) -> frozenset[str]:
        """The posts its answer or its questions name ("President Moon Jae-in", "Đại sứ Choi Young-sam", "which
        ambassadors did Vietnamese leaders receive")."""
        given: set[str] = set()
        for lang, spelled in _POST_GIVEN.items():
            texts = (fact.answer.get(lang, ""), fact.note.get(lang, ""), *fact.questions.get(lang, ()))
            text = _NOT_POSTS.sub(" ", fold(" ".join(texts)))
            given.update(post for post, pattern in spelled.items() if pattern.search(text))
        return frozenset(given)

    def _told_first(self, punctuated: str, language: str) -> _Told:
        """Words only of what the asker tells before (or around) the question (why they ask, what they already
        know), and the weight they keep. Names are not among them: the question refers back to them ("... Son's
        talks - what did he say")."""
        sentences = not _PREAMBLE.match(punctuated)
        if not sentences:
            parts, weight = _CLAUSES.split(punctuated), PREAMBLE_WEIGHT
        elif punctuated.count(" ") + 1 < LONG_QUESTION:  # words as typed, between spaces
            # a shorter one: what the asker says of themselves before a dash ("... that I got confused - which
            # council ...") is told, not asked
            parts = _DASHED.split(punctuated)
            if not (
                len(parts) == 2
                and _FIRST_PERSON.search(parts[0])
                and not _ASKS.search(parts[0])
                and not _REPORTED.search(parts[0])
                and _ASKS.search(parts[1])
            ):
                return _NOTHING_TOLD
            weight = PREAMBLE_WEIGHT
        else:
            parts, weight = _SENTENCES.split(punctuated), TOLD_WEIGHT
        asked = [p for p in parts if p and _ASKS.search(p)]
        if sentences and any("?" in p for p in asked):  # sentences marked as questions: "... not sure. Where ...?"
            asked = [p for p in asked if "?" in p]
        told = [p for p in parts if p and p.strip() and p not in asked]
        if not asked or not told:
            return _NOTHING_TOLD
        asked_text = self._correct(fold(" ".join(asked)))
        asking = set(self.normalizer.content(asked_text, language))
        context = self._correct(fold(" ".join(told)))
        named = self.normalizer.names_in(context, language)
        # a name only told, when the asking part names someone itself, is not one every answer must know
        # ("I'm reading about the Party delegation's trip: what did Kim Gi Hyeon want ...")
        asked_names = self.normalizer.names_in(asked_text, language) - HOME_NAMES
        told_names = frozenset(named - asked_names - HOME_NAMES) if asked_names else frozenset()
        if not asking and not named - HOME_NAMES:  # "... a stop at the same kind of place. What was it?"
            return _NOTHING_TOLD
        words = set(self.normalizer.content(context, language)) - asking
        words -= self._profiled_words  # "Son" alone: whom it is about
        words = {w for w in words if not _NUMBER.match(w)}  # "the 2022 talks": which ones, not why it is asked
        return _Told(frozenset(words - {w for n in named for w in n.split()}), weight, told_names, asked_text)

    def _counted(self, folded: str, language: str, counting: re.Pattern[str] = _COUNT_ASKED) -> frozenset[str]:
        """The content words just after "how many" (or a figure, in an answer): what is counted."""
        return frozenset(
            w
            for m in counting.finditer(folded)
            for w in self.normalizer.content(m.group("thing"), language)
            if w not in HOME_NAMES and not _NUMBER.match(w)
        )

    def _wrong_title(self, query: _Query) -> Fact | None:
        """The fact saying who a person is, when the question gives them a title that fact does not."""
        for name, title in query.roles:
            i = self._profiles.get(name)
            if i is not None and not title <= self._titles_given[i]:
                return self._facts[i].fact
        return None

    def _holds_title(self, query: _Query, s: Scored) -> bool:
        """``s`` is the "who is" fact of someone the question does not name, with the title it asks for."""
        asked = {w for w in query.folded.split() if w in _ROLE_HEADS}
        if not asked:
            return False
        i = self._by_id[s.fact_id]
        person = self._profiled.get(i)
        return person is not None and person not in query.names and asked <= self._titles_given[i]

    def _asks_who_is(self, text: str, names: frozenset[str], language: str) -> bool:
        """The corrected question ``text`` asks who the one person it names is: "who is X ...", "X là ai"."""
        match = _WHO_IS.search(text) if len(names) == 1 else None
        if match is None:
            return False
        name = next(iter(names))
        if match.group("vi"):
            return self.normalizer.canonical(text[: match.start()], language).strip().endswith(name)
        after = self.normalizer.canonical(text[match.end() :], language).split()
        while after and (after[0] in ROLE_WORDS or after[0] in _ROLE_GLUE):  # "who is Ambassador Choi"
            after.pop(0)
        return " ".join(after).startswith(name)

    def _find_profile(self, name: str) -> int | None:
        """The fact that answers "who is <name>", if the store has one."""
        ranked = self.rank(self._query(f"who is {name}", "en"), limit=1)
        if not ranked or ranked[0].fit < 0.5 or ranked[0].penalties:
            return None
        i = self._by_id[ranked[0].fact_id]
        asked = self._facts[i].fact.questions.get("en", ())
        return i if any(_WHO.search(fold(q)) and name in self.normalizer.names_in(q) for q in asked) else None

    def _roles(
        self,
        text: str,
        premise: re.Match[str] | None,
        punctuated: str,
        names: frozenset[str],
        language: str,
        asks_who: bool,
    ) -> tuple[tuple[str, frozenset[str]], ...]:
        """The titles a question gives the people it names, as (canonical name, title words).

        Read from a premise clause ("since Kim is foreign minister, ..."), a title set beside a name ("Kim, as
        foreign minister, ..."), and a title just before a name. That last counts only outside who-questions:
        in "who's the new president To Lam congratulated" the title belongs to the person asked for, not to To Lam.
        """
        found: list[tuple[str, frozenset[str]]] = []
        words = self.normalizer.canonical(text, language).split()
        beside = _AS_TITLE.finditer(punctuated + ",") if _ROLE_HEADS.intersection(words) else ()
        for clause in (premise, *beside):
            if clause is None:
                continue
            subject = self.normalizer.names_in(clause.group("clause"), language) - HOME_NAMES
            claim = self.normalizer.canonical(fold(clause.group("claim")), language).split()
            claimed = frozenset(w for w in claim if w in ROLE_WORDS)
            if len(subject) == 1 and claimed & _ROLE_HEADS:
                found.append((next(iter(subject)), claimed))
        for name in names if not asks_who else ():
            parts = name.split()
            for start in range(len(words) - len(parts) + 1):
                if words[start : start + len(parts)] != parts:
                    continue
                title: set[str] = set()
                j = start - 1
                while j >= 0 and (
                    (words[j] in ROLE_WORDS and _ROLE_PAIRS.get(words[j], words[j + 1]) == words[j + 1])
                    or (title and words[j] in _ROLE_GLUE)
                ):
                    if words[j] in ROLE_WORDS:
                        title.add(words[j])
                    j -= 1
                if title & _ROLE_HEADS:
                    found.append((name, frozenset(title)))
        return tuple(found)

    def rank(self, query: _Query, limit: int = 10) -> list[Scored]:
        """Facts ordered by score for a prepared query."""
        total = sum(query.weights.values())
        if total <= 0.0:
            return []
        # coverage, accumulated from the inverted index: cost grows with matches, not with the store
        known: dict[int, float] = defaultdict(float)
        neutral = 0.0
        answer_only: dict[int, float] = defaultdict(float)
        for w, weight in query.weights.items():
            if w in query.premise_terms:
                neutral += weight
                continue
            for i in self._in_facts.get(w, ()):
                known[i] += weight
            for i in self._in_answer_only.get(w, ()):
                answer_only[i] += weight
        if not known:
            return []
        # a word a fact knows only from its answer counts 0.8
        coverage = {i: (k + neutral) / total for i, k in known.items()}
        for i, a in answer_only.items():  # a few facts: the rest know every word from their questions
            coverage[i] = (known[i] - 0.2 * a + neutral) / total
        shortlist = self._shortlist(query, coverage, total)
        q_sorted = " ".join(sorted(query.words))
        weights = query.weights
        q_items = tuple(weights.items())
        q_words, q_values, zeros = tuple(weights), tuple(weights.values()), (0.0,) * len(weights)
        nobody: frozenset[str] = frozenset()
        idf = self._idf
        # what each known word adds to a question's overlap (see _best_fit), worked out once for all facts
        q_adds = tuple((w, v + idf[w]) for w, v in q_items if w in idf)
        strict = query.intents & STRICT_INTENTS
        # "the decision to lower the target": part of the false claim, not an outcome asked for
        claimed = DECIDING if query.premise_terms else frozenset()
        asked = [w for w in query.weights if w not in query.context]
        asked_oos = [w for w in asked if w in self._out_of_scope and w not in claimed] + list(query.outcome)
        out_of_scope = query.out_of_scope or any(w in self._out_of_scope_vi for w in asked)
        # "what did Chung say": his words, which the fact saying who he is does not give
        says = not query.asks_who and any(w in SAYING_WORDS for w in query.weights)
        # a question about the event, not about an article that reported it
        of_event = not _ABOUT_ARTICLE.search(query.corrected)
        scored: list[Scored] = []
        for i in shortlist:
            f = self._facts[i]
            # fit: the weighted Dice overlap with the closest question pattern of this fact
            fit = self._best_fit(q_adds, f, total)
            best = process.extractOne(q_sorted, f.choices, scorer=fuzz.ratio, processor=None, score_cutoff=0)
            fuzzy = best[1] / 100 if best else 0.0
            centrality = f.centrality
            central = sum(map(mul, q_values, map(centrality.get, q_words, zeros))) / total
            # a who-question lacks the person's name: it is what the question asks for
            answer_words = (f.name_words - query.name_words) if query.asks_who else nobody
            missing = sum(c for w, c in f.core if w not in weights and w not in answer_words) / (f.core_weight + 2.0)
            score = W_COV * coverage[i] + W_FIT * fit + W_FUZZY * fuzzy + W_CENTRAL * central - MISSING_WEIGHT * missing
            exact = fit >= 0.95 and fuzzy >= 0.95  # the question is one of this fact's own, word for word
            if exact:
                score += EXACT_BONUS
            penalties: list[str] = []
            # "how many members": a fact that counts posts, not members, has no figure for it
            if (strict and not strict <= f.intents) or (query.counted and not query.counted & f.counts):
                score *= 0.8
                penalties.append("intent")
            if not query.numbers <= f.numbers:
                penalties.append("number")  # a figure the fact never gives: blocks an answer unless corrected
                if not query.premise:
                    score *= 0.75
            if query.holder_words and all(
                self._name_words[person] & query.holder_words for person in self._answer_people[i]
            ):
                penalties.append("unnamed")  # names no one the question does not: whoever held the post is unnamed
            # (not an article's fact, where who it is about is context)
            if not query.posts <= f.posts and i not in self._outlet_facts:
                score *= POST_KEEPS
                penalties.append("post")  # asks after a post its answer names no one in
            if not query.names - query.told_names <= f.names:
                score *= 0.8
                penalties.append("name")  # names someone or something this fact does not know
            if out_of_scope or (
                asked_oos and any(w not in f.pattern_words and w not in f.answer_words for w in asked_oos)
            ):
                penalties.append("out_of_scope")
            if of_event and i in self._outlet_facts:
                score *= ABOUT_EVENT
                penalties.append("article")
            if i in self._portraits and (
                says or (query.asks_who and self._profiled[i] in query.names and not query.who_is)
            ):
                # "what did Son say", "who did Son meet": not who Son is
                score *= PROFILE_KEEPS
                penalties.append("profile")
            if query.excluded and any(f.centrality.get(w, 0.0) >= 0.5 for w in query.excluded):
                score *= 0.85
                penalties.append("excluded")
            scored.append(
                Scored(f.fact.id, score, coverage[i], fit, fuzzy, tuple(penalties), central, known[i], missing, exact)
            )
        scored.sort(key=lambda s: s.score, reverse=True)
        return scored[:limit]

    def _fits(self, items: Iterable[tuple[str, float]], total: float) -> dict[int, float]:
        """For each question of the store that shares a word with the query, the weighted Dice overlap."""
        overlap: dict[int, float] = defaultdict(float)
        for w, v in items:
            if ps := self._word_patterns.get(w):
                add = v + self._idf[w]
                for p in ps:
                    overlap[p] += add
        return {p: o / (total + self._patterns[p].total) for p, o in overlap.items()}

    def _best_fit(self, adds: Iterable[tuple[str, float]], f: _Indexed, total: float) -> float:
        """The weighted Dice overlap of the query with the closest of ``f``'s questions.

        ``adds``: each query word the store knows, with its weight plus its IDF (what a shared word adds).
        """
        overlap = [0.0] * len(f.patterns)
        postings = f.pattern_postings
        for w, add in adds:
            if ps := postings.get(w):
                for p in ps:
                    overlap[p] += add
        return max(map(truediv, overlap, map(total.__add__, f.pattern_totals)))

    def _shortlist(self, query: _Query, coverage: dict[int, float], total: float) -> list[int]:
        """The facts worth scoring in full: best covered first, and among equals (a question that is only
        a name, which dozens of facts know) those with a question closest to it."""
        ranked = sorted(coverage, key=coverage.__getitem__, reverse=True)
        if len(ranked) <= SHORTLIST or coverage[ranked[SHORTLIST - 1]] < coverage[ranked[0]] - SHORTLIST_TIE:
            return ranked[:SHORTLIST]
        items = [(w, v) for w, v in query.weights.items() if v >= SHORTLIST_MIN_IDF]
        fit: dict[int, float] = defaultdict(float)
        for p, f in self._fits(items, total).items():
            fact = self._patterns[p].fact
            fit[fact] = max(fit[fact], f)
        return sorted(coverage, key=lambda i: coverage[i] + 0.5 * fit[i], reverse=True)[:SHORTLIST]

    # ----------------------------------------------------------------- deciding
    def _decide(self, query: _Query, ranked: list[Scored]) -> Reply:
        language = query.language
        best = ranked[0] if ranked else None
        answer_at = ANSWER_AT + (0.05 if query.injection else 0.0)

        def unserved(s: Scored) -> bool:
            """A date, a figure, an outlet, a company or the articles as a set asked of a fact that gives none, or a
            count of what it does not count ("how many years" of a fact counting name changes)."""
            indexed = self._indexed(s)
            asked = query.intents & BLOCKING_INTENTS - indexed.gives
            miscounted = bool(query.counted) and not query.counted & indexed.counts
            return "intent" in s.penalties and (bool(asked) or miscounted)

        def spanning(candidates: Iterable[Scored], covered: list[Scored], restating: bool = True) -> Scored | None:
            """The first confident candidate that is an overview of every other fact in ``covered`` (and, if
            ``restating``, says much of what each says)."""
            return next(
                (
                    o
                    for o in candidates
                    if confident(o)
                    and all(
                        s is o or (self._overview_of(s, o) and (not restating or self._restates(o, s))) for s in covered
                    )
                ),
                None,
            )

        def confident(s: Scored, names_checked: bool = True, coverage: float = MIN_COVERAGE) -> bool:
            blocked = "out_of_scope" in s.penalties or "unnamed" in s.penalties
            blocked |= names_checked and "name" in s.penalties
            blocked |= "number" in s.penalties and not query.premise
            blocked |= unserved(s)
            return (
                not blocked
                and s.score >= answer_at
                and s.coverage >= coverage
                and (s.known >= MIN_KNOWN or s.exact)  # a curator wrote that very question for it
                and s.fit >= MIN_FIT
            )

        # Two facts that fit almost equally well and clearly better than the rest: give both, each with
        # its own source, rather than guess between them or send the asker away.
        # A false premise gets the real fact introduced by a correction, so a smaller lead is enough.
        margin = PREMISE_MARGIN if query.premise else MARGIN
        # a runner-up that does not know a name the question gives, when the best does, is no rival
        close = [
            s
            for s in ranked[:2]
            if best
            and best.score - s.score < margin
            and not ("name" in s.penalties and "name" not in best.penalties)
            # nor is one about what the asker set aside ("besides trade, ..."), when the best is not
            and not ("excluded" in s.penalties and "excluded" not in best.penalties)
            # nor is one that cannot give the figure, outlet or headline asked for, when the best can
            and not (query.intents & UNRIVALLED_INTENTS and unserved(s) and not unserved(best))
        ]
        third = ranked[2].score if len(ranked) > 2 else 0.0
        # "which leaders received envoys": several people, whom only a fact across the articles may name together
        several = "several" in query.intents
        pair = (
            len(close) == 2
            and close[1].score - third >= PAIR_GAP
            and all(confident(s, coverage=PAIR_COVERAGE) for s in close)
            # not one meeting's fact beside a fact across the articles that spans it, for several people: that one
            # alone may name them all (see below)
            and not (several and self._across(close[0]) != self._across(close[1]))
        )
        if best and not pair and "name" in best.penalties and len(ranked) > 1:
            # A question about two events ("in the 2021 call and in the 2022 talks") names more than any
            # one fact knows: two facts that together know every name, and fit, answer it together.
            second = ranked[1]
            known_names = self._indexed(best).names | self._indexed(second).names
            if query.names <= known_names and all(confident(s, names_checked=False) for s in (best, second)):
                close, pair = [best, second], True
        # (not, for "besides X, what other ...", when a third close fact is another of its details: the overview
        # that lists them all answers that)
        if (
            best
            and not pair
            and len(close) == 2
            and confident(best)
            and self._overview_of(best, close[1])
            and not (
                query.excluded
                and any(self._overview_of(s, close[1]) for s in ranked[2:3] if best.score - s.score < margin)
            )
        ):
            if "number" in best.penalties and query.premise and confident(close[1]):
                # a false figure: the overview gives every real one, from every article, to correct it with
                best, close = close[1], [close[1]]
            elif not (several and self._across(close[1])):
                close = [best]
        if best and not pair and len(close) == 2 and confident(best) and not best.penalties:
            # the best is an overview that spans every close rival and says much of what each of them says
            near = [s for s in ranked[1:3] if best.score - s.score < margin]
            if all(self._overview_of(s, best) and self._restates(best, s) for s in near):
                close = [best]
        if (
            best
            and query.premise
            and not pair
            and len(close) == 2
            and confident(best)
            and self._premise_unsupported(query, best)
            and all(
                self._overview_of(s, best) and self._restates(best, s)
                for s in ranked[1:3]
                if best.score - s.score < margin
            )
        ):
            # a false premise about something several facts report: correct it with the summary of them all
            close = [best]
        if best and query.premise and not pair and len(close) == 2 and self._premise_unsupported(query, best):
            # a false figure that two close facts could each correct: their overview, if one spans both
            span = spanning([o for o in ranked[:3] if best.score - o.score < 2 * margin], close)
            if span:
                best, close = span, [span]
        if best and ("summary" in query.intents or several) and not pair:
            # "tell me about the 2021 call": the overview among the close facts, if it spans the others
            near = [s for s in ranked[:3] if best.score - s.score < margin]
            # several people: only a fact across the articles may name them all
            candidates = [o for o in near if "summary" in query.intents or self._across(o)]
            span = spanning(candidates, near, restating=False)
            if span:
                best, close = span, [span]
        if best and query.excluded and not pair and len(close) == 2:
            # "besides the economy, what other areas ...": close details of one overview, which lists them all
            span = spanning([o for o in ranked[:4] if _is_overview(self._indexed(o).fact)], close)
            if span:
                best, close = span, [span]
        if best and query.who_is and not pair and len(close) == 2:
            # "who is Kim Gi-hyeon": of the close facts that know him, the one saying who he is
            profile = self._profiles.get(next(iter(query.names)))
            held = [s for s in ranked if best.score - s.score < margin and self._by_id[s.fact_id] == profile]
            if held and confident(held[0]):
                best, close = held[0], [held[0]]
        if (
            best
            and not pair
            and len(close) == 2
            and best.fit >= FIT_LEAD_MIN
            and all(best.fit - s.fit >= FIT_LEAD for s in ranked[1:3] if best.score - s.score < margin)
        ):
            # the question is nearly one of the best fact's own and clearly none of the others'
            close = [best]
        if best and query.asks_who and not pair and len(close) == 2:
            # "which Vietnamese minister went to Seoul": of two close facts, the one saying who holds that post
            holders = [s for s in ranked[:3] if best.score - s.score < margin and self._holds_title(query, s)]
            if len(holders) == 1 and confident(holders[0]):
                best, close = holders[0], [holders[0]]
        if best and query.asks_who and not several and not pair and len(close) == 2 and confident(best):
            # "who led the party, in Moon's words": two close facts that give the same one person answer alike
            people = [self._people(s) - query.names for s in close]
            if len(people[0]) == 1 and people[0] == people[1]:
                close = [best]
        if best and several and len(close) == 1 and not self._across(best):
            # one meeting's fact, when a fact across the articles that spans it could name them all: ask
            across = [s for s in ranked[1:3] if self._across(s) and self._overview_of(best, s) and confident(s)]
            close = [best, *across[:1]]
        # "Son and Chung talked about bilateral matters, but what else came up?": with what was set aside gone,
        # what is left (their names) every fact about them knows, so nothing tells them apart; only an overview
        # answers that
        if (
            best
            and query.excluded
            and len(query.weights) <= 2
            and len(ranked) > 2
            and all(s.coverage >= 0.99 for s in ranked[:3])
            and not _is_overview(self._indexed(best).fact)
        ):
            close, pair = [best, ranked[1]], False
        # a clear lead over every other fact makes up for a little less of the question known
        lead = best.score - ranked[1].score if best and len(ranked) > 1 else 1.0
        if best and (
            pair
            or (
                len(close) == 1
                and (confident(best) or (lead >= CLEAR_LEAD and confident(best, coverage=LEAD_COVERAGE)))
            )
        ):
            fact = self._indexed(best).fact
            also = self._indexed(close[1]).fact if pair else None
            prefix = None
            if query.premise and self._premise_unsupported(query, best):
                prefix = MESSAGES[language]["premise"]
            elif "why" in query.intents and "why" not in self._indexed(best).intents:
                prefix = MESSAGES[language]["no_reason"]
            if query.injection:
                prefix = MESSAGES[language]["injection"] + (" " + prefix if prefix else "")
            return self._answer(fact, language, best.score, prefix, also)
        if best and best.score >= SUGGEST_AT and not query.injection and "out_of_scope" not in best.penalties:
            picks = [s for s in ranked[:MAX_SUGGESTIONS] if s.score >= SUGGEST_AT * 0.85]
            suggestions = tuple(self._suggestion(s.fact_id, language, s.score) for s in picks)
            lines = [MESSAGES[language]["suggest"], *(f"• {s.question}" for s in suggestions)]
            return Reply(Status.SUGGEST, "\n".join(lines), language, score=best.score, suggestions=suggestions)
        nearby = tuple(
            self._suggestion(s.fact_id, language, s.score) for s in ranked[:MAX_SUGGESTIONS] if s.score >= 0.25
        )
        message = MESSAGES[language]["decline"]
        if query.injection:
            message = MESSAGES[language]["injection"] + " " + message
        topics = self._nearby_topics(nearby, language)
        message += f": {'; '.join(topics)}." if topics else "."
        return Reply(Status.DECLINE, message, language, score=best.score if best else 0.0, suggestions=nearby)

    def _people(self, s: Scored) -> frozenset[str]:
        """The people (names with a "who is" fact) that ``s``'s answer names."""
        return self._indexed(s).answer_names & self._profiles.keys()

    def _indexed(self, s: Scored) -> _Indexed:
        return self._facts[self._by_id[s.fact_id]]

    def _across(self, s: Scored) -> bool:
        """``s`` is a fact about the articles as a set (the across-articles topic), not about one of them."""
        return self._indexed(s).fact.topic == OVERVIEW_TOPIC

    def _overview_of(self, best: Scored, second: Scored) -> bool:
        """``second`` is an overview (of a meeting, or across articles) that spans ``best``'s sources.

        Then the two are not rivals: the overview says in brief what ``best`` says in full, so a close
        second place for it is no reason to doubt ``best``.
        """
        narrow, broad = (self._indexed(s).fact for s in (best, second))
        return _is_overview(broad) and not _is_overview(narrow) and set(narrow.sources) <= set(broad.sources)

    def _restates(self, broad: Scored, narrow: Scored) -> bool:
        """``broad``'s answer has most of what ``narrow``'s answer says (by IDF weight of its words)."""
        said, told = (self._answer_en[self._by_id[s.fact_id]] for s in (narrow, broad))
        weight = sum(self.idf(w) for w in said)
        return weight > 0 and sum(self.idf(w) for w in said & told) >= RESTATES * weight

    def _premise_unsupported(self, query: _Query, best: Scored) -> bool:
        f = self._indexed(best)
        known = f.pattern_words | f.answer_words
        if "number" in best.penalties:
            return True
        if any(w not in known for w in query.premise_terms):
            return True
        return any(w not in known for w in query.premise_words)

    def _nearby_topics(self, nearby: Iterable[Suggestion], language: str) -> list[str]:
        titles: list[str] = []
        for s in nearby:
            fact = self.fact(s.fact_id)
            if fact is None:
                continue
            title = self._topics[fact.topic].title.get(language, "")
            if title and title not in titles:
                titles.append(title)
        if not titles:
            titles = [t.title.get(language, "") for t in list(self._topics.values())[:MAX_SUGGESTIONS]]
        return titles[:MAX_SUGGESTIONS]

    def _answer(
        self,
        fact: Fact,
        language: str,
        score: float,
        prefix: str | None,
        also: Fact | None = None,
        also_label: str = "also",
    ) -> Reply:
        text = fact.answer[language]
        if prefix:
            text = f"{prefix} {text}"
        cited = list(dict.fromkeys(fact.sources))
        note = fact.note.get(language)
        as_of = fact.as_of
        if also is not None:
            text = f"{text}\n\n{MESSAGES[language][also_label]} {also.answer[language]}"
            cited += [s for s in also.sources if s not in cited]
            note = " ".join(n for n in (note, also.note.get(language)) if n) or None
            as_of = max(as_of, also.as_of)
        sources = tuple(self.store.sources[s] for s in cited)
        return Reply(
            Status.ANSWER,
            text,
            language,
            fact.id,
            score,
            sources,
            (),
            as_of,
            note,
            fact.topic,
        )

    def _suggestion(self, fact_id: str, language: str, score: float = 0.0) -> Suggestion:
        fact = self._facts[self._by_id[fact_id]].fact
        questions = fact.questions.get(language) or fact.questions["en"]
        return Suggestion(fact_id, questions[0], score)

    # ----------------------------------------------------------------- curation
    def explain(self, question: str) -> list[Scored]:
        """The ranking behind an answer, for curators (factbot ask --explain)."""
        text = question.strip()[:MAX_QUESTION_CHARS]
        return self.rank(self._query(text, self.detect_language(text)))

    def ambiguities(self) -> list[tuple[Fact, str, str, float, float]]:
        """Patterns that match another fact better than their own: (fact, pattern, other id, own, other)."""
        found = []
        for p in self._patterns:
            fact = self._facts[p.fact].fact
            ranked = self.rank(self._query(p.text, p.language), limit=3)
            if not ranked or ranked[0].fact_id == fact.id:
                continue
            own = next((s.score for s in ranked if s.fact_id == fact.id), 0.0)
            found.append((fact, p.text, ranked[0].fact_id, own, ranked[0].score))
        return found


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZĐÀ-Ỹ])")
_DENIAL = re.compile(r"\b(?:not|never|wrongly|mistakenly|không phải|nhầm)\b", re.IGNORECASE)
_DATE = re.compile(
    r"\b(?:1[89]|20)\d\d\b|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? \d{1,2}\b|"
    r"\b\d{1,2}(?:st|nd|rd|th)?(?:(?:[-–]| to )\d{1,2})? (?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*",
    re.IGNORECASE,
)
_FIGURE = re.compile(
    r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|dozen|hundred|thousand|million|billion)\b",
    re.IGNORECASE,
)


def _gives(answer: str) -> frozenset[str]:
    """The blocking question types an English answer can serve: a date for "when", a figure for "how many".

    The numbers of a date ("5 June 2025") are no figure: a list of dates does not say how many years passed.
    """
    gives = {"when"} if _DATE.search(answer) else set()
    if _FIGURE.search(_DATE.sub(" ", answer)):
        gives.add("how_many")
    return frozenset(gives)


def _is_overview(fact: Fact) -> bool:
    """Facts that sum up others: the across-articles topic and the ``*-overview`` fact of a meeting."""
    return fact.topic == OVERVIEW_TOPIC or fact.id.endswith("-overview")
