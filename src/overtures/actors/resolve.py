"""Resolve noun phrases of a parsed sentence to actors (country + sector), using the knowledge base.

Rules, in order, for the noun phrase headed by a token:
1. a knowledge-base name inside the phrase (the head first, then possessives, then modifiers):
   "Russia", "the Taliban", "Lavrov", "Moscow" (a capital stands for the government), "Uzbek" (demonym);
2. the sector comes from the head or a title in the phrase ("Foreign Minister", "army", "refugees");
3. a person named earlier with a role keeps it ("Uzbek Foreign Minister Bakhtiyor Saidov" ... "Saidov");
4. pronouns ("it", "they", "its army") take the most recent compatible actor of the article;
5. generic heads with "of" take the actor of their complement ("members of the Haqqani network").
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from overtures.actors.context import NEUTER, PERSONAL, PLURAL, ArticleContext, antecedent, remembered
from overtures.actors.kb import ActorEntry, KBMatch, KnowledgeBase
from overtures.model import Actor
from overtures.places import geocode

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

NP_DEPS = frozenset(
    {"compound", "amod", "poss", "nmod", "det", "nummod", "appos", "flat", "case", "quantmod", "npadvmod"}
)
GENERIC_HEADS = frozenset(
    {
        "member",
        "leader",
        "official",
        "representative",
        "citizen",
        "national",
        "head",
        "chief",
        "part",
        "some",
        "many",
        "one",
        "two",
        "three",
        "dozen",
        "hundred",
        "thousand",
        "group",
        "team",
        "delegation",
    }
)
NEGATIVE_HEADS = frozenset({"nobody", "none", "anyone", "anybody", "everyone"})


@dataclass
class SentenceMatches:
    """Knowledge-base matches of one sentence, indexed by Doc token index."""

    by_token: dict[int, KBMatch]
    offset: int


class ActorResolver:
    """Turn tokens of parsed sentences into actors."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb

    def prepare(self, sent: Span) -> SentenceMatches:
        """Find every knowledge-base name in a sentence once."""
        words = [self._cased(t, sent[k - 1] if k else None) for k, t in enumerate(sent)]
        by_token: dict[int, KBMatch] = {}
        for match in self.kb.match_words(words):
            for i in range(match.start, match.end):
                by_token[sent.start + i] = match
        return SentenceMatches(by_token=by_token, offset=sent.start)

    def _cased(self, token: Token, before: Token | None) -> str:
        """A lowercase word after a capitalised title is a carelessly written name ("President obama");
        ``before`` is the word before it in the sentence."""
        if before is None or not token.is_lower or not token.is_alpha or not before.text[:1].isupper():
            return token.text
        return token.text.capitalize() if self.kb.sector(before.text) in ("GOV", "LEG", "MIL") else token.text

    def actors(self, token: Token, matches: SentenceMatches, ctx: ArticleContext) -> list[Actor]:
        """The actors of a phrase and of its conjoined phrases ("Uzbekistan, Afghanistan and Pakistan")."""
        found: list[Actor] = []
        heads = [token, *_conjuncts(token)]
        for head in heads:
            actor = self.actor(head, matches, ctx)
            extra = self._conjoined_modifiers(head, actor, matches, ctx) if actor is not None else []
            for candidate in [actor, *extra]:
                if candidate is not None and all(candidate.code != a.code for a in found):
                    found.append(candidate)
        return shared_noun(found, [h for h in heads if bare_demonym(h, matches)])

    def _conjoined_modifiers(
        self, head: Token, actor: Actor, matches: SentenceMatches, ctx: ArticleContext
    ) -> list[Actor]:
        """ "US and British activists": one actor per conjoined name in the modifiers, same sector."""
        out = []
        named = [
            m for m in head.children if m.dep_ in ("nmod", "amod", "compound") and m.i in matches.by_token
        ]
        listed = len(named) > 1 and any(
            c.dep_ in ("cc", "conj") or c.text == "," for m in named for c in m.children
        )  # "Uzbek, Afghan and Pakistani officials"; a headline's "Pakistani, Indian troops"
        for mod in _phrase_tokens(head):
            if mod.i == head.i or mod.i not in matches.by_token:
                continue
            # "Uzbek, Afghan and Pakistani officials": the parser makes the first items sibling modifiers
            siblings = [m for m in named if m.i != mod.i] if listed else []
            for conj in _conjuncts(mod, adjectives=True) + siblings:
                match = matches.by_token.get(conj.i)
                if match is not None:
                    role = match.entry.role_on(ctx.when)
                    out.append(
                        replace(
                            actor,
                            name=match.entry.name,
                            country=role.country,
                            code=_code(role.country, actor.sector) if role.country else role.code,
                        )
                    )
        return out

    def actor(
        self, token: Token, matches: SentenceMatches, ctx: ArticleContext, depth: int = 0
    ) -> Actor | None:
        """The actor of the noun phrase headed by ``token``, or None."""
        if token.lower_ in NEGATIVE_HEADS or _has_negative_det(token):
            return None
        phrase = _phrase_tokens(token)
        match = _best_match(token, phrase, matches)
        if match is not None:
            actor = self._from_match(token, phrase, match, ctx)
            person = self._register_person(phrase, actor, matches, ctx, match) or match.entry.kind == "person"
            ctx.remember(actor, person=person)
            return actor
        if token.pos_ == "PRON":
            if token.lower_ not in PERSONAL | PLURAL | NEUTER:
                return None
            return antecedent(token.lower_, ctx, subject=token.dep_ in ("nsubj", "nsubjpass"), at=token.i)
        known = remembered(phrase, ctx)
        if known is not None:
            return known
        pronoun = next(
            (t for t in phrase if t.dep_ == "poss" and t.lower_ in PERSONAL | PLURAL | NEUTER), None
        )
        if pronoun is not None:
            owner = antecedent(pronoun.lower_, ctx, subject=True, at=pronoun.i)
            if owner is not None:
                return self._with_sector(owner, token, phrase)
        return self._unnamed(token, phrase, matches, ctx, depth)

    def _unnamed(
        self, token: Token, phrase: list[Token], matches: SentenceMatches, ctx: ArticleContext, depth: int
    ) -> Actor | None:
        """No name in the phrase: a place ("Nablus"), a complement ("officials of X", "dissidents from
        Egypt", "a court in Guyana"), or a bare sector ("rebels", "Congress") with no country."""
        place = _place_actor(token, phrase)
        if place is not None:
            return place
        sector = self._sector(token, phrase, matches_tokens=set())
        if depth < 2 and (sector or token.lemma_.lower() in GENERIC_HEADS):
            inner = self._via_of(token, matches, ctx, depth)
            if inner is not None:
                return inner if not sector or inner.sector else self._with_sector(inner, token, phrase)
        if sector and token.pos_ in ("NOUN", "PROPN"):
            return Actor(
                name=token.lemma_,
                text=_span_text(phrase),
                country=None,
                sector=sector,
                code=_code(None, sector),
                start=phrase[0].idx,
                end=phrase[-1].idx + len(phrase[-1].text),
            )
        return None

    def note_subjects(self, sent: Span, matches: SentenceMatches, ctx: ArticleContext) -> None:
        """Remember the subjects of a sentence, in order, as antecedents for pronouns that follow."""
        for token in sent:
            if token.dep_ not in ("nsubj", "nsubjpass") or token.pos_ == "PRON":
                continue
            actor = self.actor(token, matches, ctx)
            if actor is not None:
                person = (
                    token.ent_type_ == "PERSON"
                    or token.lower_ in PERSONAL
                    or any(m.entry.kind == "person" for i, m in matches.by_token.items() if i == token.i)
                )
                ctx.subjects.append((actor, person, token.i))

    def _via_of(
        self, token: Token, matches: SentenceMatches, ctx: ArticleContext, depth: int
    ) -> Actor | None:
        """The actor of a complement: "officials of X", "dissidents from X", "an envoy named by X"."""
        for prep in token.children:
            if prep.dep_ == "prep" and prep.lower_ in ("of", "from", "in"):
                for obj in prep.children:
                    if obj.dep_ == "pobj":
                        return self.actor(obj, matches, ctx, depth + 1)
        for obj in _appointers(token):
            return self.actor(obj, matches, ctx, depth + 1)
        return None

    def _from_match(self, token: Token, phrase: list[Token], match: KBMatch, ctx: ArticleContext) -> Actor:
        entry = match.entry
        role = entry.role_on(ctx.when)
        sector = self._sector(token, phrase, matches_tokens=_match_tokens(token, match))
        if sector is None:
            sector = role.sector or _default_sector(match, entry, named_people=_people_noun(token, match))
        elif entry.kind in ("group", "person", "igo") and role.sector and sector not in ("MIL", "COP"):
            sector = role.sector
        country = role.country
        code = None
        if entry.kind in ("group", "igo", "person"):
            code = role.code if sector == role.sector or role.country else f"{role.code}{sector or ''}"
        actor = Actor(
            name=entry.name,
            text=_span_text(phrase),
            country=country,
            sector=sector,
            code=code or _code(country, sector),
            start=phrase[0].idx,
            end=phrase[-1].idx + len(phrase[-1].text),
        )
        return actor

    def _with_sector(self, owner: Actor, token: Token, phrase: list[Token]) -> Actor:
        sector = self._sector(token, phrase, matches_tokens=set()) or owner.sector
        return Actor(
            name=owner.name,
            text=_span_text(phrase),
            country=owner.country,
            sector=sector,
            code=_code(owner.country, sector) if owner.country else owner.code,
            start=phrase[0].idx,
            end=phrase[-1].idx + len(phrase[-1].text),
        )

    def _sector(self, token: Token, phrase: list[Token], *, matches_tokens: set[int]) -> str | None:
        """The sector named by the head or a title in the phrase ("Foreign Minister", "army")."""
        words = [t for t in phrase if t.i not in matches_tokens and t.pos_ in ("NOUN", "PROPN", "ADJ")]
        ordered = sorted(words, key=lambda t: (t.i != token.i, -t.i))
        for t in ordered:
            for n in (3, 2):
                start = t.i - n + 1
                if start >= phrase[0].i:
                    title = " ".join(x.lower_ for x in t.doc[start : t.i + 1])
                    sector = self.kb.sector(title)
                    if sector:
                        return sector
            sector = self.kb.sector(t.lemma_.lower()) or self.kb.sector(t.lower_)
            if sector:
                return sector
        return None

    def _register_person(
        self, phrase: list[Token], actor: Actor, matches: SentenceMatches, ctx: ArticleContext, match: KBMatch
    ) -> bool:
        """Remember a named person with the role the text gave them, so that the surname alone resolves
        later in the article ("Saidov later met ..."); True if the phrase names a person."""
        names = [t for t in phrase if t.ent_type_ == "PERSON" and t.i not in matches.by_token]
        if not names and match.entry.kind == "person":
            names = [t for t in phrase if t.pos_ == "PROPN" and matches.by_token.get(t.i) is match]
        if not names or actor.country is None:
            return False
        ctx.people[" ".join(t.text for t in names)] = actor
        ctx.people[names[-1].text] = actor
        return True


