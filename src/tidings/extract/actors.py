"""Actors: dictionaries, titles and in-document name chains -> CAMEO actor codes.

We never trust spaCy's NER label for names. An actor phrase is recognised from our own
tables (the rule set's actor dictionary) on the tokens of a sentence, then composed
(:mod:`tidings.extract.phrases`). A person first named with a title ("South Korean
counterpart Han Min-koo") is added to the article's name chain, so that a later "Han"
resolves to the same person.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import replace

from tidings.extract.phrases import Composer, Hit, NameChain, Resolved, is_name, pick_person
from tidings.rules import RuleSet
from tidings.rules.dictionary import STANDALONE, Entry, make_code
from tidings.rules.lexicon import Lexicon
from tidings.rules.names import sex_of

__all__ = ["NameChain", "Resolved", "fill_country_from_context", "find_actors", "name_chain"]

_OWN = ("its", "their", "his", "her", "our")
_RESIDENCE = ("in", "of", "from", "inside")


def name_chain(rules: RuleSet) -> NameChain:
    """An empty name chain for one article."""
    return NameChain(rules.lexicon.family_name_first)


def _hits(words: Sequence[str], rules: RuleSet) -> list[Hit]:
    d = rules.dictionary
    hits: list[Hit] = []
    i = 0
    while i < len(words):
        n, entries = d.lookup(words, i)
        if n and _not_meant(words, i, n, entries, hits, rules):
            i += n
            continue
        if n:
            hits.append(Hit(i, i + n, entries))
        i += n or 1
    return hits


def _not_meant(words: Sequence[str], i: int, n: int, entries: Sequence[Entry], hits: list[Hit],
               rules: RuleSet) -> bool:
    """The dictionary name of ``n`` words at ``i`` does not mean its entries here. A name
    it ends also goes from ``hits`` ("Labour Congress": neither the Labour Party nor the
    US Congress)."""
    lex = rules.lexicon
    if i >= 2 and words[i - 1] == "-" and words[i - 2].lower() in ("anti", "pro", "non"):
        return True  # "anti-Syria journalist": about Syria, not Syria
    if n == 1 and words[i] in lex.title_only_roles:
        return True  # "demanded justice": the abstract noun, not a judge
    if n == 1 and i >= 1 and _another_person(words[i - 1], entries, rules.first_names):
        return True  # "Tom Baker" is not the James Baker a bare "Baker" stands for
    if i >= 2 and words[i - 1] == "of" and words[i - 2].lower() in lex.portfolio_heads \
            and words[i - 2][:1].isupper() and all(e.kind == "organisation" for e in entries):
        return True  # "the Ministry of Labour": the ministry's field, not the Labour Party
    # one word, or a party's name that other parties' names end with ("Democratic Party")
    tail = n == 1 or all(e.role == "PTY" for e in entries)
    if tail and i >= 2 and words[i - 2] != "-" and words[i - 1].lower() not in lex.function_words \
            and _tail_of_a_name(words[i - 1], entries, hits, i):
        if hits and hits[-1].end == i:
            hits.pop()  # "Labour Congress": neither the Labour Party nor the US Congress
        return True  # "the Nigeria Labour Congress" is not the US Congress a bare "Congress" is
    return False


def _at_home(h: Hit, home: Mapping[str, int]) -> Hit:
    """``h`` with the organisation of the article's country first, when its name is
    borne by organisations of several countries; the table's first stays first unless
    the article names more places in another one's country."""
    orgs = [e for e in h.entries if e.kind == "organisation"]
    if len({e.country for e in orgs}) < 2:
        return h
    first = orgs[0]
    best = max(orgs, key=lambda e: home.get(e.country or "", 0))
    if best is first or home.get(best.country or "", 0) <= home.get(first.country or "", 0):
        return h
    return Hit(h.start, h.end, [best, *(e for e in h.entries if e is not best)])


