"""A small English stop-word list and a light suffix stemmer (no NLP library needed).

The stemmer only has to make "communicate", "communicating" and "communication" meet, and
"stakeholder" meet "stakeholders", so that key points and job-description terms match the
way a person reading the answer would match them. It strips one suffix (the longest that
leaves at least three letters), then a final "e" and a doubled final consonant.
"""

from __future__ import annotations

from functools import lru_cache

from greenroom.analysis.tokens import wordlist

# Besides function words: fillers, vague nouns, and degree words and adverbs ("rather", "quite",
# "always") that say nothing about what an answer is about, so they are never named as its topic.
STOP_WORDS = frozenset(
    wordlist(
        "a about above after again against all also am an and any are aren't as at be because "
        "been before being below between both but by can can't cannot could couldn't did didn't "
        "do does doesn't doing don't down during each few for from further get got had hadn't "
        "has hasn't have haven't having he he'd he'll he's her here here's hers herself him "
        "himself his how how's i i'd i'll i'm i've if in into is isn't it it's its itself just "
        "let's me more most mustn't my myself no nor not now of off on once one only or other "
        "ought our ours ourselves out over own really same shan't she she'd she'll she's should "
        "shouldn't so some such than that that's the their theirs them themselves then there "
        "there's these they they'd they'll they're they've this those through to too under "
        "until up us very was wasn't we we'd we'll we're we've were weren't what what's when "
        "when's where where's which while who who's whom why why's will with won't would "
        "wouldn't you you'd you'll you're you've your yours yourself yourselves yeah okay ok um "
        "uh er erm ah hmm mm like well actually basically literally kind sort thing things "
        "stuff lot lots gonna wanna going went go goes make made way ve ll re also able etc e.g "
        "i.e via per maybe probably think guess know mean said say says rather quite much many "
        "even still always often every ever else yet almost already enough another several "
        "something anything everything someone anyone everyone though although however unless "
        "whether since upon shall may might must among toward towards around"
    )
)

# Words that fill job descriptions without saying what the job is.
JOB_AD_WORDS = frozenset(
    wordlist(
        "experience experienced ability able skills skill strong candidate candidates role "
        "position responsibilities responsibility requirements required requirement including "
        "include includes years year work working join looking ideal must plus preferred "
        "knowledge excellent etc opportunity company team teams environment us you our we will "
        "within across new great good using use based related relevant degree equivalent "
        "minimum least highly demonstrated proven"
    )
)

# Longest first, so "ations" is tried before "ation" and "s".
_SUFFIXES = tuple(
    sorted(
        wordlist(
            "izations isations ization isation ational ations ation itized itised itizing "
            "itising itize itise izing ising ized ised izes ises ize ise ments ment nesses ness "
            "ities ity ating ated ates ate ions ion ings ing ables able ibly ably ful ives ive "
            "ers er ies ied ed es ly s"
        ),
        key=len,
        reverse=True,
    )
)
_MIN_STEM = 3


@lru_cache(maxsize=8192)
def stem(word: str) -> str:
    """Reduce a lowercase word to a rough stem: "managing" and "management" -> "manag"."""
    word = word.lower()
    if len(word) <= _MIN_STEM or not word.isalpha():
        return word
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= _MIN_STEM:
            if suffix in ("ies", "ied"):
                word = word[: -len(suffix)] + "y"
            elif suffix == "s" and word.endswith(("ss", "us", "is")):
                break
            elif word[: -len(suffix)] in STOP_WORDS:
                # "notes" is not "not", "offer" not "off", "owners" not "own": try a
                # shorter suffix ("owners" -> "owner")
                continue
            else:
                word = word[: -len(suffix)]
            break
    if len(word) > _MIN_STEM + 1 and word.endswith("e") and word[:-1] not in STOP_WORDS:
        word = word[:-1]
    if len(word) > _MIN_STEM and word[-1] == word[-2] and word[-1] not in "lsz":
        word = word[:-1]
    return word


def is_content_word(word: str) -> bool:
    """A word that carries topic: not a stop word, not a number, at least three letters."""
    return len(word) >= 3 and word not in STOP_WORDS and not any(c.isdigit() for c in word)