def _conjuncts(token: Token, *, adjectives: bool = False) -> list[Token]:
    """Conjoined phrases, and list items the parser took for appositions ("the US, Russia, and Switzerland");
    with ``adjectives``, conjoined demonyms of a modifier too ("US and British activists")."""
    kinds = ("PROPN", "NOUN", "PRON", "ADJ") if adjectives else ("PROPN", "NOUN", "PRON")
    out = []
    for child in token.children:
        listed = child.dep_ == "appos" and any(c.dep_ == "conj" for c in child.children)
        if (child.dep_ == "conj" or listed) and child.pos_ in kinds:
            out.append(child)
            out.extend(_conjuncts(child, adjectives=adjectives))
    return out


def _place_actor(token: Token, phrase: list[Token]) -> Actor | None:
    """A named place that is not in the knowledge base stands for its country ("Nablus", "Alaska")."""
    if token.ent_type_ != "GPE" or token.pos_ != "PROPN":
        return None
    names = [t for t in phrase if t.ent_type_ == token.ent_type_ and t.pos_ == "PROPN"]
    place = geocode(" ".join(t.text for t in names))
    if place is None or place.country is None:
        return None
    return Actor(
        name=place.name,
        text=_span_text(phrase),
        country=place.country,
        code=place.country,
        start=phrase[0].idx,
        end=phrase[-1].idx + len(phrase[-1].text),
    )