def _tail_of_a_name(before: str, entries: Sequence[Entry], hits: Sequence[Hit], i: int) -> bool:
    """An organisation's name ending a longer name: after a capitalised word (not the
    sentence's first) that is no actor itself, or is another one-word organisation or a
    role word written as a name ("National Congress", "Labour Congress", "Trades Union
    Congress", "the Peoples Democratic Party"; but "the Palestinian Hamas movement" is
    Hamas)."""
    if not (before[:1].isupper() and before.isalpha() and entries and all(e.kind == "organisation" for e in entries)):
        return False
    last = hits[-1] if hits else None
    return last is None or last.end != i or (last.end - last.start == 1 and all(
        e.kind in ("organisation", "role") for e in last.entries))


def _another_person(before: str, entries: Sequence[Entry], first_names: Mapping[str, str]) -> bool:
    """A surname (of people only) after a first name that none of them bears."""
    first = before.lower()
    return (before[:1].isupper() and first in first_names and bool(entries)
            and all(e.kind == "person" and not e.name.lower().startswith(first + " ") for e in entries))


def find_actors(words: Sequence[str], day: dt.date | None, chain: NameChain, rules: RuleSet,
                home: Mapping[str, int] | None = None) -> list[Resolved]:
    """Actor phrases in one sentence's tokens, composed from country, title and name.
    ``home`` counts the article's places by country: a name several organisations bear
    is the one of the country the article is set in ("Congress" in an article from
    Bhopal is India's Congress party, not the US Congress)."""
    hits = _hits(words, rules)
    if home:
        hits = [_at_home(h, home) for h in hits]
    out: list[Resolved] = []
    used_until = -1
    for idx, h in enumerate(hits):
        if h.start < used_until:
            continue
        res, end = Composer(words, hits, idx, day, chain, rules).compose()
        if res is not None:
            out.extend(res)
            used_until = end
    out = [r for r in out if not _holder_of_place(r, words, rules.lexicon)]
    out = _merge_role_of_country(out, words, rules)
    out = _ethnic_residence(out, words)
    out = _bodies_of(out, words, rules.lexicon.name_heads)
    out = [r for r in out if not _landform(r, words, rules)]
    out += _lone_names(words, out, day, chain, rules)
    out.sort(key=lambda r: r.tok_start)
    return out


def _landform(r: Resolved, words: Sequence[str], rules: RuleSet) -> bool:
    """A role word that names land after a direction ("withdrew from the west bank of the
    Dnipro", "the left bank"): ``landform_roles``."""
    return (r.tok_end - r.tok_start == 1 and r.country is None and r.tok_start > 0
            and words[r.tok_start].lower() in rules.lexicon.landform_roles
            and words[r.tok_start - 1].lower() in rules.lexicon.land_directions)


def _holder_of_place(r: Resolved, words: Sequence[str], lex: Lexicon) -> bool:
    """A country named only as who holds a place ("Moroccan-controlled Western Sahara", "the
    Russian-held city of Kherson": lexicon ``holding_participles``) describes that place;
    it is no actor of the sentence, and the people of the place are not of it."""
    j = r.tok_end
    return (r.role is None and r.kind == "country" and j + 1 < len(words) and words[j] in ("-", "–")
            and words[j + 1].lower() in lex.holding_participles)


def _names_a_place(words: Sequence[str], j: int, rules: RuleSet) -> bool:
    """Whether the surname at ``j`` names a place: after a locative preposition ("a
    police spokeswoman in Lagos", "in central Lagos"), after the "of" of a place noun or
    of a word of ``place_followers`` ("the streets of Lagos", "the governor of Lagos"),
    before a word of ``place_followers`` ("Lagos police"), or a city joined by a hyphen
    ("the Lagos-Ibadan expressway", "a Lagos-based firm"), not Ricardo Lagos."""
    lex = rules.lexicon
    k = j - 1
    while k > 0 and words[k].lower() in lex.place_directions:
        k -= 1
    if 0 <= k < j and words[k].lower() in lex.locative_preps:
        return True
    if 0 < k < j and words[k].lower() == "of" and (words[k - 1].lower() in lex.place_nouns | lex.place_followers):
        return True  # "the streets of Lagos", "the outskirts of Lagos", "the governor of Lagos"
    if j + 1 < len(words) and words[j + 1].lower() in lex.place_followers:
        return True  # "Lagos police", "the Lagos governor": a town's own officials
    return j + 1 < len(words) and words[j + 1] in ("-", "–") and rules.dictionary.country_of(words[j]) is not None


