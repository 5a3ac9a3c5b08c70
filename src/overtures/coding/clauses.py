"""Clause-level readings the predicate finder relies on, most of them for the grammar of headlines:
passives without auxiliaries, sufferers told as subjects, doers named in circumstances or after "at the
hands of", ranking frames ("the first state to"), reciprocal cues, "between" phrases, and names listed
with commas before a subject. Each takes a token of a dependency parse and returns tokens or a yes/no.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Token

SUBJECTS = frozenset({"nsubj", "csubj"})

# Verbs whose subject undergoes what happens ("Three die in shelling"): never the doer of an act named
# in their circumstances.
UNACCUSATIVE = frozenset({"die", "perish", "drown", "succumb"})
# Verbs that act on someone and are rarely intransitive: with a subject and no object or auxiliary, a past
# form is a headline passive ("Pakistani civilian killed in Indian firing", "Journalists detained in
# Minsk"), even where the tagger read a past tense. Other verbs ("protested", "clashed") keep their subject.
# fmt: off
ACTED_ON = frozenset({
    "kill", "wound", "injure", "hurt", "shoot", "slay", "murder", "behead", "abduct", "kidnap", "stab",
    "lynch", "arrest", "detain", "capture", "seize", "expel", "deport", "jail", "sentence", "execute",
    "hang", "release", "free", "rescue", "evacuate", "target", "bomb", "shell", "ambush", "torture",
    "beat", "maim", "torch", "loot", "hack", "gun", "slaughter", "massacre",
})
# fmt: on
# Words that make an act mutual between conjoined subjects: "reopened their common border", "met each
# other", "signed a bilateral accord", "agreed jointly".
SHARED = frozenset({"common", "shared", "joint", "mutual", "bilateral"})
TOGETHER = frozenset({"jointly", "together", "mutually"})


def reciprocal(token: Token) -> bool:
    """Whether the predicate says its conjoined subjects act on each other."""
    for child in token.children:
        if child.dep_ == "advmod" and child.lower_ in TOGETHER:
            return True
        if child.dep_ in ("dobj", "pobj", "npadvmod") and child.lower_ in ("other", "another"):
            return True
        if child.dep_ == "dobj" and any(m.lower_ in SHARED for m in child.children if m.dep_ == "amod"):
            return True
    return False


def between(token: Token) -> list[Token]:
    """The parties of an event noun told "between X and Y" (or "between X, Y"), also where the parser
    hangs the phrase on the noun's ``of`` complement ("an exchange of fire between X and Y")."""
    out = []
    complements = [o for c in token.children if c.dep_ == "prep" and c.lower_ == "of" for o in c.children]
    for child in [*token.children, *(c for o in complements for c in o.children)]:
        if child.dep_ == "prep" and child.lower_ == "between":
            for obj in (o for o in child.children if o.dep_ == "pobj"):
                out.append(obj)
                out.extend(c for c in obj.children if c.dep_ in ("conj", "appos"))
    return out


# "became the first state to recognise", "was the latest country to expel": the act happened, and the
# subject of the frame is its doer.
RANKS = frozenset({"first", "second", "third", "latest", "last", "only", "next", "newest"})
FRAME_VERBS = frozenset({"be", "become"})


def ranked_frame(token: Token) -> Token | None:
    """The verb of a ranking frame ("X became the first state to remove ...") whose infinitive ``token``
    is: the infinitive tells what the subject did, with the frame verb's modality and subject."""
    if not any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children):
        return None
    head = token.head
    verb = head.head if head.dep_ == "attr" else head
    nouns = [head] if head.dep_ == "attr" else [c for c in verb.children if c.dep_ == "attr"]
    ranked = any(m.lower_ in RANKS for n in nouns for m in n.children if m.dep_ == "amod")
    return verb if ranked and verb.lemma_.lower() in FRAME_VERBS else None


def doer_of_gerund(subject: Token) -> Token:
    """A subject or agent that is itself an act with a doer stands for that doer: "Indian | shelling kills
    two" (a gerund with its own subject), "injured by Indian shelling", "hit by shelling by Indian troops"."""
    if subject.tag_ != "VBG" and subject.lemma_.lower() not in FIRE:
        return subject
    subjects = [c for c in subject.children if c.dep_ in SUBJECTS]
    doers = (
        subjects
        or by_objects(subject)
        or fired_from(subject)
        or [m for m in subject.children if m.dep_ == "amod" and named(m)]
    )
    return doers[0] if doers else subject


# Fire told with where it came from: "firing from India", "shelling from Ukrainian positions".
FIRE = frozenset(
    {
        "fire",
        "firing",
        "gunfire",
        "shelling",
        "shell",
        "rocket",
        "mortar",
        "missile",
        "artillery",
        "bombardment",
    }
)


def fired_from(token: Token) -> list[Token]:
    """Who fired, told as where the fire came from: the named ``from`` object ("from India"), or the
    names on a place it came from ("from Ukrainian positions", "from the army's positions")."""
    if token.lemma_.lower() not in FIRE:
        return []
    out: list[Token] = []
    for prep in (c for c in token.children if c.dep_ == "prep" and c.lower_ == "from"):
        for obj in (o for o in prep.children if o.dep_ == "pobj"):
            out.extend([obj] if named(obj) else named_modifiers(obj) or _owners(obj))
    return out