# "an envoy named by the Taliban", "a governor appointed by Moscow": whoever appoints them speaks through them
APPOINTING = frozenset(
    {"name", "appoint", "send", "nominate", "dispatch", "designate", "accredit", "delegate"}
)


def _appointers(token: Token) -> list[Token]:
    return [
        obj
        for clause in token.children
        if clause.dep_ == "acl" and clause.tag_ == "VBN" and clause.lemma_.lower() in APPOINTING
        for agent in clause.children
        if agent.dep_ == "agent"
        for obj in agent.children
        if obj.dep_ == "pobj"
    ]


def bare_demonym(token: Token, matches: SentenceMatches) -> bool:
    """A nationality with no noun of its own: "Kyrgyz" in "Kyrgyz and Tajik border guards"."""
    match = matches.by_token.get(token.i)
    return match is not None and match.how == "demonym" and not any(c.dep_ in NP_DEPS for c in token.children)


def shared_noun(found: list[Actor], bare: list[Token]) -> list[Actor]:
    """Bare nationalities conjoined with a noun share its sector ("Kyrgyz and Tajik border guards")."""
    sectors = [a.sector for a in found if a.sector]
    if not bare or not sectors:
        return found
    spans = {(t.idx, t.idx + len(t.text)) for t in bare}
    return [
        replace(a, sector=sectors[-1], code=_code(a.country, sectors[-1]))
        if a.sector is None and a.country and (a.start, a.end) in spans
        else a
        for a in found
    ]