def _part_of_a_name(words: Sequence[str], j: int) -> bool:
    """A surname joined by a hyphen to another name ("Amina Okonjo-Salami") is part
    of that double name, not the known person of that surname alone."""
    joined = ("-", "–")
    return (j >= 2 and words[j - 1] in joined and is_name(words[j - 2])) or (
        j + 2 < len(words) and words[j + 1] in joined and is_name(words[j + 2]))



def _a_month(words: Sequence[str], j: int, lex: Lexicon) -> bool:
    """A surname that is also a month ("May"), after a preposition of time (lexicon
    ``time_preps``) or beside a day's number ("since May", "in May", "May 12", "1 May"), is the month."""
    if words[j].lower() not in lex.time_words:
        return False
    return (j > 0 and (words[j - 1].lower() in lex.time_preps or words[j - 1].isdigit())) or (
        j + 1 < len(words) and words[j + 1].isdigit())


def _lone_names(words: Sequence[str], found: Sequence[Resolved], day: dt.date | None,
                chain: NameChain, rules: RuleSet) -> list[Resolved]:
    """Lone surnames and chained names not composed from the tables ("Han", "Mattis")."""
    taken = {t for r in found for t in range(r.tok_start, r.tok_end)}
    lex = rules.lexicon
    # an honorific is no part of a name run: "met Mrs Clinton" names Clinton
    not_names = lex.not_names | lex.honorifics_male | lex.honorifics_female
    out: list[Resolved] = []
    for j, w in enumerate(words):
        if j in taken or not is_name(w):
            continue
        if j > 0 and is_name(words[j - 1]) and (j - 1) not in taken and words[j - 1] not in not_names \
                and (j > 1 or words[0].lower() in rules.first_names):
            continue  # inside a longer run of capitalised words ("Tom Baker" opening a sentence too)
        hit = chain.get(w)
        if hit is not None:
            out.append(Resolved(hit.name, hit.code, hit.country, hit.role, hit.kind, "name_chain", j, j + 1, j))
            continue
        surnames = rules.dictionary.surnames
        if w not in surnames or (j + 1 < len(words) and is_name(words[j + 1])):
            continue
        if _names_a_place(words, j, rules) or _part_of_a_name(words, j) or _a_month(words, j, lex):
            continue
        person, _ = pick_person(_of_sex(surnames[w], words[j - 1] if j else "", rules), day)
        if person is not None:
            r = Resolved(person.name, make_code(person.country, person.role), person.country,
                         person.role, "person", "dictionary", j, j + 1, j)
            out.append(r)
            chain.add(r)
    return out


def _of_sex(entries: Sequence[Entry], before: str, rules: RuleSet) -> Sequence[Entry]:
    """The holders of a surname a title before it allows: "Mrs. Clinton" is not Bill."""
    lex = rules.lexicon
    want = "m" if before in lex.honorifics_male else "f" if before in lex.honorifics_female else None
    if want is None:
        return entries
    return [e for e in entries if sex_of(e.name, rules.first_names, lex.family_name_first) in (None, want)]