def _owners(token: Token) -> list[Token]:
    """The possessor of a noun, or its named modifiers: "the army's positions" -> army."""
    return [
        p
        for c in token.children
        if c.dep_ == "poss"
        for p in ([c] if named(c) else named_modifiers(c) or [c])
    ]


def by_objects(token: Token) -> list[Token]:
    """The objects of a ``by`` phrase on a noun or gerund: "shelling by Indian troops"."""
    return [
        o
        for c in token.children
        if c.dep_ in ("prep", "agent") and c.lower_ == "by"
        for o in c.children
        if o.dep_ == "pobj"
    ]


def listed_before(token: Token, subjects: list[Token]) -> list[Token]:
    """Names listed before the subject with a comma in a headline, which the parser hangs off the verb
    ("Ethiopia, Sudan hold talks"): they are subjects too."""
    if not subjects:
        return []
    first = min(s.i for s in subjects)
    doc = token.doc
    return [
        c
        for c in token.children
        if c.dep_ in ("dep", "nmod", "npadvmod", "appos", "amod", "advmod")
        and (c.pos_ == "PROPN" or c.ent_type_ == "NORP")
        and c.i < first
        and c.i + 1 < len(doc)
        and doc[c.i + 1].text == ","
    ]


def hands_of(token: Token) -> list[Token]:
    """ "died at the hands of X", "suffered at the hands of X": X is the doer."""
    return [
        o
        for at in token.children
        if at.dep_ == "prep" and at.lower_ == "at"
        for hands in at.children
        if hands.dep_ == "pobj" and hands.lemma_.lower() == "hand"
        for of in hands.children
        if of.dep_ == "prep" and of.lower_ == "of"
        for o in of.children
        if o.dep_ == "pobj"
    ]


def circumstance_agents(token: Token) -> list[Token]:
    """A passive without "by": the doer may be named in a circumstance ("killed in Israeli shelling";
    "killed in clashes" names none): the named modifiers of its noun, or a nationality the parser left
    as the object itself ("killed in Azerbaijani | shelling", a headline split in two)."""
    out = []
    for prep in token.children:
        if prep.dep_ != "prep" or prep.lower_ not in CIRCUMSTANCE_PREPS:
            continue
        for obj in (o for o in prep.children if o.dep_ in ("pobj", "pcomp")):
            if obj.ent_type_ == "NORP" and obj.pos_ in ("PROPN", "ADJ"):
                out.append(obj)
            elif obj.pos_ in ("NOUN", "VERB"):
                out.extend(by_objects(obj) or fired_from(obj) or named_modifiers(obj))
    return out


def shared_circumstance(token: Token) -> list[Token]:
    """The doer named in the circumstance of a participle told in the same breath: "One killed, three
    wounded in Indian firing" (the firing did both)."""
    owner = token.head if token.dep_ == "acl" else token
    nouns = [n for n in owner.children if n.dep_ in ("appos", "conj", "npadvmod") and n.pos_ != "VERB"]
    siblings = [c for c in token.children if c.dep_ == "conj"] + [
        p for n in nouns for p in n.children if p.dep_ == "acl" and p.tag_ == "VBN"
    ]
    return next((found for found in map(circumstance_agents, siblings) if found), [])


def named_modifiers(token: Token) -> list[Token]:
    """The named modifiers of a noun, through its compounds: "Israeli shelling", "Indian border firing",
    "Pakistan army operation" (a country named before an act is, in news, mostly the one doing it)."""
    out = []
    for m in token.children:
        if m.dep_ in ("amod", "compound", "poss", "nmod"):
            out.extend([m] if named(m) else named_modifiers(m) if m.dep_ == "compound" else [])
    return out


CIRCUMSTANCE_PREPS = frozenset({"in", "during", "amid", "under"})


def named(token: Token) -> bool:
    """A modifier that names someone: a proper noun or a nationality, place or organisation, or one that
    leads ("Saudi-led")."""
    if token.lemma_.lower() == "lead":
        return any(named(c) for c in token.children)
    return token.pos_ == "PROPN" or token.ent_type_ in ("NORP", "GPE", "ORG")


def is_passive(token: Token) -> bool:
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in token.children)


def headline_passive(token: Token) -> bool:
    """A past form of a verb that acts on someone, with a subject and no auxiliary or object, is a
    passive told in headline style ("Two soldiers killed in ambush", "Journalist shot dead"): its subject
    is the one acted upon."""
    if token.tag_ not in ("VBN", "VBD") or token.lemma_.lower() not in ACTED_ON:
        return False
    if not any(c.dep_ == "nsubj" for c in token.children):
        return False
    return not any(c.dep_ in ("aux", "auxpass", "dobj") for c in token.children)


def patients(token: Token) -> list[Token]:
    """Who suffers a verb told from the sufferer's side: the subject of "die", of a passive, of a headline
    passive ("Three die in shelling", "Two killed in clashes")."""
    if token.dep_ == "acl" and token.tag_ == "VBN":
        return [token.head]  # "a soldier killed in shelling"
    if token.lemma_.lower() in UNACCUSATIVE or headline_passive(token):
        subjects = [c for c in token.children if c.dep_ == "nsubj"]
    else:
        subjects = [c for c in token.children if c.dep_ == "nsubjpass"]
    return subjects + [conj for s in subjects for conj in s.children if conj.dep_ == "conj"]