def _has_negative_det(token: Token) -> bool:
    """ "no country", "not a single government", "not one state": a phrase that names nobody."""
    for child in token.children:
        if child.dep_ == "det" and child.lower_ == "no":
            return True
        if child.lower_ in ("single", "one") and any(
            t.lower_ in ("not", "never") for t in token.doc[max(child.i - 3, 0) : child.i]
        ):
            return True
    return False


def _phrase_tokens(token: Token) -> list[Token]:
    """The head with its nominal modifiers (no clauses, no prepositional phrases)."""
    out = [token]
    stack = [token]
    while stack:
        current = stack.pop()
        for child in current.children:
            if child.dep_ in NP_DEPS:
                out.append(child)
                stack.append(child)
    return sorted(out, key=lambda t: t.i)


def _best_match(token: Token, phrase: list[Token], matches: SentenceMatches) -> KBMatch | None:
    """The head's own match first, then the possessor's, then the nearest modifier's."""
    if token.i in matches.by_token:
        return matches.by_token[token.i]
    poss = [t for t in phrase if t.dep_ in ("poss", "nmod") and t.i in matches.by_token]
    if poss:
        return matches.by_token[poss[0].i]
    hits = [t for t in phrase if t.i in matches.by_token]
    if not hits:
        return None
    nearest = min(hits, key=lambda t: abs(t.i - token.i))
    return matches.by_token[nearest.i]


def _match_tokens(token: Token, match: KBMatch) -> set[int]:
    sent_start = token.sent.start
    return set(range(sent_start + match.start, sent_start + match.end))


def _default_sector(match: KBMatch, entry: ActorEntry, *, named_people: bool) -> str | None:
    """A capital or metonym stands for the government; a nationality noun for the people ("deported 200
    Afghans", "undocumented Syrians": that country's civilians)."""
    if match.how in ("capital", "metonym"):
        return "GOV"
    if named_people and entry.kind == "country":
        return "CVL"
    return None


def _people_noun(token: Token, match: KBMatch) -> bool:
    """The phrase's head is itself a plural nationality noun ("Syrians", "Afghans")."""
    return match.how == "demonym" and token.i in _match_tokens(token, match) and token.tag_ in ("NNS", "NNPS")


def _code(country: str | None, sector: str | None) -> str:
    return f"{country or '---'}{sector or ''}"


def _span_text(phrase: list[Token]) -> str:
    """The text from the phrase's first token to its last (Doc.text would join the whole document)."""
    return phrase[0].doc[phrase[0].i : phrase[-1].i + 1].text