def _ethnic_of_place(r: Resolved, nxt: Resolved | None, words: Sequence[str], rules: RuleSet) -> Resolved | None:
    """"ethnic Albanians in south Serbia", "the Albanians of southern Serbia": a people
    of a place lives there, and is coded by it."""
    if nxt is None or not nxt.country or nxt.role is not None:
        return None
    ethnic_word = r.tok_start > 0 and words[r.tok_start - 1].lower() == "ethnic"
    gap = [w.lower() for w in words[r.tok_end : nxt.tok_start]]
    people_of = r.how == "demonym" and r.role is None and words[r.tok_end - 1].endswith("s") and gap[:1] == ["of"]
    if not (r.how == "ethnic" or ethnic_word or people_of):
        return None
    regions = rules.lexicon.region_words
    if not (gap and gap[0] in _RESIDENCE and all(w in regions or w in (*_RESIDENCE, "the") for w in gap)):
        return None
    name = " ".join(words[r.tok_start - 1 if ethnic_word else r.tok_start : r.tok_end])
    return Resolved(name, make_code(nxt.country, r.role), nxt.country, r.role, "group", "ethnic",
                    r.tok_start, r.tok_end, r.head, True)


def _role_of_country(r: Resolved, nxt: Resolved | None, words: Sequence[str]) -> Resolved | None:
    """"the president of Armenia", "officials from Serbia", "residents of Khartoum" (a
    capital after "of" is the place, not its government): a role named without a country
    takes the country that follows it (not "withdrew its troops from Georgia")."""
    owned = r.tok_start > 0 and words[r.tok_start - 1].lower() in _OWN
    if (nxt is None or r.country is not None or not r.role or r.code.startswith(STANDALONE) or owned
            or not nxt.country or (nxt.role is not None and nxt.how != "capital") or nxt.tok_start != r.tok_end + 1
            or words[r.tok_end].lower() not in ("of", "from", "in")
            or (nxt.role is not None and words[r.tok_end].lower() == "in")):  # "negotiators in Brussels"
        return None
    return Resolved(f"{r.name} of {nxt.name}", make_code(nxt.country, r.role), nxt.country, r.role,
                    r.kind, r.how, r.tok_start, nxt.tok_end, r.head, r.plural)


def _member_of(r: Resolved, nxt: Resolved | None, words: Sequence[str], members: frozenset[str]) -> Resolved | None:
    """"the leader of the rebels", "a spokesman for Hamas", "members of parliament": one
    who speaks or acts for a body (``members``) is coded as that body, not by the role
    word alone ("leader" would be a government)."""
    if (nxt is None or r.country is not None or r.tok_end - r.tok_start != 1
            or words[r.tok_start].lower() not in members or nxt.kind in ("person", "country")
            or nxt.how == "capital" or not nxt.code):
        return None
    gap = [w.lower() for w in words[r.tok_end:nxt.tok_start]]
    if gap not in (["of"], ["of", "the"], ["for"], ["for", "the"], ["from"], ["from", "the"]):
        return None
    return Resolved(" ".join(words[r.tok_start:nxt.tok_end]), nxt.code, nxt.country, nxt.role,
                    nxt.kind, nxt.how, r.tok_start, nxt.tok_end, r.head, r.plural)


def _possessor_member(r: Resolved, nxt: Resolved | None, words: Sequence[str],
                      members: frozenset[str]) -> Resolved | None:
    """"Hamas's leader", "the union's leaders", "the rebels' commander": one who speaks or
    acts for a body named as the possessor (``members``) is coded as that body."""
    if (nxt is None or r.kind not in ("organisation", "group") or not r.code or r.how == "capital"
            or nxt.tok_end - nxt.tok_start != 1 or words[nxt.tok_start].lower() not in members
            or words[r.tok_end:nxt.tok_start] not in (["'s"], ["’s"], ["'"], ["’"])):
        return None
    return Resolved(" ".join(words[r.tok_start:nxt.tok_end]), r.code, r.country, r.role, r.kind, r.how,
                    r.tok_start, nxt.tok_end, nxt.head, nxt.plural)


def _bodies_of(found: list[Resolved], words: Sequence[str], heads: frozenset[str]) -> list[Resolved]:
    """"the Zambia Association of Junior Doctors", "the Federation of Uganda Traders":
    a body named as an association (``heads``: lexicon ``name_heads``) of people of a role
    is those people, the whole name its span, of the country its name gives."""
    out = list(found)
    for r in found:
        k = _body_word(r, words, heads)
        if k is None:
            continue
        start = k
        while start > 0 and is_name(words[start - 1]) and words[start - 1].lower() not in ("the", "a", "an"):
            start -= 1
        inside = [a for a in out if a is not r and start <= a.tok_start and a.tok_end <= k]
        if any(a.kind != "country" for a in inside):
            continue
        country = r.country or next((a.country for a in inside if a.country), None)
        body = replace(r, name=" ".join(words[start:r.tok_end]), code=make_code(country, r.role), country=country,
                       tok_start=start, head=k)
        out = [body if a is r else a for a in out if a not in inside]
    return out


def _body_word(r: Resolved, words: Sequence[str], heads: frozenset[str]) -> int | None:
    """Where the word of ``heads`` is that names a body of the people ``r`` names, "of" and
    at most two words of the name between ("Association of Junior Doctors"); else None."""
    k = r.tok_start - 2
    while k >= 0 and k > r.tok_start - 4 and words[k + 1] != "of" and is_name(words[k + 1]):
        k -= 1  # "of Junior Doctors": a word of the name before the role
    if (r.kind in ("country", "person") or not r.role or k < 0 or words[k + 1] != "of"
            or words[k].lower() not in heads or not words[k][:1].isupper()):
        return None
    return k


def _merge_role_of_country(found: list[Resolved], words: Sequence[str], rules: RuleSet) -> list[Resolved]:
    out: list[Resolved] = []
    i = 0
    while i < len(found):
        r = found[i]
        nxt = found[i + 1] if i + 1 < len(found) else None
        ethnic = _ethnic_of_place(r, nxt, words, rules)
        merged = None if ethnic else (_role_of_country(r, nxt, words)
                                      or _member_of(r, nxt, words, rules.lexicon.member_heads)
                                      or _possessor_member(r, nxt, words, rules.lexicon.member_heads))
        out.append(ethnic or merged or r)
        i += 2 if merged else 1
    return out


def _ethnic_residence(found: list[Resolved], words: Sequence[str]) -> list[Resolved]:
    """"Serb forces killed three ethnic Albanians in ... Serbia": an ethnic group whose
    residence is not said next to it lives in the other country the sentence names."""
    out = []
    for r in found:
        if (r.how != "ethnic" and r.tok_start > 0 and words[r.tok_start - 1].lower() == "ethnic"
                and r.country):
            # not a country in a compound modifier ("under a Russian-brokered truce")
            other = next((x.country for x in found if x.country and x.country != r.country
                          and x.kind in ("country", "group", "person")
                          and not (x.tok_end < len(words) and words[x.tok_end] == "-")), None)
            if other:
                r = Resolved(f"ethnic {' '.join(words[r.tok_start:r.tok_end])}", make_code(other, r.role),
                             other, r.role, "group", "ethnic", r.tok_start, r.tok_end, r.head, True)
        out.append(r)
    return out


def fill_country_from_context(per_sentence: list[list[Resolved]], lexicon: Lexicon,
                              place_countries: Sequence[str] = (),
                              sentence_places: Sequence[frozenset[str]] = (),
                              own_places: Sequence[Mapping[int, str]] = (),
                              words: Sequence[Sequence[str]] = (),
                              reporting: frozenset[str] = frozenset(),
                              dateline_country: str | None = None) -> list[list[Resolved]]:
    """Give role actors named without a country ("the judge", "President Dos Santos")
    the article's main country: the one its actors name most (earliest on a tie), or,
    when no actor names one, the country of the places it mentions ("in Mombasa").
    The place of a dateline counts as one naming, ahead of all others on a tie
    (``dateline_country``: "LIMA (Reuters) - ... the prime minister" is Peru's), and is
    the home of local people whose sentence names no place ("BAMAKO - ... thousands
    rallied in the capital" are Malians however often the article names France).
    A place in the actor's own phrase comes first ("dock workers in Antwerp", "police
    in Lagos": ``own_places`` maps the first token of each place of a sentence to its
    country, ``words`` are the sentence's tokens), except for people often away from
    home (lexicon ``visiting_roles``: "refugees in Lebanon" are not Lebanese).
    People whose role is local (``local_roles``: civilians, police, gangs, rebels) take
    instead the country of the places their own sentence names, when those are all in one
    country (``sentence_places``, one set per sentence): "12 people were killed in Kyiv" in
    an article that began in Athens; when it names none, where the story was filed, else
    the country most of its towns and regions are in (``place_countries``). A country named
    only for its border (``border_words``: "camps near the Afghan border") is beyond where
    things happen and counts for none, and the country of someone's counterpart or of an
    envoy (``other_side_nouns``, ``envoy_nouns``: "the minister met his Italian
    counterpart", "the ministry summoned the Danish ambassador") is not that someone's, nor
    is the country of people called outsiders (``outsider_words``: "foreign troops",
    "Western diplomats")."""
    tally: dict[str, int] = {}
    first: dict[str, int] = {}
    named = [r.country for i, sent in enumerate(per_sentence) for r in sent
             if r.country and not _border_of(r, words[i] if i < len(words) else (), lexicon)]
    if dateline_country:
        tally[dateline_country], first[dateline_country] = 1, -1
    for pos, c in enumerate(named):
        tally[c] = tally.get(c, 0) + 1
        first.setdefault(c, pos)
    if not tally:
        for c in place_countries:
            tally[c] = tally.get(c, 0) + 1
            first.setdefault(c, len(first))
    main = max(tally, key=lambda c: (tally[c], -first[c])) if tally else None
    scene = _scene(place_countries)
    # the countries of someone's counterpart in each sentence ("his Italian counterpart"), and
    # of a foreign envoy for the roles named before the envoy ("the ministry summoned the
    # Danish ambassador"; not "Kenya's envoy said the government ...")
    other_side = [{a.country for a in sent if a.country and 0 < a.tok_end <= len(ws)
                   and ws[a.tok_end - 1].lower() in lexicon.other_side_nouns}
                  for sent, ws in zip(per_sentence, [*words, *[()] * len(per_sentence)], strict=False)]
    envoys = [[(a.country, a.tok_start) for a in sent if a.country and 0 < a.tok_end <= len(ws)
               and ws[a.tok_end - 1].lower() in lexicon.envoy_nouns]
              for sent, ws in zip(per_sentence, [*words, *[()] * len(per_sentence)], strict=False)]

    def fill(r: Resolved, i: int) -> Resolved:
        if r.country is not None or not r.role or r.code.startswith(STANDALONE):
            return r
        sent_words = words[i] if i < len(words) else ()
        if 0 < r.tok_start <= len(sent_words) and sent_words[r.tok_start - 1].lower() in lexicon.outsider_words:
            return r  # "foreign forces", "Western diplomats": not of the country the story is in
        if _of_many(r, sent_words, lexicon):
            return r  # "officials from both sides": of no one country
        here = sentence_places[i] if i < len(sentence_places) else frozenset()
        places = own_places[i] if i < len(own_places) else {}
        its = _possessed(r, sent_words) and sent_words[r.tok_start - 1].lower() == "its"
        # "evacuated its citizens from Sudan": the place is where they were, not whose they are
        home = None if its else _own_place(r, places, sent_words)
        if home is None or r.role.lower() in lexicon.visiting_roles:
            home = _named_before(r, i, per_sentence, words)
        # "the Sindh chief minister", "the mayor of Melitopol": the place that opens a title,
        # or whose office it is, is the holder's own
        home = (None if its else _place_before(r, places, sent_words) or _own_place(r, places, sent_words, ("of",))) or home
        if home is None:
            home = main
            if home in other_side[i] or any(c == home and r.tok_end <= at for c, at in envoys[i]):
                # "the minister met his Italian counterpart": not Italian; "hundreds protested
                # outside the US embassy in Baghdad": people of the place, if any
                if r.role.lower() not in lexicon.local_roles or not here:
                    return r
                return _with_home(r, _local_place(r, here, places, sent_words, reporting))
            if its:
                # "Kenya ... urged its citizens": the country named first in the sentence
                home = next((a.country for a in per_sentence[i] if a.kind == "country" and a.country
                             and a.how != "anaphor" and a.tok_end <= r.tok_start), main)
            elif r.role.lower() in lexicon.local_roles and not _possessed(r, sent_words):
                # people of the place: where the sentence happens, else where the story was filed
                home = (_local_place(r, here, places, sent_words, reporting) if here else None) or dateline_country \
                    or scene or main
        return _with_home(r, home)

    return [[fill(r, i) for r in sent] for i, sent in enumerate(per_sentence)]


def _scene(place_countries: Sequence[str]) -> str | None:
    """The country most of the article's towns and regions are in, when one has more than
    any other: where its local people are when their own sentence names no place ("two
    Afghan traders were detained in Peshawar and Quetta ... Police said": Pakistan's police)."""
    top = Counter(place_countries).most_common(2)
    if not top or (len(top) > 1 and top[0][1] == top[1][1]):
        return None
    return top[0][0]


def _of_many(r: Resolved, words: Sequence[str], lexicon: Lexicon) -> bool:
    """The role is followed by "from" or "of" and a word of ``many_origin_words``
    ("officials from both sides", "ministers of the two countries")."""
    after = [w.lower() for w in words[r.tok_end:r.tok_end + 3]]
    if not after or after[0] not in ("from", "of"):
        return False
    rest = after[2:] if len(after) > 1 and after[1] == "the" else after[1:]
    return bool(rest) and rest[0] in lexicon.many_origin_words


def _with_home(r: Resolved, home: str | None) -> Resolved:
    """Role actor ``r`` with the country ``home`` found for it from the context (as it is
    without one)."""
    if home is None:
        return r
    return Resolved(r.name, make_code(home, r.role), home, r.role, r.kind, "context",
                    r.tok_start, r.tok_end, r.head, r.plural, r.one)


def _named_before(r: Resolved, i: int, per_sentence: list[list[Resolved]], words: Sequence[Sequence[str]],
                  window: int = 3) -> str | None:
    """The country of the same body named with its country just before: "the ministry"
    after "Turkey's foreign ministry", "the police" after "Kenyan police" (a definite role
    of the same last word and role, in its sentence or the few before)."""
    ws = words[i] if i < len(words) else ()
    if not (0 < r.tok_start and r.tok_end <= len(ws) and ws[r.tok_start - 1].lower() == "the"):
        return None
    head = ws[r.tok_end - 1].lower()
    for j in range(i, max(-1, i - window - 1), -1):
        if j >= len(words):
            continue
        for a in reversed(per_sentence[j]):
            if (a.country and a.role == r.role and a.how != "context" and (j < i or a.tok_end <= r.tok_start)
                    and 0 < a.tok_end <= len(words[j]) and words[j][a.tok_end - 1].lower() == head):
                return a.country
    return None


def _border_of(r: Resolved, words: Sequence[str], lexicon: Lexicon) -> bool:
    """``r`` names a country only to say whose border ("near the Afghan border", "on Syria's
    frontier."): the border word ends the phrase; not "Greek border guards" or "the
    Syrian border town of Kobani", whose people or places are that country's."""
    at = r.tok_end + (1 if words[r.tok_end:r.tok_end + 1] in (["'s"], ["'"]) else 0)
    if at >= len(words) or words[at].lower() not in lexicon.border_words:
        return False
    after = words[at + 1] if at + 1 < len(words) else ""
    return not after[:1].isalnum() or after.lower() in lexicon.function_words


def _local_place(r: Resolved, here: frozenset[str], places: Mapping[int, str], words: Sequence[str],
                 reporting: frozenset[str]) -> str | None:
    """The country where a sentence's local people are: that of its places, leaving out a
    place where a speaker is ("officials in Nairobi said") or that a protest is about
    ("protests against the war in Gaza"); when those left lie in several countries, the
    one named nearest the actor's words ("police arrested 100 people at a college in
    Boston, as protests spread")."""
    told = {t: c for t, c in places.items() if not _reporter_place(t, words, reporting)
            and not _topic_place(t, words)}
    countries = set(told.values()) if places else set(here)
    if len(countries) == 1:
        return next(iter(countries))
    if not told:
        return None
    tok = min(told, key=lambda t: (min(abs(t - r.tok_start), abs(t - r.tok_end)), t))
    return told[tok]


def _topic_place(t: int, words: Sequence[str]) -> bool:
    """Whether the place at token ``t`` is what a protest or a quarrel is about ("protests
    against the war in Gaza", "anger over the deal with Egypt"): "against" or "over" comes
    within the four words before it; or who someone deals with ("business with Israel")."""
    if t > 0 and words[t - 1].lower() == "with":
        return True
    for w in reversed(words[max(0, t - 4):t]):
        if w == ",":
            return False
        if w.lower() in ("against", "over"):
            return True
    return False


def _possessed(r: Resolved, words: Sequence[str]) -> bool:
    """Whether the actor's words follow "its" or "their": "urged its citizens to leave
    Haiti" names the people of whoever "its" is, wherever the sentence goes."""
    return 0 < r.tok_start <= len(words) and words[r.tok_start - 1].lower() in ("its", "their")


def _reporter_place(t: int, words: Sequence[str], reporting: frozenset[str]) -> bool:
    """Whether the place at token ``t`` is where a speaker is ("officials in Nairobi
    said"), not where anything happened: a reporting verb follows within three words."""
    for w in words[t + 1:t + 4]:
        if w == ",":
            return False
        if w.lower() in reporting:
            return True
    return False


def _own_place(r: Resolved, places: Mapping[int, str], words: Sequence[str],
               preps: tuple[str, ...] = ("in", "from")) -> str | None:
    """The country of a place right after the actor's words and one of ``preps``: "dock
    workers in Antwerp", "teachers in the Philippines", "nurses from Kerala"."""
    j = r.tok_end
    if j >= len(words) or words[j].lower() not in preps:
        return None
    j += 1
    if j < len(words) and words[j].lower() == "the":
        j += 1
    return places.get(j)


def _place_before(r: Resolved, places: Mapping[int, str], words: Sequence[str]) -> str | None:
    """The country of a place that opens the actor's title: "Odisha Chief Minister
    Naveen Patnaik", "the Sindh chief minister", "Kisumu police" (only capitalised
    words between the place and the actor's words)."""
    for k in range(r.tok_start - 1, max(-1, r.tok_start - 4), -1):
        if k in places:
            return places[k]
        if k >= len(words) or not (words[k][:1].isupper() and words[k].isalpha()):
            return None
    return None


def in_states(actors: list[Resolved], words: Sequence[str], swapped: Mapping[str, str]) -> list[Resolved]:
    """The actors of one sentence, with a country whose name the article uses for a US
    state (``swapped``: name -> the country's ISO3; "the Georgia governor") coded
    as of the United States."""
    if not swapped:
        return actors
    out = []
    for r in actors:
        named = f" {' '.join(words[r.tok_start:r.tok_end])} "  # the name as words: not "Georgian"
        if r.country is not None and any(iso == r.country and f" {n} " in named for n, iso in swapped.items()):
            r = Resolved(r.name, make_code("USA", r.role), "USA", r.role, r.kind, r.how,
                         r.tok_start, r.tok_end, r.head, r.plural)
        out.append(r)
    return out
