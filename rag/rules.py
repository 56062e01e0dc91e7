"""The question rules, as data: what a question asks for and about what.

Every pattern here has table-driven specs in tests/test_rules.py and tests/test_route.py. They
are about the language of questions and of CQC's framework, never about one report's wording.
"""

from __future__ import annotations

import functools
import re
from typing import Any

# --- what a question is about -----------------------------------------------------------------

# The frame text every report repeats: "What people expect", "The local authority commitment".
FRAME_EXPECT = re.compile(r"\b(?:what (?:do |should |can |would |could |will )?(?:people|someone|a person|residents|carers|i|we) (?:should |can )?(?:be able to |reasonably )?expect|what (?:are|is) (?:people|someone|a person|residents|carers) expecting (?:under|in|for|with)\b|people(?:'s|’s)? expectations?"
                          r"|expect(?:ations?)? (?:of|for) (?:people|someone|a person|residents|carers)|['‘\"“]?i['’\"”]? statements?"
                          r"|says? (?:that )?people (?:should|can|could|will|may) expect|(?:what is|what's) expected (?:under|for|in)"
                          r"|(?:should|can|do) people expect"
                          # "what are people supposed to be able to expect", "what are people entitled to expect"
                          r"|(?:what )?(?:are|is) (?:people|someone|a person|residents|carers) (?:supposed|entitled|meant|able|expected) to (?:be able to )?(?:expect|say)"
                          r"|should (?:people|someone|a person|residents|carers)(?: in [\w' ]{1,30}?)? be able to say)\b", re.I)
FRAME_COMMITMENT = re.compile(r"\b(?:(?:local authority(?:'s|’s)? )?commitments?|commits? to|['‘\"“]?we['’\"”]? statements?|(?:council|local authority|authority) promises?|promises? to do"
                              r"|what promises? (?:does|do|did) [^?]{1,40}?\bmake"  # "what promises does the local authority make about …"
                              r"|expect(?:s|ed)? (?:of|from) (?:councils|local authorities|the council|the local authority)"
                              r"|expect (?:councils|local authorities) to"
                              r"|(?:meant|supposed|expected|required) to (?:promise|commit))\b", re.I)  # "what is the council meant to promise"
# What a quality statement is about: its frame text, both parts ("what is the safeguarding quality
# statement about?", "what does the assessing needs statement cover?", "what does CQC look at under …?").
# (not a document called a statement: "the market position statement", "its safeguarding policy statement")
_NOT_QUALITY = r"(?<!policy )(?<!position )(?<!strategic )(?<!strategy )(?<!vision )(?<!mission )(?<!annual )(?<!financial )" \
               r"(?<!press )(?<!public )(?<!personal )(?<!written )(?<!impact )(?<!joint )(?<!equality )(?<!account )"
FRAME_ABOUT = re.compile(rf"\b(?:what(?:'s|’s|s| is)|explain) (?:the |this |that )?(?:[\w'’,&-]+ ){{0,8}}?{_NOT_QUALITY}(?:quality )?statement (?:(?:really|actually|all|mainly|exactly)\s+)?(?:about|cover(?:s|ing)?|mean)\b"
                         rf"|\bwhat does (?:the |this |that )?(?:[\w'’,&-]+ ){{0,8}}?{_NOT_QUALITY}(?:quality )?statement (?:cover|mean|ask|look at|involve)\b"
                         r"|\bwhat (?:does|do) (?:cqc|inspectors|the regulator) look (?:at|for) (?:under|in|on|for)\b", re.I)
# The same asked of a statement named alone (the words in `named` must be only the statement's, which
# query.py checks): "explain the X quality statement", "what does X mean as a quality statement", "what
# is X in the CQC framework", "what is meant by X in CQC's assessment" (not "outline the X quality
# statement evidence for Y", "what does a 2 for X mean in CQC assessments?").
FRAME_NAMED = re.compile(r"^\s*(?:explain|describe|summari[sz]e|outline) (?P<named>(?:[\w'’,&-]+ ){1,8}?)quality statement\s*(?:\?|$|for\b|in\b)"
                         r"|^\s*what (?:does|do) (?P<named2>(?:[\w'’,&-]+ ){1,8}?)mean (?:as|in) (?:a |the )?(?:quality statement|cqc)"
                         r"|^\s*what (?:is|are) (?P<named3>(?:[\w'’,&-]+ ){1,8}?)in (?:the )?(?:cqc(?:['’]s)? )?(?:assessment )?framework\b"
                         r"|^\s*what(?:['’]s| is) (?:covered (?:by|under|in) )?(?P<named5>(?:[\w'’,&-]+ ){1,8}?)(?:quality )?statement\s*(?:\?|$|for\b|in\b)"
                         r"|^\s*what is meant by (?P<named4>(?:[\w'’,&-]+ ){1,8}?)(?:in|under|for) (?:the )?(?:cqc(?:['’]s)? (?:assessment|framework)\b(?!\s+report)"
                         r"|quality statements?\b|(?:assessment )?framework\b)", re.I)
# A score or rating is asked for.
# "councils with a 3 on learning": councils listed by a score, typed as a search.
_WITH_SCORE = r"\b(?:councils?|authorities|local authorities|boroughs?|las)\s+(?:with|having)\s+(?:an?\s+)?{}(?=\s+(?:on|for|in|at)\b)"
SCORE = re.compile(
    _WITH_SCORE.format("[1-4]") + r"|\b(?:any|some|no|many|several)\s+[1-4]['’]?s\b|"
    r"\bmarks?(?=\s*\??\s*$|\s+(?:for|on|in)\b)|\b(?:what|which) (?:(?:numerical|numeric|final|overall|actual|total|percentage) )?(?:mark|grade)\b(?!\s+of\b)|"  # "westminster learning and innovation mark?", "what numerical mark"
    r"\bout of (?:4|four)\b(?!\s+(?:people|residents|adults|carers|of|in)\b)|\b(?:4|four)[- ]point scale\b|"  # "out of 4, where did X land?" (not "3 out of 4 people")
    r"\b[1-4]\s+or\s+(?:an?\s+)?[1-4]\s*\??\s*$|"  # "staffs equity - 2 or 3?"
    r"\b(?:came|come|comes|coming) (?:out|in) at (?:an? )?[1-4]\b|\b(?:top|full|highest|lowest|best|worst) (?:marks?|grades?)\b|"
    r"\bdid (?:[\w'’&-]+ ){1,6}?do (?:ok|okay|alright|all right|well|badly|poorly|good)\b(?=\s+(?:on|for|in|at)\b)|"  # "did X do ok on safeguarding"
    r"\bhow many points (?:did|does|has|have|was|were|is) [^?]{1,60}?\b(?:get|got|gets|score|scored|receive[ds]?|given|awarded|achieve[ds]?)\b|"
    r"\bwhat (?:did|does|has) (?:the )?(?:cqc|inspectors?|regulator|care quality commission) (?:give|gave|given)\s+"
    r"(?:them|it|(?-i:[A-Z])[\w'’&-]*(?:\s+(?:(?-i:[A-Z])[\w'’&-]*|(?-i:and|of|upon|on)))*)\s+(?:for|on)\b|"  # (a council given it: not "give as", "give credit for")
    r"\b(?:scor\w*|scroe\w*|socre\w*|scoer\w*|rated|rating|ratings|(?:cqc|inspectors?|the regulator) (?:rate|judge|grade|mark|assign\w*|allocat\w*|award\w*)|grade\w*|how (?:well|good) did|judged|marked|(?:some|significant) shortfalls|"
    r"(?:an? )?(?:exceptional|good) standard|out of 100|(?:get|gets|got|given|receive[ds]?|awarded|achieve[ds]?) (?:only |just )?an? [1-4]|"
    r"grading (?:from|by) (?:the )?(?:cqc|care quality commission|regulator|inspectors?)|overall (?:assessment |inspection )?(?:result|outcome|verdict|judge?ment)s?|"
    r"which (?:quality )?statements?|(?:strongest|weakest|best|worst) (?:quality )?(?:areas?|statements?)|do (?:best|worst) on|"
    r"where (?:did|does) .{1,60}? do (?:best|worst))\b",  # "where did X do best?": in which statements
    re.I,
)
# "…, what number did the inspectors give?": the number given, with nothing after (not "… give for the
# vacancy rate"), is a score when the question names a statement (query.analyse).
NUMBER_GIVEN = re.compile(r"\bwhat (?:number|figure) (?:did|does|has|have) (?:the )?(?:cqc|inspectors?|regulator|assessors?|care quality commission) "
                          r"(?:give|gave|given|award\w*|assign\w*|hand\w*)(?:\s+(?:it|them|(?-i:[A-Z])[\w'’&-]*))?\s*\??\s*$", re.I)
# "its satisfaction score", "the survey rating": a measure's own figure, not a score CQC gave.
MEASURE_SCORE = re.compile(r"\b(?:satisfaction|survey|wellbeing|well-being|quality[- ]of[- ]life|ascof|ascs|happiness|feedback|"
                           r"experience|safety|control|deprivation|imd)\s+(?:\(imd\)\s+)?(?:scores?|ratings?|rate)\b", re.I)
# "How did Hounslow do?", "What did Gateshead get?": the assessment's result is asked for.
RESULT_ASK = re.compile(
    # ("thinking of moving my dad to X, how did the council do overall": what is told first is context)
    r"^(?:[^?]{1,80}?(?:,|\s[-–:])\s*)?how (?:well |good )?did .{1,80}? do\s*(?:on\b|in\b|for\b|overall\b|\?|$)"
    # ("What does that achieve?" asks what a thing does: "that", "this", "it" are no council)
    # (not what something of the council's did: "what did X's new director achieve?")
    # (nor what someone else gets: "what did carers in X tell CQC about the support they get?")
    r"|^\s*what (?:did|does) (?!(?:that|this|it|these|those)\s)(?![^?]*['’]s\s+\w)(?![^?]*\s(?:they|he|she|we|you|i)\s+(?:get|receive|achieve)\b)"
    r"(?:.{1,80}?) (?:get|receive|achieve)\s*(?:overall\s*)?\??\s*$"
    r"|^\s*what (?:did|does|has) (?:it|they|that council) (?:get|got|receive[d]?|achieve[d]?|score[d]?) overall\b"  # a follow-up's
    # "How did Hartlepool come out overall?", "how did X fare in its CQC assessment?"
    r"|\bhow (?:did|does|has) .{1,80}? (?:come out|fared?|perform(?:ed)?|get on|gone|done)\s+(?:overall\b|(?:in|of|from) (?:its|their|the) (?:cqc )?"
    r"(?:assessment|inspection)(?:\s+overall)?\s*\??\s*$)"
    # "what did bristol get in its 2023 cqc assessment?"
    r"|^\s*what (?:did|does|has) (?!(?:that|this|it|these|those)\s)(?:.{1,60}?) (?:get|got|receive[d]?|achieve[d]?|score[d]?)\s+"
    r"(?:in|from|at|for) (?:its|their|the) (?:(?:19|20)\d\d |latest |last |recent |first )?(?:cqc )?(?:assessment|inspection)\s*\??\s*$",
    re.I,
)
# Asked for the overall result in so many words ("overall percentage", "result overall").
OVERALL_ASK = re.compile(
    r"\boverall (?:rating|score|percentage|per ?cent|result|grade|judgement|mark|outcome)s?\b|\boverall %|\bout of 100\b"
    r"|\b(?:rating|score|percentage|result|grade|judgement) (?:overall|as a whole)\b|\bhow did (?:the )?(?:cqc|inspectors?) rate\b"
    r"|\bcompared?\b[^?]{0,100}\boverall\s*\??\s*$|\bhow (?:did|do) .{1,80}? compare overall\b"
    r"|\w['’]s? (?:overall )?percentage\b(?! of)|\bpercentage (?:score|rating|mark|grade|result)\b(?!\s+of\b)"
    r"|\bwhat percentage did\b(?=[^?]{0,60}\b(?:get|score|receive|achieve|come|end)\b)"  # (not "… did its population fall")
    r"|\b(?:on top|better|best|higher|highest|stronger|worse|worst|lower|lowest|bottom|last)\s+overall\b"  # "Who came out on top overall, X or Y?"
    r"|\b(?:end(?:ed|s)? up|land(?:ed|s)?|finish(?:ed|es)?|c[oa]mes? out|fared?|placed?)\s+overall\b"  # "where did X end up overall?"
    # "what did X get in its local authority assessment?" (the council's: not "what did carers get in their assessment?")
    r"|\b(?:get|got|receive[ds]?)\s+(?:in|for|from)\s+its\s+(?:local authority |cqc |latest |recent )?(?:assessment|inspection)\b"
    # "Is X good or outstanding?", "Did X pass its CQC assessment?", "X CQC result", "Westminster overall"
    r"|^\s*(?:is|was)\s+(?:the\s+)?(?:(?-i:[A-Z])[\w'’&-]*\s+|(?-i:of|and|upon|on)\s+){1,8}(?:(?:city|county|borough)\s+)?(?:council\s+)?(?:rated\s+)?(?:outstanding|good|inadequate|requires improvement)"
    r"(?:\s+or\s+(?:outstanding|good|inadequate|requires improvement))?(?:\s+overall)?\s*\??\s*$"
    # ("is x council good or bad for adult social care", "is x any good?": how the council did, in everyday words)
    r"|^\s*(?:is|are)\s+(?![^?]*['’]s?\s+(?!(?:adult\s+)?social\s+care\b)[a-z])(?:the\s+)?(?:(?!(?:services?|teams?|homes?|hubs?|schemes?|support|staff|carers?|centres?|lines?|website|app|strateg\w*|"
    r"programmes?|providers?|agenc\w*|care|assessments?|workers?)\b)[\w'’&-]+\s+){1,6}?(?:(?:city|county|borough)\s+)?(?:council\s+)?"
    r"(?:(?:adult\s+)?social care\s+(?:services\s+)?)?(?:any good|good or bad|bad or good|good or not)"
    r"(?:\s+(?:at|for|with|in)\s+(?:(?:adult|adults['’]?)\s+)?social care(?:\s+services)?)?\s*\??\s*$"
    r"|\bpass(?:ed|es)?\s+(?:its|their|the)?\s*(?:cqc\s+)?(?:assessment|inspection)\b"
    # ("the headline CQC result", not "the headline result of the carers survey")
    r"|\bheadline (?:cqc )?(?:rating|score|result|judge?ment|verdict|grade|outcome)\b(?!\s+(?:of|from)\s+(?!(?:the |its |their )?(?:cqc|assessment|inspection)\b))"
    r"|\bcqc (?:result|outcome|verdict|grade|judgement|rating|band)s?\b|\b(?:inspection|cqc assessment) (?:result|outcome|verdict|grade|band)s?\b"
    r"|^\s*(?:(?-i:[A-Z])[\w'’&-]*\s+){1,6}overall(?:\s+(?:rating|score|result))?\s*\??\s*$"
    # "Did X get requires improvement overall?", "Was X given a good rating?"
    r"|\b(?:get|got|gets|given|receive[ds]?|awarded|achieve[ds]?)\s+(?:an?\s+)?['‘\"“]?(?:outstanding|good|inadequate|requires improvement)['’\"”]?"
    r"(?:\s+rating)?\s*(?:overall\b|(?:from|by) (?:the )?cqc\b|\??\s*$)"
    r"|(?:%|\bpercentage|\bper ?cent)\s+(?:did|does|has)\s+[^?]{1,60}?\s+(?:get|got|score|scored|receive|achieve)\b",  # "what % did X get"
    re.I,
)
# "and what percentage was that?" after the overall rating: the overall figure is asked for.
FIGURE_OF_THAT = re.compile(r"\W*(?:and|so|ok|okay)?\W*what (?:percentage|per ?cent|%|score|figure|mark|number)\s+"
                            r"(?:was|is|(?:sits|lies|is|was|sat|lay) behind|(?:goes|went|comes|came) with)\s+(?:that|it)\W*"
                            r"|\W*(?:and|so)?\W*what (?:was|is) (?:the|its|their) (?:percentage|score|figure|mark)\W*", re.I)
# What is left of "herts overall?" once the council's name is taken out: the overall result is asked for.
# What is left of "croydon safeguarding?" or "and what about safe pathways there?" once the council and
# the statement are taken out.
BARE_STATEMENT = re.compile(r"\W*(?:(?:and|so|what about|how about|what of)\W+)?(?:(?:for|on|in|the|with)\s+)*"
                            r"(?:(?:helping|supporting|help|support)\s+(?:people|residents|adults)\s+(?:to\s+)?)?"
                            r"\W*(?:(?:there|then|too|please)\W*)?", re.I)
_RATING_WORD = r"(?:outstanding|good|inadequate|requires improvement)"
BARE_OVERALL = re.compile(
    rf"\W*(?:(?:and|so|what about|how about)\W+)?(?:(?:is|was)\s+)?(?:the\s+)?(?:overall(?:\s+(?:rating|score|result|grade))?"
    rf"|(?:rated\s+)?{_RATING_WORD}(?:\s+or\s+{_RATING_WORD})?(?:\s+overall)?)\W*"  # "is york good?"
    r"|\W*(?:did|has|have)\s+(?:the\s+)?(?:council\s+)?pass(?:ed)?\W*"  # "did croydon pass?"
    # "is york's adult social care good?": the council's rating
    rf"|\W*(?:is|was|are|were)\s+(?:['’]s\s+)?(?:adult social care|social care|adult care|care services|adult services)"
    rf"(?:\s+services)?\s+(?:rated\s+)?{_RATING_WORD}\W*",
    re.I,
)
# "What did X get for safeguarding?": with a statement named, the score is asked for.
# "What did X get for …?": what an assessment gave a council for something (a statement named after it)
WHAT_DID_GET_FOR = re.compile(r"\s*what (?:did|does|has) (?:(?-i:[A-Z])[\w'’&-]*\s+|(?-i:of|and|upon|on)\s+){1,6}(?:get|receive|achieve|score)d? for\b", re.I)
# What CQC gave, asked as a number or a bare "what": "what number did X get from the regulator for …?",
# "what did X get from CQC for …?" (not "what feedback did X get from CQC …?")
GOT_FROM_REGULATOR = re.compile(r"(?:^|[,;:-])\s*what\s+(?:(?:number|score|mark|grade|rating)\s+)?(?:did|does|has)\s+[^?]{1,60}?\s+"
                                r"(?:get|got|gets|receive[ds]?|achieve[ds]?)\s+from\s+(?:the\s+)?"
                                r"(?:cqc|regulator|inspectors?|inspectorate|care quality commission)\b"
                                # (or what it gave them: "Camden governance - what did CQC give them?")
                                r"|(?:^|[,;:-])\s*what\s+(?:(?:number|score|mark|grade|rating)\s+)?(?:did|does|has)\s+(?:the\s+)?"
                                r"(?:cqc|regulator|inspectors?|inspectorate|care quality commission)\s+(?:give|gave|given|award(?:ed)?)\b"
                                r"(?!\s+(?:as|examples?|reasons?|feedback|evidence|details?|advice)\b)", re.I)
# "What did X get under equity?": the statement's name right after "under" (not "under the new leadership")
GOT_UNDER = re.compile(r"\b(?:get|got|gets|receive[ds]?|achieve[ds]?|awarded|given)\s+under\s+(?:the\s+|its\s+)?$", re.I)
# Something of the council's that got or achieved it: "what has X's new director achieved in …?" (no score)
THINGS_OWN_GOT = re.compile(r"['’]s\s+(?:new\s+|former\s+|own\s+|interim\s+)?(?!(?:adult|social|care|overall|score|rating|result|council|local|authority|services|department)\b)[a-z]+"
                            r"(?:\s+[a-z]+)?\s+(?:(?:has|have|had)\s+)?(?:get|got|gets|receive[ds]?|achieve[ds]?)\b", re.I)
# A bare score got, at the end: "safeguarding: which councils got 3?" (with a statement named)
GOT_BARE_SCORE = re.compile(r"\b(?:get|gets|got|given|receive[ds]?|awarded|achieve[ds]?) (?:only |just )?[1-4]\s*\??\s*$", re.I)
# (not a phrasal verb: "is it easy to get through to Haringey on the phone …?")
GOT_FOR = re.compile(r"\b(?:(?:get|got|gets)(?!\s+(?:through|hold|in touch|back|round|around|along|over|away|into|on with)\b)"
                     r"|receive[ds]?|achieve[ds]?|awarded|given|give|gave)\s+(?:[\w'’ -]{1,40}?\s+)?(?:for|in|on)\b", re.I)
# "Can you tell me how Surrey did on assessing needs?": how a council did on a statement named at the end
DID_ON = re.compile(r"\bhow\s+(?:well\s+|badly\s+)?(?!(?:many|much|long|often|far|soon|quickly)\b)[\w&'’. -]{1,60}?\s+"
                    r"(?:did|does|is doing|was doing|has done|have done|got on|gets on|fared|fares|performed|performs)\s+(?:on|in|for|at|with)\s", re.I)
# Asking for the report's account, not its score: "describe how X performed on …", "what does the report say about how …"
ASKS_ACCOUNT = re.compile(r"\b(?:describe|summari[sz]e|explain|outline)\b|\bwhat (?:does|did) (?:the |its |their )?(?:report|cqc|inspectors?) (?:say|said|find|found)\b", re.I)
# "When is X bringing out its new strategy?": a date of the new one, from a sentence that speaks of
# something new, made or done — not the old one's years ("a key principle of the Strategy (2020-2023)").
ASKS_NEW_THING = re.compile(r"\b(?:new|next|refreshed|updated|revised|replacement|upcoming|future)\b", re.I)
SPEAKS_OF_NEW = re.compile(r"\b(?:new|next|refresh\w*|updat\w*|revis\w*|replac\w*|launch\w*|publish\w*|introduc\w*|develop\w*|"
                           r"open\w*|start\w*|began|begun|set up|establish\w*|creat\w*|commenc\w*|implement\w*|adopt\w*|"
                           r"agreed|approved|produc\w*|co-?produc\w*)\b", re.I)
# "X was rated Good overall, but what did it score for …": what comes after is asked
CLAUSE_BUT = re.compile(r",?\s+but\s+", re.I)
# How good a council is at what a quality statement covers: "are they any good at keeping people safe
# from abuse and neglect", "how does X do on making sure people get a fair deal" (its score; "any
# good" asks no rating of Good)
_ANY_GOOD = r"\b(?:any|much|very) good"
ANY_GOOD = re.compile(_ANY_GOOD + r"\b", re.I)
GOOD_AT = re.compile(_ANY_GOOD + r" (?:at|on|with|for)\b|\bhow good (?:is|are)\b|\bwell[- ]run\b|\b(?:are|r|is) (?:they|it|the council) good at\b"
                     r"|\bhow well (?:does|do|is|are)\b"
                     r"|\bhow (?:does|do|is|are) .{1,60}? (?:do|doing|get on|getting on|perform|performing|fare|faring) (?:on|at|with|for|in)\b"
                     # ("how did Surrey fare on …?": a council, named; not "how did carers in York get on …?")
                     r"|\bhow did (?:the )?(?:(?-i:[A-Z])[\w'’&-]*\s+|(?-i:of|and|upon|on)\s+){1,6}(?:fare|perform|do) (?:on|at|for|in)\b", re.I)
# The council itself judged or rated, said right after its name: "was X found to be inadequate?", "is X
# considered outstanding?", "were X's adult social care services good or outstanding?" (not "was X's
# care home found to be inadequate?")
# (the council's name may go on with "'s" and "council")
_COUNCIL_AFTER = r"^(?:['’]s?)?(?:\s+(?:council|cc))?"
_REGULATOR = r"(?:the\s+)?(?:cqc|regulator|inspectors?|care quality commission)"
_COUNCIL_ITSELF = _COUNCIL_AFTER + r"(?:['’]s?)?(?:\s+(?:adult\s+)?social\s+care(?:\s+services)?)?"
JUDGED_AS = re.compile(_COUNCIL_ITSELF + r"\s+(?:(?:found|judged|deemed|assessed|considered|graded|classed|classified|rated)\s+(?:to be\s+|as\s+)?)?(?:an?\s+)?"
                       r"(?:outstanding|good|requires improvement|inadequate)(?:\s+overall)?"
                       r"(?:\s+(?:for|in|at|on)\s+(?:its\s+|their\s+)?(?:adult\s+)?social\s+care(?:\s+services)?)?\s*\??\s*$", re.I)
# The council's adult social care itself given a choice of ratings by the regulator: "did the inspectors call
# their adult care good, requires improvement or something else?" (its or their care: not a care home's or an
# agency's; not what people find it)
CARE_RATED = re.compile(r"\b(?:cqc|regulator|inspectors?|care quality commission)\b[^?]{0,60}?\b(?:its|their)\s+adult\s+(?:social\s+)?care(?:\s+services)?\s+(?:as\s+|to be\s+)?(?:outstanding|good|requires improvement|inadequate)\b", re.I)
RATINGS_AFTER = re.compile(_COUNCIL_ITSELF + r"\s+(?:(?:come|came|comes) out as\s+|(?:rated|judged|found)\s+(?:as\s+)?|(?:get|got|receive|received)\s+(?:an?\s+)?)?(?:outstanding|good|requires improvement|inadequate)\b", re.I)
# What CQC concluded of the council overall, or its result in other words, said around its name: "what did
# the regulator conclude about X overall?", "the verdict on X", "the outcome of X's assessment", "what
# was X given overall?"
CONCLUDED_OF = re.compile(r"\bwhat (?:did|does|has) (?:the )?(?:cqc|regulator|inspectors?|care quality commission)(?:['’]s)?(?: report| assessment)? "
                          r"(?:conclude|decide|judge|make of|think of)\s+(?:about\s+)?(?:the\s+)?$", re.I)
OVERALL_BEFORE = re.compile(r"\b(?:verdict|judge?ment)\s+(?:on|for|of)\s+(?:the\s+)?$|\b(?:outcome|result)s? of\s+(?:the\s+)?$", re.I)
OVERALL_AFTER = re.compile(_COUNCIL_AFTER + r"(?:['’]s?)?\s*(?:\??\s*$|(?:cqc\s+|local authority\s+)?(?:assessment|inspection)\b(?!\s+(?:of|into|by)\b))", re.I)
CONCLUDED_AFTER = re.compile(_COUNCIL_AFTER + r"\s+overall\b", re.I)
GIVEN_OVERALL_BEFORE = re.compile(r"\bwhat\s+(?:(?:rating|score|result|grade|mark)\s+)?(?:was|were|has|had)\s+(?:the\s+)?$", re.I)
GIVEN_OVERALL_AFTER = re.compile(_COUNCIL_AFTER + r"\s+(?:(?:was|were|been)\s+)?(?:given|awarded|handed)\s+overall\b", re.I)
# … "what did X get from CQC?", "is X any good at adult social care?", "how good is adult social care in
# X?", "how did X's assessment go?", "what band did X get?", "how does X rate overall?"
_ASC = r"(?:its\s+|their\s+)?(?:adult\s+)?social\s+care(?:\s+(?:duties|services))?"
OVERALL_AROUND = ((CONCLUDED_OF, CONCLUDED_AFTER), (OVERALL_BEFORE, OVERALL_AFTER), (GIVEN_OVERALL_BEFORE, GIVEN_OVERALL_AFTER),
                  (re.compile(r"\bwhat\s+(?:did|does|has)\s+(?:the\s+)?$", re.I),
                   re.compile(_COUNCIL_AFTER + rf"\s+(?:get|got|receive[d]?)\s+from\s+{_REGULATOR}\s*\??\s*$", re.I)),
                  (re.compile(r"^\s*(?:is|was|are)\s+(?:the\s+)?$", re.I),
                   re.compile(_COUNCIL_AFTER + rf"\s+(?:any\s+|very\s+|much\s+)?good\s+(?:at|with|for|in)\s+{_ASC}\s*\??\s*$", re.I)),
                  # "is X's adult social care any good according to CQC?"
                  (re.compile(r"^\s*(?:is|was|are)\s+(?:the\s+)?$", re.I),
                   re.compile(_COUNCIL_AFTER + rf"\s+{_ASC}\s+(?:any\s+|very\s+|much\s+)?good"
                              rf"(?:\s+(?:according to|in the eyes of|says?|by)\s+{_REGULATOR})?\s*\??\s*$", re.I)),
                  (re.compile(rf"\bhow good (?:is|are) (?:the\s+)?{_ASC}\s+(?:in|at|for|from)\s+(?:the\s+)?$", re.I),
                   re.compile(_COUNCIL_AFTER + r"\s*\??\s*$", re.I)),
                  (re.compile(r"\bhow (?:did|has) (?:the\s+)?$", re.I),
                   re.compile(_COUNCIL_AFTER + r"(?:['’]s?)?\s+(?:cqc\s+|local authority\s+)?(?:assessment|inspection)\s+(?:go|gone|turn(?:ed)? out)\b", re.I)),
                  (re.compile(r"\b(?:what|which)\s+(?:cqc\s+)?band\s+(?:did|has|was|is)\s+(?:the\s+)?$", re.I),
                   re.compile(_COUNCIL_AFTER + r"\s+(?:get|got|given|received?|awarded|placed in|in)(?:\s+(?:from|by)\s+(?:the\s+)?(?:cqc|regulator|inspectors?))?\s*\??\s*$", re.I)),
                  (re.compile(r"\bhow\s+(?:does|did|do)\s+(?:the\s+)?$", re.I), re.compile(_COUNCIL_AFTER + r"\s+rate\s+overall\s*\??\s*$", re.I)),
                  # "what did CQC make of X?", "how did X fare under CQC's assessment?", "how good is X at adult social care?",
                  # "did X fail its CQC assessment?", "did CQC say X was good?"
                  (re.compile(r"\bwhat (?:did|does|do) (?:the )?(?:cqc|regulator|inspectors?|care quality commission) (?:make|think) of\s+(?:the\s+)?$", re.I),
                   re.compile(_COUNCIL_AFTER + r"\s*\??\s*$", re.I)),
                  (re.compile(r"\bhow (?:did|has|does|is)\s+(?:the\s+)?$", re.I),
                   re.compile(_COUNCIL_AFTER + r"\s+(?:fare[sd]?|faring|get(?:ting)? on|got on|c[oa]me out|do(?:ing)?|done|perform(?:ed)?)\s+(?:under|with|in|of|from|at)\s+(?:the\s+|its\s+|their\s+)?"
                              r"(?:new\s+|latest\s+|recent\s+|first\s+)?(?:cqc|care quality commission|regulator|inspectors?)?(?:['’]s?)?"
                              r"(?:\s*(?:local authority\s+)?(?:assessments?|inspections?))?\s*\??\s*$", re.I)),
                  (re.compile(r"\bhow good (?:is|was|are)\s+(?:the\s+)?$", re.I), re.compile(_COUNCIL_AFTER + rf"\s+(?:at|with|for|in)\s+{_ASC}\b", re.I)),
                  (re.compile(r"^\s*(?:did|has|have)\s+(?:the\s+)?$", re.I),
                   re.compile(_COUNCIL_AFTER + r"\s+(?:pass|fail)(?:ed)?\s+(?:its\s+|their\s+|the\s+)?(?:cqc\s+)?(?:assessment|inspection)\b(?!\s+(?:of|into|by)\b)", re.I)),
                  (re.compile(r"^\s*(?:did|does|has)\s+(?:the\s+)?(?:cqc|regulator|inspectors?)\s+(?:say|find|rate|judge|conclude)\s+(?:that\s+)?(?:the\s+)?$", re.I),
                   re.compile(_COUNCIL_AFTER + r"\s+(?:was|is|were)\s+(?:rated\s+)?(?:outstanding|good|requires improvement|inadequate)\s*\??\s*$", re.I)),
                  # "where does X stand with CQC?", "X's standing with the regulator", "how did CQC assess X overall?", "how X
                  # performed in the CQC assessment", "what's X like according to CQC?", "what percentage did CQC give X?",
                  # "X adult social care - requires improvement?"
                  (re.compile(r"(?:^|\bwhere\s+(?:does|do|did|is)\s+|^\s*what(?:['’]s| is| was)\s+)(?:the\s+)?$", re.I),
                   re.compile(_COUNCIL_AFTER + rf"(?:['’]s)?\s+stand(?:s|ing)?\s+(?:with|according to|in the eyes of)\s+{_REGULATOR}\s*\??\s*$", re.I)),
                  (re.compile(rf"\bhow\s+(?:did|does|has)\s+{_REGULATOR}\s+(?:assess(?:ed)?|rate[d]?|grade[d]?|score[d]?|judge[d]?)\s+(?:the\s+)?$", re.I),
                   CONCLUDED_AFTER),
                  (re.compile(r"^\s*how\s+(?:the\s+)?$", re.I),
                   re.compile(_COUNCIL_AFTER + r"\s+(?:performed|did|fared|came out|got on)\s+(?:in|at|under|with|of)\s+(?:the\s+|its\s+|their\s+)?"
                              r"(?:cqc\s+|local authority\s+)?(?:assessment|inspection)\s*\??\s*$", re.I)),
                  (re.compile(r"\bwhat(?:['’]s| is| was)\s+(?:the\s+)?$", re.I),
                   re.compile(_COUNCIL_AFTER + rf"\s+like\s+(?:according to|for)\s+{_REGULATOR}\s*\??\s*$", re.I)),
                  (re.compile(rf"\bwhat\s+(?:percentage|score|rating|mark|grade|result)\s+(?:did|does|has)\s+{_REGULATOR}\s+(?:give|gave|given|award(?:ed)?|assign(?:ed)?)\s+(?:the\s+)?$", re.I),
                   re.compile(_COUNCIL_AFTER + r"\s*(?:overall\s*)?\??\s*$", re.I)),
                  (re.compile(r"^\s*(?:the\s+)?$", re.I),
                   re.compile(_COUNCIL_AFTER + rf"(?:\s+{_ASC})?\s*[-–:,]?\s*(?:rated\s+)?(?:outstanding|good|requires improvement|inadequate)\s*\?\s*$", re.I)))
# CQC rates an authority and scores its statements: "rating" without a statement is the overall one.
RATED = re.compile(r"\b(?:rated|rating|ratings|(?:cqc|inspectors?|the regulator) rate)\b", re.I)
# The overall result of an assessment, not one statement's score.
OVERALL = re.compile(r"\b(?:overall|final rating|headline rating|as a whole)\b", re.I)
# A question about every council: "Which councils scored 2 ...", "How many authorities were rated ...".
ABOUT_ALL = re.compile(
    r"\b(?:which|what|list(?: the)?|how many|all(?: the)?|name the|any)\s+(?:\w+\s+)?(?:councils?|authorities|local authorities|las|boroughs?)\b"
    r"|^\s*(?:councils?|authorities|local authorities|boroughs?)\s+(?:with|having|that|which|who|scor|rated)"  # typed as a search
    r"|\b(?:rank|order|sort)(?:\s+(?:the|all|all the|every))?\s+(?:\w+\s+)?(?:councils?|authorities|local authorities|las|boroughs?)\b(?!['’])"
    r"|\b(?:each|every)\s+(?:single\s+|individual\s+)?(?:council|authority|local authority|la|borough)\b(?!['’])",  # "what did each council score for …?"
    re.I,
)
# Every council's score set side by side: "compare the councils on safeguarding".
COMPARE_COUNCILS = re.compile(r"\bcompare\s+(?:the\s+|all\s+(?:the\s+)?)?(?:councils|authorities|local authorities|boroughs|las)\s+(?:on|for|in|by)\b", re.I)
COUNCILS_SAID = re.compile(r"\b(?:councils|authorities|boroughs|las)\b", re.I)
# Every council's result in order: "rank the councils by their safeguarding score", "put them in order
# of", "from best to worst" (not "in order to", nor "which council was lowest in the league table?").
RANK_ASKED = re.compile(r"\b(?:rank|order|sort)\s+(?:the\s+|all\s+(?:the\s+)?|every\s+)?(?:councils|authorities|boroughs|them)\b"
                        r"|\b(?:rank|ranked|order|ordered|sort|sorted|list)\b[^?]{0,40}\bby (?:their |its |the )?(?:\w+ ){0,5}?(?:scores?|ratings?|results?)\b"
                        r"|\bin (?:descending |ascending )?order of\b|\bleague table of\b"
                        r"|\bfrom (?:best|highest|top|worst|lowest|bottom) to (?:worst|lowest|bottom|best|highest|top)\b", re.I)
# ... lowest first: "from worst to best", "lowest first", "ascending", "bottom to top"
RANK_UPWARDS = re.compile(r"\bfrom (?:worst|lowest|bottom) to\b|\b(?:lowest|worst|bottom) first\b|\bascending\b", re.I)
# A yes-or-no question: it starts with its verb ("Did …", "Is …", "Has …").
# A statement with a question tag asks the same: "East Riding got a 1 for assessing needs, right?"
# (", right?", " - is that right?", ". Is that true?", ", doesn't it?")
_NOT_TAG = (r"(?:(?:is|was|are|were|do|does|did|has|have|had|ca)n['’]?t|(?:is|was|are|were|do|does|did|has|have|had|can) not)"
            r" (?:it|that|they|there|he|she)")  # (as typed, or as the speller spells it out: "isnt it", "is not it")
# (the "isn't it" kind needs no comma nor question mark: "enfield is poorer in the east isnt it")
# (typed bare too, "… tory councillors right?", but not where "right" is what is asked: "did they get it right?")
_BARE_RIGHT = (r"\s(?<!\bthe\s)(?<!\bit\s)(?<!\bthat\s)(?<!\bthis\s)(?<!\bdo\s)(?<!\bdone\s)(?<!\bget\s)(?<!\bgot\s)(?<!\ball\s)"
               r"(?<!\bbe\s)(?<!\bis\s)(?<!\bare\s)(?<!\bwas\s)(?<!\bthem\s)(?<!\bthings\s)(?:right|(?:is|was) (?:that|this|it) (?:right|correct|true|so))")
_TAG = (r"(?:(?:,|\s[-–—]|[.!])\s*(?:right|correct|true|yes|no|(?:is|was) (?:that|this|it) (?:right|correct|true|so)|am i right|"
        + _NOT_TAG + r")\s*\?\s*$|\s" + _NOT_TAG + r"\s*\?*\s*$|" + _BARE_RIGHT + r"\s*\?\s*$)")
# What a user tells before a yes-or-no question's verb: "westminster - did they …?", "In Camden, do …?",
# "dad in croydon waiting on an assessment, do most people …?" (not a question of its own: "What is X, …")
_TOLD = (r"(?:[^?:–-]{1,60}\s[-–:]\s*|\s*(?:in|at|across|for)\s+[^,?]{1,50},\s*"
         r"|(?!\s*(?:what|which|how|when|where|who|whom|whose|why)\b)[^?,]{1,80},\s*"
         # (or a council's name alone, typed first: "croydon do loads of people …?")
         r"|(?!\s*(?:what|which|how|when|where|who|whom|whose|why|if|and|but|so|then|please)\b)(?:[a-z][\w'’&-]*\s+){1,6}?(?=(?:did|does|do|is|are|was|were|has|have|had)\s+(?:they|it|people|loads|lots|many|most|the|there|you|u)\b))")
POLAR = re.compile(
    _TOLD + r"?\s*(?:did|does|do|is|was|were|are|has|have|had|will|would)\b"
    r"|" + _TOLD + r"?\s*(?:can|could)\b(?!\s+(?:you|u|i|we)\s+(?:please\s+)?(?:tell|give|show|list|explain|summari[sz]e|find|describe|outline|say|compare|name)\b)"
    # "hertfordshire cqc rating - requires improvement?": the rating asked about, to be confirmed
    r"|.*\b(?:rating|rated)\b\W+(?:outstanding|good|requires improvement|inadequate)\s*\?\s*$"
    r"|.*" + _TAG,
    re.I,
)
QUESTION_TAG = re.compile(_TAG, re.I)
# A statement asked as a question, with no question word: "camden only got a 3 for partnerships?"
DECLARED = re.compile(r"^(?!.*\b(?:what|which|how|where|who|whom|whose|when|why|or)\b)[^?]*\b(?:got|gets|scored|was|is|were|received|rated|came out)\b[^?]*\?\s*$", re.I)
# What is told before a yes-or-no question's verb ("My sister cares for our dad in X - were unpaid
# carers happy …?"): context, not what it asks.
POLAR_TOLD = re.compile(r"^" + _TOLD + r"(?=(?:did|does|do|is|was|were|are|has|have|had|can|could|will|would)\b)", re.I)
# … and the situation it is asked for, after it ("… an out of hours service if something goes wrong at night?")
POLAR_IF = re.compile(r"\s+(?:if|in case|should)\s+(?:i|we|you|he|she|they|my|our|his|her|their|someone|something|anything|things?)\b[^?]*", re.I)
# Words a yes-or-no question asks with that a sentence saying the thing need not repeat ("can I text
# them instead of phoning?": "by phone or text message").
POLAR_FILLERS = frozenset({"instead", "rather", "actually", "really", "also", "even", "ever", "there", "anything", "something",
                           "anyone", "someone", "specifically", "specific", "particular", "particularly", "proper", "properly",
                           "since",  # ("fallen since 2011?": "from 11% in 2011")
                           "go", "goes"})  # ("do they go for the least restrictive option?")
# A yes-or-no question a sentence saying the thing does not settle: about all of something, or
# whether it has happened yet ("Does every case go through the MASH yet?").
# So is one about how many or how much, or a comparison ("Do many people …?", "Is it any easier?").
STRICT_POLAR = re.compile(
    r"\b(?:every|all|always|each|yet|still|only|just|fully|enough|any|many|much|most|few|more|less|better|worse|than|"
    r"below|above|under|over|higher|lower|easier|harder|faster|slower|longer|shorter|"
    r"older|younger|bigger|smaller|larger|healthier|busier|cheaper|dearer)\b", re.I)
# What says a thing is for one group or purpose alone, as "just" or "only" in a question asks.
ONLY_FOR = re.compile(r"\b(?:specific(?:ally)?|dedicated|solely|exclusively|purely)\b", re.I)
# A sentence that qualifies what it says ("however", "few", "limited") settles no yes-or-no question.
QUALIFIED = re.compile(r"\b(?:few|little|lack\w*|limited(?! (?:waits?|waiting(?: times?| lists?)?|delays?|backlogs?)\b)|however|but|although|"
                       r"though|despite|mixed|inconsistent\w*|some)\b", re.I)  # (but "limited waits" are short ones)
# The verbs a yes-or-no question asks with, which the answering sentence need not repeat.
# "Are lots of people …?" answered by a sentence saying few are: no.
MANY = re.compile(r"\b(?:lots of|a lot of|loads of|a load of|tons of|heaps of|masses of|many|most|plenty of|the majority of|large numbers? of|widely|commonly|usually|"
                  r"(?:good|successful) (?:at|in))\b", re.I)  # ("good at getting people onto direct payments?": "few were supported to")
FEW = re.compile(r"\b(?:few|low (?:numbers?|levels?|uptake|take-up)|small (?:number|proportion|minority)|a minority|not many|"
                 r"rarely|seldom|limited (?:number|uptake|take-up)|(?:was|were|is|are|remained|remain) limited)\b", re.I)
# "Do you always get the same worker?": asked of every time, and said to hold only some of the time.
ASKS_ALWAYS = re.compile(r"\b(?:always|every time|each time|all the time|consistently|without fail)\b", re.I)
NOT_ALWAYS = re.compile(r"\b(?:not|n['’]t|never)\s+(?:always|consistently|every time)\b|\binconsistent(?:ly)?\b|\bsometimes\b|"
                        r"\bat times\b|\bnot all\b|\bvaried\b|\bvariable\b|\bmixed\b", re.I)
# Whether something is easy: a sentence saying it is hard or limited answers "Is it easy to …?" "No"
# (and one saying it is easy, "Is it hard to …?").
EASY = re.compile(r"\beas(?:y|ier|ily)(?: to (?:find|get|access|reach|use|contact|understand))?\b|\bsimple\b|\bstraightforward\b", re.I)
HARD = re.compile(r"\b(?:difficult(?:y|ies)?|hard(?:er)?(?: to (?:find|get|access|reach|use|contact|understand))?|challenging|"
                  r"limited|struggl(?:e|ed|es|ing)|confusing)\b", re.I)
# Whether there is enough of something: a sentence saying there is enough answers "Is X short of …?"
# "No", and one saying there is a shortage answers "Is there enough …?" "No".
ENOUGH = re.compile(r"\b(?:enough|sufficient|adequate|oversupply|surplus)\b", re.I)
SHORT = re.compile(r"\b(?:shortages?|shortfalls?|lack(?:ed|s|ing)?|insufficient|not enough|too few|short of|undersupply|gaps? in|"
                   r"(?:a |the )?need for (?:more|further|better|enhanced|improved|greater|increased|additional))\b", re.I)
# Whether something is a strength: a sentence saying it needed to improve answers "Is X's training
# up to scratch?", "Is it one of X's strengths?" "No" (and the other way round).
A_STRENGTH = re.compile(r"\bstrengths?\b|\bstrong (?:points?|suit|areas?)\b|\b(?:good|great|strong|excellent) at\b|\bup to (?:scratch|standard)\b|\bgood enough\b"
                        r"|\bwhere (?:it|they) (?:needs?|needed|should|ought) to be\b", re.I)
NEEDS_IMPROVING = re.compile(r"\b(?:needed|needs|need|required|requires) (?:to )?improv\w*|\bneeded improvement\b|"
                             r"\bareas? (?:for|of|needing|requiring) (?:improvement|development)\b", re.I)
# How long someone has been in post: "Has the PSW been in the job for years?" is answered "No" by
# "relatively new in post" (and "Is the director new?" by "in post for many years").
LONG_IN_POST = re.compile(r"\b(?:for (?:many |several |a (?:few |number of )?|some )?(?:years|a long time|decades?)|long[- ](?:standing|serving|established)|"
                          r"in (?:post|(?:the|their|his|her) (?:role|job|post)) (?:long|a long time)|"  # ("been in post long?")
                          r"(?:very |highly )?experienced)\b", re.I)
NEW_IN_POST = re.compile(r"\b(?:(?:relatively |fairly |very |quite )?new (?:in post|to (?:the |their |his |her )?(?:role|post|job))|newly[- ]appointed|"
                         r"recently (?:appointed|recruited|started|joined)|(?:relatively|fairly) new|interim|"
                         # (and a thing new, not a person: "is the meals service a recent addition?")
                         r"(?:a )?recent (?:addition|introduction|development|innovation|creation)|brand[- ]new|"
                         r"(?:newly|recently) (?:introduced|launched|set up|created|established|opened))\b", re.I)
# Which way a figure went: "Has the share fallen since 2011?" is answered "No" by "increasing to 17%".
# The same everywhere, or not: "is the discharge service the same standard all over the county?" —
# "working to tackle disparities between discharge services in different parts of the county".
ALIKE_EVERYWHERE = re.compile(r"\b(?:the same (?:standard|quality|service|level|everywhere)|consistent(?:ly)?(?= (?:across|throughout|everywhere|in (?:all|every)))|uniform(?:ly)?|"
                              r"equally good|all over (?:the )?(?:county|borough|city|area)|everywhere)\b", re.I)
VARIES = re.compile(r"\b(?:disparit(?:y|ies)|inconsisten(?:t|cy|cies)|variation(?:s)?|var(?:y|ies|ied|iable)|uneven(?:ly)?|patchy|"
                    r"postcode lottery)\b", re.I)
ROSE = re.compile(r"\b(?:increas(?:e|ed|es|ing)|ris(?:e|en|es|ing)|rose|grow(?:n|s|ing)?|grew|(?:go|goes|going|went|gone) up)\b", re.I)
FELL = re.compile(r"\b(?:decreas(?:e|ed|es|ing)|fall(?:en|s|ing)?|fell|dropp?(?:ed|s|ing)?|declin(?:e|ed|es|ing)|shr(?:ink|inks|inking|ank|unk)|(?:go|goes|going|went|gone) down)\b", re.I)
# A sentence saying something is missing: "the council lacked a local plan to cut inequalities …" answers
# "Does X have a local strategy …?" "No" — when what it says is missing is what was asked about.
LACKING = re.compile(r"\b(?:lack of|lacked|lacking|absence of|had no|there (?:was|were|is|are) no|did not have|does not have|"
                     r"do not have|no longer had)\s+((?:[\w'’-]+\s+){0,2}[\w'’-]+)", re.I)
# "Has X already refreshed its strategy?", "Had the pilot finished?": asked whether something is
# done, a sentence saying it is only planned or still going on answers "No".
ASKS_DONE = re.compile(r"\b(?:already|yet|finished|completed?|concluded|ended|got rid of|scrapped|abolished|removed|stopped)\b"
                       # "Has the new service cut falls?", "Have they launched …?" (not "Has X got a …?": has it)
                       r"|^\s*(?:has|have)\b(?!(?:\s+[\w'’-]+){1,4}\s+got\b)", re.I)
NOT_DONE = re.compile(r"\b(?:plans? to|planned to|planning to|intend\w* to|(?:was|were|is|are) (?:due|going) to|in the process of|under ?way|"
                      r"ongoing|(?:was|were|is|are) (?:still )?(?:undertaking|being|under review)|not yet|yet to|"
                      r"(?:was|were|is|are) (?:trialling|piloting|testing)|test and learn|"
                      # ("… were new and would require time to bed in")
                      r"(?:would|will|may|might) (?:require|need|take) (?:more |some )?time to)\b", re.I)
# A yes-or-no question whether a figure is beyond one it names: "Is over 30% of X's population aged
# over 65?", "Has X beaten the national 80% target?", "Is it below 50%?".
ASKS_BEYOND = re.compile(r"\b(?P<dir>over|above|more than|greater than|higher than|exceed(?:ed|s|ing)?|beat(?:en|s)?|ahead of|at least|"
                         r"under|below|less than|fewer than|lower than)\s+(?:the\s+|a\s+|its\s+)?(?:[a-z]+\s+){0,2}?"
                         r"(?P<n>\d+(?:\.\d+)?)\s*(?:%|per ?cent)", re.I)
ASKS_TARGET = re.compile(r"\btarget\b", re.I)
# "How far has X got with digital records?", "how far along is …?", "how much progress has … made?":
# how far something has come, which a figure says ("a 91% compliance rate against a target of 80%").
ASKS_PROGRESS = re.compile(r"\bhow (?:far (?:along|on|ahead)\b|far\b[^?]{0,60}\b(?:got|gotten|come|progressed|advanced|moved)\b"
                           r"|much progress\b)", re.I)
# Asked against a target with no figure of its own: "Is X ahead of the national target?", "Did it miss its target?"
TARGET_BEATEN = re.compile(r"\b(?:ahead of|beat(?:en|s|ing)?|exceed(?:ed|s|ing)?|surpass(?:ed|es|ing)?|above|over|met|meet(?:s|ing)?|hit(?:s|ting)?|reach(?:ed|es|ing)?)\s+"
                           r"(?:the|its|their|a|an)?\s*(?:[\w-]+\s+){0,2}?targets?\b", re.I)
TARGET_MISSED = re.compile(r"\b(?:behind|miss(?:ed|es|ing)?|below|under|short of|fall(?:en|s|ing)? short of|fell short of)\s+"
                           r"(?:the|its|their|a|an)?\s*(?:[\w-]+\s+){0,2}?targets?\b", re.I)
# A figure and the target it is set against, either way round: "a 91% rate, compared to the target of
# 80%", "against a target of 80%, 91% …".
VERSUS_TARGET = (re.compile(r"(?P<figure>\d+(?:\.\d+)?)\s*(?:%|per ?cent)[^%]{0,120}?\btarget\b(?:\s+\w+){0,2}?\s+(?P<target>\d+(?:\.\d+)?)\s*(?:%|per ?cent)", re.I),
                 re.compile(r"(?P<target>\d+(?:\.\d+)?)\s*(?:%|per ?cent)\s+(?:\w+\s+){0,2}?target\b[^%]{0,120}?(?P<figure>\d+(?:\.\d+)?)\s*(?:%|per ?cent)", re.I),
                 re.compile(r"\btarget\b(?:\s+\w+){0,2}?\s+(?P<target>\d+(?:\.\d+)?)\s*(?:%|per ?cent)[^%]{0,120}?(?P<figure>\d+(?:\.\d+)?)\s*(?:%|per ?cent)", re.I))
# A group whose figures surveys keep apart from everyone's ("carer satisfaction", "older people").
_AGE_GROUP = r"older(?= (?:people|adults|residents))|younger(?= (?:people|adults|residents))"
GROUP_ASKED = re.compile(r"\b(?:carers?|staff|workers|providers|" + _AGE_GROUP + ")", re.I)
ASKS_LONGER = re.compile(r"\b(?:more than|over|longer than|less than|under|within|at least|up to)\s+(?:\d+|a|an|one|two|three|four|five|"
                         r"six|seven|eight|nine|ten|twelve)\s+(?:days?|weeks?|months?|years?)\b", re.I)
# "Is roughly one in five …?", "Did a fifth …?": a share asked about as near a figure ("about 20%");
# "more than three quarters" is a bound (ASKS_BEYOND) once the fraction is a percentage.
ASKS_ABOUT = re.compile(r"\b(?:roughly|about|around|approximately|nearly|almost|close to|some)\s+(?P<n>\d+(?:\.\d+)?)\s*(?:%|per ?cent)", re.I)
NEAR = 0.1  # "about 20%": within a tenth of it
_FRACTIONS = {"half": 50.0, "a third": 33.3, "one third": 33.3, "two thirds": 66.7, "a quarter": 25.0, "one quarter": 25.0,
              "three quarters": 75.0, "a fifth": 20.0, "one fifth": 20.0, "two fifths": 40.0, "three fifths": 60.0,
              "four fifths": 80.0, "a tenth": 10.0, "one tenth": 10.0}
# Numbers in words, for counts ("five localities") and fractions ("one in five").
NUMBER_VALUES = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
                 "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
                 "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "thousand": 1000, "dozen": 12}
_FRACTION = re.compile(r"\b(?:(?:one|1|a) in (?P<every>\d+|" + "|".join(NUMBER_VALUES) + r")\b|(?P<part>"
                       + "|".join(sorted((f for f in _FRACTIONS if f != "half"), key=len, reverse=True))
                       + r"|(?<!first )(?<!second )(?<!other )half(?=\s+(?:of|the|all|their|its)\b))s?)\b", re.I)
_BOUND_BEFORE = re.compile(r"\b(?:over|above|more than|greater than|higher than|at least|under|below|less than|fewer than|lower than|"
                           r"roughly|about|around|approximately|nearly|almost|close to|some)\s+$", re.I)


def as_percentages(text: str) -> str:
    """Fractions written as percentages: "more than three quarters" is "more than 75%", "one in
    five" "about 20%" (a fraction with no bound of its own is a round figure)."""
    def percent(m: re.Match[str]) -> str:
        if m.group("every"):
            every = m.group("every").lower()
            value = 100.0 / (int(every) if every.isdigit() else NUMBER_VALUES[every])
        else:
            value = _FRACTIONS[m.group("part").lower().removesuffix("s") if m.group("part").lower() not in _FRACTIONS
                               else m.group("part").lower()]
        figure = f"{value:g}%"
        return figure if _BOUND_BEFORE.search(text[: m.start()]) else f"about {figure}"
    return _FRACTION.sub(percent, text)


# "Does Islington run its mental health services on its own?", "are the cafés run just by the
# council?": asked whether one body does it alone, a sentence saying it is done with others answers "No".
ASKS_ALONE = re.compile(r"\b(?:on (?:its|their|his|her) own|by (?:itself|themselves)|alone|solely|single-handedly|independently|"
                        r"(?:just|only|solely) by (?:the )?(?:council|local authority|authority|it|them))\b", re.I)
SHARED = re.compile(r"\b(?:in partnership|partnership (?:with|between)|jointly|joint|together with|alongside|integrated|"
                    r"co-?(?:delivered|located|produced|commissioned|designed|run|chaired)|"
                    r"(?:work(?:ed|s|ing)?|deliver(?:ed|s|ing)?|ran|run(?:s|ning)?|provid(?:ed|es|ing)|commission(?:ed|s|ing)?)"
                    r" (?:closely |jointly )?with)\b", re.I)
# Groups of people a service may be for: "Is the café for veterans?" is answered "No" by a sentence
# saying it is for another group, naming none asked.
# Times apart a question may ask about ("is the line open at weekends?"): a passage must name them.
TIMES_APART = tuple(re.compile(p, re.I) for p in (
    r"\bweekends?\b|\bsaturdays?\b|\bsundays?\b",
    r"\bevenings?\b|\bovernight\b|\bat night\b|\bout[- ]of[- ]hours\b|\b24/7\b|\b24 hours a day\b|\bround the clock\b",
    r"\bbank holidays?\b|\bchristmas\b",
))
# What something costs, asked ("is it free?", "do you have to pay for …?", "how much does it cost?"):
# no sentence that names no cost, charge or money answers it ("free from abuse", "in charge of" are none).
# "How do I complain?", "how can I appeal …": a way to object, which a sentence must speak of
# ("complaints", "appeals"); "barriers to advocacy" is no way to complain.
HOW_TO_DO = re.compile(r"^\s*(?:and\s+)?how (?:do|can|could|would|should|will|does|did) (?:i|we|you|u|people|someone|somebody|carers?|my \w+|a \w+) "
                       r"(complain|appeal)\b", re.I)
# (in the words a page may use for it: "raise concerns", "request a review", "if they disagreed")
OBJECTING = re.compile(r"\b(?:complain\w*|appeal\w*|concerns?|feedback|disagree\w*|dispute\w*|challeng\w*|review\w*)\b", re.I)
# An award asked about ("did it win a national award?", "has the scheme been given any awards?"), and said.
AWARD_ASKED = re.compile(r"\b(?:win|won|wins|winning|receive[ds]?|receiving|get|got|gets|given|been given|awarded|shortlisted for)\b[^?.]{0,40}?"
                         r"(?<!\bpay )\b(?:awards?|prizes?|medals?|trophy|trophies)\b", re.I)  # (not "a pay award")
AWARD_SAID = re.compile(r"\b(?:awards?|awarded|prizes?|medals?|troph(?:y|ies)|won|winners?|winning|shortlisted|accredit\w*|recogni[sz]\w*)\b", re.I)
COST_ASKED = re.compile(r"\bfree(?!\s+(?:from|up|of (?!charge)|to (?:choose|decide|make|do|leave|express|say|be|live|go|come|refuse|raise|complain|speak)\b))\b|(?<!\bin )(?<!\btook )(?<!\btake )\b(?:charged?|charges|charging)\b(?! (?:of|with)\b)|\b(?:costs?|fees?|prices?|"
                        r"(?:pay|pays|paying|paid) for|afford\w*|budgets?)\b", re.I)
COST_SAID = re.compile(r"\b(?:free|charg\w*|cost\w*|fees?|pric\w*|pay\w*|paid|afford\w*|fund\w*|contribut\w*|subsidi[sz]\w*|budget\w*)\b|£", re.I)
PEOPLE_GROUPS = tuple(re.compile(p, re.I) for p in (
    r"\bolder (?:people|adults|residents)\b|\baged (?:65|75|85)\b|\bover[- ]6[05]s?\b|\belderly\b",
    r"\byounger adults\b|\byoung (?:people|adults)\b|\b18\s*(?:-|–|to)\s*64\b|\bworking[- ]age\b",
    r"\bchildren\b",
    r"\bcarers?\b",
    r"\blearning disabilit\w*",
    r"\bautis\w*",
    r"\bveterans?\b|\barmed forces\b|\bex[- ]forces\b",
    r"\bphysical disabilit\w*",
    r"\bdementia\b",
    r"\bhomeless\w*|\brough sleep\w*",
    r"\brefugees?\b|\basylum\b",
    # (named by what they use or have too: "a British Sign Language interpreter", "hearing loss")
    r"\bdeaf\w*|\bsight loss\b|\bblind\b|\bsign language\b|\bBSL\b|\bhearing (?:loss|impair\w*)|\bhard of hearing\b|\bvisual(?:ly)? impair\w*|\bsensory\b",
))
# Groups a sentence must name to be about them: not the ages (older, younger people, children), which
# the topic often implies ("older people's falls": "the Falls Needs Assessment"; "care leavers").
GROUPS_APART = PEOPLE_GROUPS[3:]
# "Does the council run the crisis line?" is answered "No" by "… run by the NHS trust": the thing asked
# is done by another body (a partner, the NHS, a provider), not the council.
DONE_BY_VERBS = {"run": "run", "ran": "run", "lead": "led", "led": "led", "deliver": "delivered", "provide": "provided",
                 "manage": "managed", "commission": "commissioned", "chair": "chaired", "host": "hosted", "fund": "funded",
                 "operate": "operated", "organise": "organised", "coordinate": "coordinated", "own": "owned"}
DONE_BY = re.compile(r"\b(" + "|".join(sorted(set(DONE_BY_VERBS.values()))) + r")\s+by\s+((?:[\w'’&-]+\s*){1,8})", re.I)
OTHER_BODY = re.compile(r"\b(?:NHS|trusts?|ICBs?|integrated care boards?|providers?|voluntary|charit\w*|VCSE|partners?|GPs?|hospitals?|"
                        r"police|CCGs?|universit\w*|housing associations?|Healthwatch|organisations?|health)\b")
# "Is the pilot in the north of the borough?": a part of the area, not a name ("North Somerset").
COMPASS = re.compile(r"\b(north|south|east|west)(?:ern)?(?:[- ]?(east|west)(?:ern)?)?\b(?!\s+(?-i:[A-Z]))", re.I)
# "Is satisfaction higher than the England average?" is answered "No" by "in line with the England average".
IN_LINE = re.compile(r"\b(?:in line with|similar to|comparable (?:to|with)|consistent with|the same as|close to|level with)\b"
                     r"[^.;]{0,60}\baverages?\b", re.I)
# Share of a yes-or-no question's words (but its verb) that the sentence answering it, read with
# those quoted beside it, must say for a "Yes" (or for a "No" from a sentence saying the thing is
# lacking): two of three.
YES_SHARE = 0.66
# … and, when it does not say all of them in the question's words, how close in meaning (embedding
# cosine) it must be to the question (chosen on the development sets' yes-or-no questions).
YES_MEANING = 0.5
# Half of the words said, the other half said in other words: closer in meaning still ("Is Camden
# recognised as a Borough of Sanctuary?" - "… given full 'Borough of Sanctuary' accreditation").
YES_HALF_SHARE, YES_HALF_MEANING = 0.5, 0.55
POLAR_VERBS = frozenset({"did", "doe", "do", "is", "was", "were", "are", "has", "have", "had", "ha", "get", "got", "will", "would"})
# A yes-or-no question comparing a council's figure with the average: "Do fewer people in X feel safe than
# the England average?", "Is X's population older than the rest of England's?" — and the sentence that gives
# both figures: "61.2% of people felt safe, below the England average of 68.5%",
# "16.76% of the population, compared to 18.61% in the rest of England".
# "more than the London average?", "fewer … than nationally?": a comparison with a benchmark.
COMPARATIVE = re.compile(r"\b(?:more|less|fewer|higher|lower|better|worse|above|below|bigger|smaller|greater)\b", re.I)
# "the average score for safeguarding", "the mean overall percentage", "what do councils score on average?"
AVERAGE_ASKED = re.compile(r"\b(?:average|mean)\s+(?:[\w,-]+\s+){0,5}?(?:score|rating|result|mark|percentage)s?\b(?!\s+of\s+\d)"
                           r"|\b(?:score|rating|scored|rated)\b.{0,40}\bon average\b|\bon average\b.{0,40}\b(?:score|scored|rated|get|got)\b", re.I)
ASKS_VERSUS_AVERAGE = re.compile(r"\b(?:average|national(?:ly)?|england(?:['’]s)?|rest of (?:england|the country)|the country)\b", re.I)
RANK_WORD = re.compile(r"\b(?:rank(?:s|ed|ing|ings)?|position|placed|league tables?|(?:top|bottom) (?:\d+|ten|five|half))\b", re.I)
# Beyond the councils in the store: "the national average score", "across England", "nationally".
NATIONWIDE = re.compile(r"\b(?:national(?:ly)?|nationwide|(?:across|in|throughout) the country|(?:across|in|throughout) (?:all of )?england"
                        r"|(?:all|every) councils? in england|england(?:['’]s)? average)\b(?!['’]s)", re.I)
# ... unless the question keeps to the reports: "across the councils in the reports", "that you have"
IN_THE_REPORTS = re.compile(r"\b(?:in the (?:ingested )?reports|ingested|you have|in the store|in your (?:data|reports))\b", re.I)
# Who at CQC assessed a council: "who led the CQC assessment of X?", "who carried out the inspection?",
# "which inspectors visited?" — the reports name no assessor.
ASKS_ASSESSOR = re.compile(r"^\s*who\s+(?:led|carried out|conducted|did|undertook|ran|was on|were on|made up)\s+(?:the\s+)?"
                           r"(?:cqc(?:['’]s)?\s+(?:assessment|inspection)|inspection)(?:\s+team)?(?:\s+(?:of|for|at|in)\b|\s*\??\s*$)"
                           r"|^\s*which (?:cqc )?inspectors\b|^\s*which cqc (?:staff|assessors)\b", re.I)
# ("better" and "worse" of a survey's share: more satisfied, fewer)
UP_WORDS = re.compile(r"\b(?:higher|more|older|greater|bigger|larger|above|exceed\w*|better|stronger)\b", re.I)
DOWN_WORDS = re.compile(r"\b(?:lower|less|fewer|younger|smaller|below|worse|weaker)\b", re.I)
# "Is X better than Y at partnerships?": one council set against another on a statement, by its score.
BETTER_THAN = re.compile(r"\b(?:better|worse|stronger|weaker|higher|lower)\b[^?]{0,60}?\bthan\b", re.I)
# What may stand between the council and its comparative: "Wirral (do|perform|score) better than …"
COUNCIL_THEN_COMPARED = re.compile(r"\s*(?:(?:council\s+)?(?:do|did|does|doing|perform\w*|fare[ds]?|faring|rated|scored?|come out)\s+)?", re.I)


def direction(text: str) -> bool | None:
    """Which way a comparison goes: up (True), down (False), or None when it says both or neither."""
    up, down = bool(UP_WORDS.search(text)), bool(DOWN_WORDS.search(text))
    return None if up == down else up


_PCT_FIG = r"(\d+(?:\.\d+)?)\s*%"
VERSUS_AVERAGE = (
    re.compile(_PCT_FIG + r"([^%]{0,200}?)\b(?:england|national|the national)\s+average\b\s*(?:of\s+|was\s+|\(|:\s*)?"
               r"(?:(?:around|about|roughly|approximately|nearly|almost|just over|just under|some)\s+)?" + _PCT_FIG, re.I),
    re.compile(_PCT_FIG + r"([^%]{0,200}?)\b(?:compared (?:to|with)|against|versus)\s+" + _PCT_FIG
               + r"\s+(?:in|for|across)\s+(?:the rest of\s+)?(?:england|the country)\b", re.I),
)
# A sentence saying in words which side of an average it lies ("below the national average"): the
# direction, and whether it is of size (above, higher) or of quality (better, worse).
SAID_VERSUS_AVERAGE = re.compile(r"\b(?P<dir>above|below|higher than|lower than|more than|less than|fewer than|greater than|"
                                 r"better than|worse than|exceed(?:s|ed|ing)?|under)\s+(?:(?:both\s+)?the\s+)?"
                                 r"(?:england|english|national|regional|london|comparator)\s+(?:and\s+\w+\s+)?averages?\b", re.I)
# Spending set against what was planned, asked ("did X spend more than planned?", "stay within budget?")
# and said ("£8.3m less than estimated", "had overspent by £2.7m"): more, or less.
_PLAN = r"(?:estimated|estimates?|planned|plans?|budget(?:ed)?|forecast(?:ed)?|expected|anticipated)"
SPENT_MORE = re.compile(r"\bmore than (?:(?:it|they|was|had|been|originally|first|initially)\s+){0,3}" + _PLAN + r"\b|\bover-?spen(?:t|d|ds|ding)\b|"
                        r"\bover (?:its |their |the )?budget\b|\bover-?ran\b|\bexceed(?:s|ed|ing)? (?:its |their |the )?(?:\w+ ){0,2}" + _PLAN + r"\b", re.I)
SPENT_LESS = re.compile(r"\b(?:less|lower) than (?:(?:it|they|was|had|been|originally|first|initially)\s+){0,3}" + _PLAN + r"\b|\bunder-?spen(?:t|d|ds|ding)\b|"
                        r"\b(?:under|within|below) (?:its |their |the )?(?:\w+ )?budget\b", re.I)
OLDER_PEOPLE = re.compile(r"\b6[05]\s*(?:\+|years|and over|or over|and older|or older)|\bover[- ]6[05]|\bolder\b", re.I)
# Named after "with", "alongside" …: another council the one asked for works with, not the answer.
PARTNERED = re.compile(r"\b(?:with|alongside|besides|as well as|neighbou?r(?:s|ing)?|next to|borders?|bordering|near)\s+(?:the\s+)?(?:\w+\s+){0,3}$", re.I)
# A choice between the councils named: "Derby or Darlington", "X vs Y".
# (not "Black, Asian or other ethnic groups", "65 or older", "one or more", "… or not?": no choice between answers)
CHOICE = re.compile(r"\b(?:or|vs\.?|versus)\b(?!\s+(?:other|others|another|any|more|fewer|less|so|older|over|above|under|below|"
                    r"similar|equivalent|not)\b)", re.I)
# A choice between scores or ratings ("a 2 or a 3?", "good or outstanding?"): not an "or" elsewhere in the
# question ("… leaving hospital or going from children's to adult services").
_VALUE = r"(?:[1-4]|one|two|three|four|outstanding|good|requires improvement|inadequate|ri|bad|poor|excellent)"
# (a value said right after the "or": "'good' or 'requires improvement'", "or was it a 3", "25% or 39%",
# "3 stars or 4 stars", "a score of 1 or a score of 2")
VALUE_CHOICE = re.compile(r"\b(?:or|vs\.?|versus)\s+(?:(?:was|is|did) (?:it|they|that)(?: get)?\s+)?(?:an?\s+|the\s+|a score of\s+)?[‘'\"“]?"
                          rf"(?:{_VALUE}\b|\d+(?:\.\d+)?\s*%)", re.I)
# Whether any council did: "Did any council get less than 3 for governance?" (answered "no" as well as "yes").
_COUNCILS = r"(?:\w+\s+)?(?:councils?|authorit(?:y|ies)|boroughs?|las)\b"
# (typed short too: "any council score 4 for …?", "is there a council that got …?", "did anyone get a 4?")
ANY_COUNCIL = re.compile(rf"^\s*(?:(?:did|do|does|has|have|had|were|was|are|is)\s+)?any\s+{_COUNCILS}"
                         rf"|^\s*(?:is|are|were|was)\s+there\s+(?:any|an?)\s+{_COUNCILS}"
                         r"|^\s*(?:did|has|have|does)\s+(?:anyone|anybody)\b", re.I)
# The answer is an authority: "Which council gathered feedback from 400 people?".
WHICH_AUTHORITY = re.compile(
    # (asked after "tell me", "do you know"; "which of the councils", "which one of these boroughs")
    r"^\s*(?:(?:can you |could you |please )?tell me |do you know |i(?:['’]d| would) like to know |i want to know )?(?:in\s+)?(?:which|what)\s+"
    r"(?:(?:one\s+)?of\s+(?:the|these|those)\s+)?(?:(?:local|english|other|london|county|metropolitan|unitary|district|city)\s+){0,2}"
    r"(?:councils?(?!\s+(?:tax|taxes|housing|homes?|meetings?|elections?)\b)|authority|authorities|local authorit(?:y|ies)|boroughs?|areas?|las?)\b"
    r"|[-–:,]\s*(?:which|what)\s+(?:council|authority|local authority|borough)\s*\??\s*$"  # "Home First - which council?"
    r"|^\s*whose\s+(?:report|page)\b"
    r"|^\s*(?:name|identify)\s+the\s+(?:council|authority|local authority|borough)\b"
    r"|^\s*(?:the\s+)?(?:council|local authority|authority|borough)\s+(?:that|which|who|whose|where|with)\b",  # typed as a search
    re.I,
)
WHO_RUNS = re.compile(r"^\s*who(?=\s+(?:runs|ran|operates|provides|offers|delivers|set up|launched|introduced|started|has|had)\s+(?:an?|the)\b)", re.I)
# "scored 3", "a score of 2", "3 out of 4".
SCORE_VALUE = re.compile(r"\b(?:scored?|score of|rated|scoring|get|gets|got|given|receive[ds]?|awarded|achieve[ds]?|(?:came|come|comes|coming) (?:out|in) at)\s+(?:only\s+|just\s+)?(?:an?\s+|of\s+)?([1-4])\b|\b([1-4])\s*(?:/\s*4|out of 4)\b"
                         r"|" + _WITH_SCORE.format("([1-4])")
                         # "did X get any 4s?"
                         + r"|\b(?:scored?|get|gets|got|given|receive[ds]?|awarded|achieve[ds]?)\s+(?:(?:any|some|no|many|several|two|three|all)\s+)?([1-4])['’]?s\b", re.I)
# Every statement asked about at once: "did X get 3s across the board?", "a 3 for every statement"
ACROSS_THE_BOARD = re.compile(r"\b(?:across the board|all round|for (?:all|every|each)(?: one)?(?: of)? (?:its |the |their )?(?:nine |9 )?"
                              r"(?:quality )?(?:statements?|areas?)|(?:in|on) (?:all|every|each)(?: of)? (?:its |the |their )?(?:nine |9 )?"
                              r"(?:quality )?(?:statements?|areas?)|everywhere|straight [1-4]['’]?s|all [1-4]['’]?s|for everything)\b", re.I)
# How many of one council's statements got a score: "how many of its statements scored 3?", "how many
# of its statement scores were only a 2?", "how many 3s did X get?"
COUNT_OF_SCORES = re.compile(r"\bhow many\b(?:(?!\bcouncils?\b|\bauthorit)[^?.]){0,50}?\b(?:statements?|scores?)\b[^?.]{0,30}?"
                             r"\b(?:scored?|scoring|got|get|gets|given|received|were|was|are|is|came out at)\s+(?:only\s+|just\s+)?(?:an?\s+)?([1-4])\b"
                             r"|\bhow many\s+([1-4])['’]?s\b", re.I)
# "scored below 3", "2 or lower", "at least 3": a range of scores (the comparison, then the number).
SCORE_RANGE = re.compile(
    r"\b(?:scored?|scoring|rated|scores?|get|gets|got|given|receive[ds]?)\s+(?:of\s+|an?\s+)?(?P<cmp>below|under|less than|lower than|above|over|more than|higher than|at least|at most)\s+(?:an?\s+)?(?P<n>[1-4])\b"
    r"|\b(?:scored?|scoring|rated|scores?|get|gets|got|given|receive[ds]?)\s+(?:of\s+|an?\s+)?(?P<n2>[1-4])\s+or\s+(?P<cmp2>lower|less|below|under|worse|higher|more|above|better)\b",
    re.I,
)
# An overall score asked about by its figure: "which council got 75 overall?", "did herts score over 75
# overall?", "councils above 70% overall" (the comparison, then the number; only in a question saying
# "overall" or "out of 100", and next to a word that says it is a score: "people over 65 … overall" is not).
_CMP = r"below|under|less than|lower than|above|over|more than|higher than|exceed(?:s|ed|ing)?|at least|at most|exactly"
_PCT = r"(?:(?P<cmp>" + _CMP + r")\s+)?(?<![\d.,£-])(?P<n>100|[1-9]\d)(?![\d.])"
OVERALL_FIGURE = (
    re.compile(rf"\b(?:scor\w*|got|gets?|achiev\w*|receiv\w*|rated|awarded|c[ao]me (?:in|out) (?:at)?)\s*(?:an?\s+)?(?:overall\s+)?(?:score\s+)?(?:of\s+)?{_PCT}", re.I),
    re.compile(rf"{_PCT}\s*(?:%|per ?cent|out of 100|points)?\s+overall\b", re.I),
    re.compile(rf"\boverall\s+(?:cqc\s+)?(?:score|rating|percentage|result)?\s*(?:of\s+|(?:was|is|came in|come in)\s+)?{_PCT}", re.I),
)
# ("did croydon come in under 70 percent?" is the overall score; "70 percent of people …" is a share)
FIGURE_OVERALL_CONTEXT = re.compile(r"\boverall\b|\bout of 100\b|(?:%|\bper ?cent)(?!\s+of\b)", re.I)
# A score said before a statement: "a 3 for safeguarding", "top marks (4) for partnerships".
SCORE_IN_WORDS = re.compile(r"(?<![\d.,£])\b([1-4])(?:['’]?s)?\b(?!\s*(?:%|per ?cent|\.\d|out of 100|/))|\b(?:top|full) marks\b", re.I)
# The top score asked of one council: "did Camden get the top mark for governance?" (a 4).
TOP_MARK = re.compile(r"\b(?:top|full|maximum|highest possible) (?:marks?|scores?|grades?)\b", re.I)
# A score said just before a statement's name: "3s for equity …", "a 2 for safeguarding" (not "1 in 4 people")
SCORE_BEFORE = re.compile(r"(?<![\d.,£])\b(?:an?\s+)?[1-4](?:['’]?s)?\s+(?:for|on|in)\s+(?:the\s+|its\s+)?$", re.I)
# A result said right before or after a statement's name: "X's result for learning …", "the verdict on
# X's safeguarding", "X's safeguarding grade" (not "the results of the safeguarding audit").
RESULT_BEFORE = re.compile(r"(?:^|\b(?:the|its|their|what|cqc['’]?s?|[\w-]+['’]s?)\s+)(?:result|verdict|judge?ment|grade)s?\s+(?:for|on|in)\s+"
                           r"(?:the\s+|its\s+|their\s+|[\w'’&-]+['’]s?\s+){0,3}$", re.I)
RESULT_AFTER = re.compile(r"^\s*(?:result|verdict|judge?ment|grade)s?\b", re.I)
# A statement's result asked in more words around its name (our own phrasings): "what standard did CQC
# find for X's S?", "how did the assessment rate X for S?", "any shortfalls in X's S?", "how good was X's
# S?", "how did X's S come out?", "how was X's S assessed by CQC?", "did CQC find X's S good?", "S in X -
# how many points?", "for the S quality statement, how did X do?" (before, after) the statement's name.
_OWNER = r"(?:[\w&-]+\s+){0,4}?[\w&-]+['’]s?\s+"  # (a council's, in one word or more: "Telford and Wrekin's")
_BESIDE = rf"(?:the\s+|its\s+|their\s+)?(?:{_OWNER})?"
_RATED_BY = r"(?:the\s+)?(?:cqc|inspectors?|regulator|assessment|assessors?|care quality commission)"
_RATING_WORD = r"(?:good|outstanding|inadequate|requires improvement|bad|poor|weak|strong)"
# (what may follow the statement whose result is asked: nothing more of its own, RESULT_OF_STATEMENT)
_NOTHING_OWN = r"\s*(?:$|[?.,!]|(?:for|in|at|from|by|and|according|(?:quality )?statement|cqc|please)\b)"
STATEMENT_RESULT_AROUND = tuple((re.compile(before, re.I), re.compile(after, re.I)) for before, after in (
    (rf"\bwhat (?:standard|level(?: of evidence)?) did {_RATED_BY} (?:find|give|award|see)\s+(?:for|in|on)\s+{_BESIDE}$", _NOTHING_OWN),
    (rf"\bhow (?:did|does|has) {_RATED_BY} (?:rate|score|grade|judge|mark)\s+(?:[\w'’&-]+\s+){{0,3}}?(?:for|on)\s+(?:the\s+|its\s+|their\s+)?$", _NOTHING_OWN),
    (rf"\bany shortfalls (?:in|for|on|with)\s+{_BESIDE}$", _NOTHING_OWN),
    (rf"\bhow good (?:was|is)\s+{_OWNER}$", r"\s*(?:\?|$|according\b|in (?:the|its) (?:cqc )?assessment\b)"),
    (rf"\bhow (?:did|does|has)\s+{_OWNER}$", r"\s*(?:come|came|comes) out\b"),
    (rf"\bhow (?:was|were)\s+{_OWNER}$", rf"\s*(?:assessed|rated|judged|scored|graded|marked)(?:\s+by\s+{_RATED_BY})?\s*(?:\?|$)"),
    (rf"\bdid {_RATED_BY} (?:find|rate|judge|consider|call)\s+{_OWNER}$", rf"\s*(?:to be\s+|as\s+)?{_RATING_WORD}(?:\s+overall)?\s*(?:\?|$|,|or\b)"),
    ("", r"\s*(?:in|at|for)\s+[\w'’&-]+(?:\s+[\w'’&-]+){0,2}?\s*[-–:,]\s*how many (?:points|marks)\b"),
    (r"(?:^|\b)(?:for|on|in|under)\s+(?:the\s+)?$",
     r"\s*(?:quality statement\s*)?[,:-]?\s*how (?:did|does|has) [\w'’&\s-]{1,40}? (?:do|done|score|scored|fare|fared|get on|perform|performed)"
     r"\s*(?:overall\s*)?[?.!]*\s*$"),
))
# A result asked with the council between its word and the statement's name: "the result for York on
# safeguarding", "where did York land on …", "what level did York reach for …", "is York good at …",
# "for safeguarding, what did York get?" (before the council, between it and the statement; or after both).
COUNCIL_RESULT_BEFORE = re.compile(r"(?:\b(?:result|verdict|judge?ment|grade|score|rating|mark)s?\s+(?:for|of|on)|\bwhere (?:did|does|do|is)"
                                   r"|\bwhat (?:level|score|mark|grade|rating|number) (?:did|does|has))\s+(?:the\s+)?$", re.I)
COUNCIL_RESULT_BETWEEN = re.compile(r"(?:['’]s)?\s+(?:council\s+)?(?:land(?:ed)?|end(?:ed)? up|c[oa]me out|sit|reach|achieve|attain|get|got|"
                                    r"do|doing|perform|fare)?\s*(?:on|in|for|at|with|under)\s+(?:the\s+|its\s+|their\s+)?", re.I)
# ("how did surrey do at …?", the council in lower case; the verb said: not "how did York in 2023 deal with …")
HOW_DID_BEFORE = re.compile(r"\bhow (?:did|does|do|has)\s+(?:the\s+)?$", re.I)
HOW_DID_BETWEEN = re.compile(r"(?:['’]s)?\s+(?:council\s+)?(?:do|doing|done|perform(?:ed|s)?|fare[ds]?|get on|got on|getting on)\s+"
                             r"(?:on|at|for|in|with)\s+(?:the\s+|its\s+|their\s+)?", re.I)
COUNCIL_GOOD_BEFORE = re.compile(r"^\s*(?:is|was|are)\s+(?:the\s+)?$", re.I)
COUNCIL_GOOD_BETWEEN = re.compile(r"\s+(?:council\s+)?(?:any\s+|very\s+|much\s+)?good\s+(?:at|on|with|for)\s+(?:the\s+|its\s+|their\s+)?", re.I)
COUNCIL_RESULT_FORMS = ((COUNCIL_RESULT_BEFORE, COUNCIL_RESULT_BETWEEN), (HOW_DID_BEFORE, HOW_DID_BETWEEN),
                        (COUNCIL_GOOD_BEFORE, COUNCIL_GOOD_BETWEEN))
GOT_AFTER_BOTH = re.compile(r"^\s*(?:['’]s)?\s*(?:get|got|receive|score)\s*\??\s*$", re.I)
TAIL_WHAT_GOT = re.compile(r"\s[-–:,]\s*what (?:did|do|does|has) (?:they|it|the council) (?:get|got|score|scored|receive)\s*\??\s*$", re.I)
WHAT_DID_BEFORE = re.compile(r"\bwhat (?:did|does|has)\s+(?:the\s+)?$", re.I)
# What may follow the statement whose result is asked: nothing more of its own ("… safeguarding audit"
# names an audit's results)
RESULT_OF_STATEMENT = re.compile(_NOTHING_OWN, re.I)
# A council's standing asked, the council named right after or before: "how strong is X on …?",
# "where does X stand on …?" (not "how strong is the evidence", "where does the board sit")
STANDING_BEFORE = re.compile(r"\b(?:how (?:strong|weak) (?:is|are|was|were)|where (?:does|do|did|is))\s+(?:the\s+)?$", re.I)
STANDING_AFTER = re.compile(r"^(?:['’]s)?\s+(?:council\s+)?(?:stand|standing|fare|placed)?\s*(?:on|at|for|in|with)\b", re.I)
# What a score is asked "for": "York's score for reablement", "how did York do on complaints?"
SCORE_VERBS = r"scor\w*|rat(?:e|ed|ing)|marks?|grades?|results?|get|got|gets|given|receive[ds]?|do|did|does|doing|fare[ds]?|out of (?:4|four)"
SCORED_FOR = re.compile(rf"\b(?:{SCORE_VERBS})(?:\s+(?:them|it|to))?\s+(?:for|on|in|at)\s+(?P<what>[^?]+)", re.I)  # ("given to X for …")
# … or how good or well it is at something: "how well does X reach seldom heard groups?" (read with the
# council's name blanked out)
# (words of how a result came out, not a thing: "how well did X perform / fare / do compared with Y")
RESULT_VERBS = frozenset({"perform", "performed", "performing", "fare", "fared", "faring", "come", "came", "think", "thought", "rate", "rated",
                          "rating", "compared", "compare", "comparison", "judge", "judged", "do", "did", "done", "doing", "get", "got", "score", "scored"})
HOW_GOOD_AT = re.compile(r"\bhow (?:good|well)\s+(?:is|are|was|were|does|do|did)\s+(?:the\s+)?(?:council\s+)?(?:at\s+|on\s+|in\s+|with\s+)?(?P<what>[^?,]+)", re.I)
# Words that name the assessment itself, not a thing within it ("for its adult social care duties")
HEADLINE_WORDS = frozenset({"assessment", "assessments", "inspection", "overall", "cqc", "adult", "adults", "social", "care", "services",
                            "service", "council", "local", "authority", "asc", "report", "duties", "duty", "act", "responsibilities",
                            "functions", "work", "performance", "whole", "latest", "last", "recent", "new", "first", "year",
                            "rating", "score", "result", "results", "assessed", "rated", "the", "its", "their", "regulator",
                            "inspectors", "quality", "commission", "england", "according", "general", "total", "percentage",
                            "percent", "figure", "grade", "mark", "scores", "ratings", "headline", "outcome", "verdict"})
# Best or worst said just before a statement's name: "which council did best on partnerships …?",
# "who is strongest at safeguarding?" — a ranking of that statement's scores.
BEST_BEFORE = re.compile(r"\b(?:did|does|do|doing|performed|performs?|fared|fares?|(?:came|comes?) out|is|was|are|were)\s+"
                         r"(?:the\s+)?(?:best|worst|strongest|weakest)\s+(?:on|for|in|at|with)\s+(?:the\s+|its\s+|their\s+)?$", re.I)
# Score labels as people say them, for "which councils showed significant shortfalls in ...".
LABEL_VALUE: tuple[tuple[re.Pattern[str], int], ...] = (
    (re.compile(r"\bexceptional\b|\bfull marks\b", re.I), 4),
    (re.compile(r"\bgood standard\b", re.I), 3),
    (re.compile(r"\bsome shortfalls\b", re.I), 2),
    (re.compile(r"\bsignificant shortfalls\b", re.I), 1),
)
SHORTFALLS = re.compile(r"\bshortfalls?\b", re.I)
# Councils asked for by their shortfalls: "which councils were found to have shortfalls in …?" (not "what
# were the shortfalls in … across all councils?", "describe the shortfalls each council had")
COUNCILS_WITH_SHORTFALLS = re.compile(r"\b(?:which|what|how many|list(?: the)?|name the|any)\s+(?:\w+\s+)?(?:councils?|authorities|local authorities|las|boroughs?)\b"
                                      r"[^?]{0,40}?\bshortfalls?\b", re.I)
RATING_VALUE = re.compile(r"\b(outstanding|good|requires improvement|inadequate)\b", re.I)
# A statement "rated good" is one that scored 3 ("Evidence shows a good standard").
# A rating as a bound: "at least good", "good or better"; "requires improvement or worse".
OR_BETTER = re.compile(r"\b(?:at least|or (?:above|better|higher|more)|and above)\b", re.I)
OR_WORSE = re.compile(r"\b(?:at most|or (?:below|worse|lower|less)|and below)\b", re.I)
# "below good", "worse than requires improvement": the ratings beyond the one named, not it
BELOW_RATING = re.compile(r"\b(?:below|under|less than|lower than|worse than)\s+(?:an?\s+)?(?:outstanding|good|requires improvement|inadequate)\b", re.I)
ABOVE_RATING = re.compile(r"\b(?:above|over|more than|higher than|better than)\s+(?:an?\s+)?(?:outstanding|good|requires improvement|inadequate)\b", re.I)
RATING_SCORE = {"outstanding": 4, "good": 3, "requires improvement": 2, "inadequate": 1}
# An English region a question narrows councils to ("Which London boroughs scored 1 …?", "North West
# councils with a 1 for assessing needs"), as the gazetteer names it. Read with the councils' own
# names blanked: North Yorkshire and South Tyneside are councils, not regions.
REGIONS: tuple[tuple[re.Pattern[str], str], ...] = tuple((re.compile(p, re.I), region) for p, region in (
    (r"\blondon\b|\bthe capital\b", "London"),
    (r"\bnorth[- ]?east(?:ern)?\b", "North East"),
    (r"\bnorth[- ]?west(?:ern)?\b", "North West"),
    (r"\byorkshire\b|\bhumber\b", "Yorkshire and The Humber"),
    (r"\beast midlands\b", "East Midlands"),
    (r"\bwest midlands\b", "West Midlands"),
    (r"\beast of england\b|\beast anglia\b", "East of England"),
    (r"\bsouth[- ]?east(?:ern)?\b", "South East"),
    (r"\bsouth[- ]?west(?:ern)?\b", "South West"),
))
# Asking for a count of councils rather than their names.
COUNT_OF_COUNCILS = re.compile(r"\bhow many\s+(?:\w+\s+)?(?:councils?|authorities|local authorities)\b", re.I)
# Asking for every statement's score ("each quality statement", "all the scores").
EVERY_STATEMENT = re.compile(r"\b(?:quality\s+)?statements?\b|\bscores\b", re.I)
# Highest / lowest questions across councils.
EXTREME = re.compile(r"\b(?:highest|best(?! interests?\b)|top|lowest|worst|poorest|strongest|weakest|bottom)\b"  # (not "best interests assessments")
                     r"|\b(?:came|come|comes|finished|ranked|placed) last\b(?!\s+(?:year|time|month|week)\b)", re.I)  # ("came last": the lowest)
_LOW_END = re.compile(r"lowest|worst|poorest|weakest|bottom|\w+ last", re.I)


def extreme_asked(m: re.Match[str]) -> str:
    """"highest" or "lowest", for what EXTREME found ("came last" is the lowest)."""
    return "lowest" if _LOW_END.fullmatch(m.group(0)) else "highest"

# --- what kind of thing the answer must give (the relevance gate) -----------------------------------

# "What was Croydon's rating at its previous assessment?": an earlier assessment than the report's.
EARLIER_ASSESSMENT = re.compile(r"\b(?:previous|prior|earlier|former|preceding)\s+(?:cqc\s+)?(?:assessment|inspection|rating|score|review)s?\b"
                                r"|\b(?:assessment|inspection|rating|score)s?\s+before\s+(?:the\s+)?(?:last|latest|this|current|(?:19|20)\d\d)\b"
                                r"|\bthan (?:at |in |on )?(?:its|their|the) (?:last|previous|prior|earlier) (?:cqc\s+)?(?:assessment|inspection|rating|report)\b"
                                # "What was X rated before its 2024 assessment?"
                                r"|\b(?:rated|scored|get|got)\s+before\s+(?:its|their|the|this)\s+(?:(?:19|20)\d\d\s+)?(?:cqc\s+)?(?:assessment|inspection|rating|report)\b"
                                # "rated the time before this assessment", "what did X score last time?"
                                r"|\b(?:time|one)\s+before\s+(?:this|the|its|their)\s+(?:cqc\s+)?(?:assessment|inspection|rating)\b"
                                r"|\b(?:rated|scored|rating|score|got|get)\b[^?]{0,30}\blast time\b", re.I)
# The year CQC began assessing local authorities' adult social care duties (Health and Care Act 2022).
FIRST_ASSESSMENT_YEAR = 2023
# What an assessment gave: "What did Croydon get at its previous CQC assessment?"
GOT = re.compile(r"\b(?:get|got|gets|receive[ds]?|achieve[ds]?|awarded|given)\b", re.I)
# A council named as a side of a comparison: "better than Essex", "compare with Bristol", "X or Bristol"
COMPARED_WITH = re.compile(r"(?:(?<!rather )(?<!other )\bthan|\bcompar\w*\s+(?:[\w'’]+\s+){0,4}?(?:with|to|against|and)|\bversus|\bvs\.?|\bor)\s+(?:the\s+)?$", re.I)
# A time after the report itself: "since the inspection", "after the CQC assessment was published", "in
# response to CQC's findings" (not a person's assessment: "what happens after the assessment?")
AFTER_REPORT = re.compile(r"\b(?:after|since|following|in response to|as a result of|in the wake of)\s+(?:the\s+|its\s+|their\s+|this\s+|that\s+)?"
                          r"(?:(?:cqc|care quality commission)(?:['’]s)?\s+(?:local authority\s+)?(?:assessment|inspection|report|rating|findings|visit|judgement|verdict)s?"
                          r"|(?:the\s+|its\s+|their\s+)?inspection(?!s?\s+of\b)|inspectors['’]? visit|(?:assessment|report|rating)\s+(?:was\s+|were\s+)?(?:published|came out|released))\b", re.I)
# Inspected again, or a later assessment: "has X been re-inspected since?", "its next CQC assessment"
REINSPECTED = re.compile(r"\bre-?inspect\w*|\bre-?assess(?:ed|ment)\s+by\s+(?:the\s+)?cqc\b|\b(?:next|later|follow-?up|subsequent)\s+(?:cqc\s+(?:inspection|assessment)|(?:inspection|assessment)\s+by\s+(?:the\s+)?cqc)\b"
                         # ("when will X next be inspected?", "… be assessed by the CQC again?")
                         r"|\bnext\s+(?:be\s+)?inspected\b|\b(?:next\s+)?(?:be\s+)?(?:assessed|inspected)\s+(?:again\s+)?by\s+(?:the\s+)?cqc(?:\s+again|\s+next)\b", re.I)
# "Did X open a new hub in 2024?", "was the strategy published in 2023?": something done in a year, the
# year asked last (not "did its assessment in 2024 find …", nor "does it still … in 2024?")
DONE_IN_YEAR = re.compile(r"^\s*(?:did|has|had|was|were)\b[^?]*\bin\s+((?:19|20)\d\d)\s*\??\s*$", re.I)
# A council's result changed after it was published: "upgraded", "downgraded", "appealed", "overturned".
RESULT_CHANGED = re.compile(r"\b(?:upgraded|downgraded|re-?rated|re-?scored|overturned|appealed|after (?:the council |it |they )?appeal(?:ed|ing)?|"
                            r"(?:rating|score|result) (?:was |been |be )?(?:changed|revised|raised|lowered))\b", re.I)
# (what was done or changed then: "what has X changed since …", "what did X do after …")
DONE_SINCE = re.compile(r"\b(?:did|has|have|had|was|were)\b[^?]{0,60}?\b(?:do|done|doing|chang\w*|respond\w*|improv\w*|act\w*|happen\w*|introduc\w*|put in place|made|make|publish\w*|produc\w*)\b"
                        r"|\bwhat happened\b|\bis there an? (?:action|improvement) plan\b", re.I)
# A comparison is asked for: "X vs Y", "who came out better", "compare".
COMPARES = re.compile(r"\b(?:compar\w*|vs\.?|versus|differ\w*|better|worse|higher|lower|stronger|weaker|ahead|came out)\b", re.I)
HOW_MUCH = re.compile(r"\bhow much\b", re.I)  # "how much did X fall" asks a change's size; "how low did it fall", a level

# "Who runs the council?", "which party controls it", "political make-up": its political control
# (the council itself: "who runs it?" after a question about a service asks who manages the service).
POLITICS = (r"\b(?:(?:which|what) (?:political )?part(?:y|ies)|who) (?:runs?|controls?|leads?|(?:is|are) in (?:control|charge) of) (?:the )?"
            r"(?:[\w'’-]+ ){0,4}?(?:councils?|local authorit(?:y|ies)|boroughs?)(?= *(?:politically)? *[?.]?$)"
            r"|\b(?:which|what) (?:political )?part(?:y|ies)\b|\bpolitical(?:ly)? (?:control|make-?up|leadership|party|parties|led|controlled|in charge)\b")
# A party asked about by name or nickname, and a sentence's party in control (the last named: "changed
# from a Labour majority to a Green majority"); both as one key each.
PARTY_NAMES = (("conservative", r"conservatives?|tory|tories"), ("labour", r"labour"), ("libdem", r"liberal democrats?|lib ?dems?"),
               ("green", r"green party|greens?"), ("independent", r"independents?"), ("reform", r"reform(?: uk)?"))
ASKS_CONTROL = re.compile(r"\b(?:run|runs|running|control\w*|led|leads?|in charge|majority|in power|power)\b", re.I)
IN_CONTROL = re.compile(r"\b(?P<party>Labour|Conservatives?|Liberal Democrats?|Green|Independents?|Reform UK)"
                        r"(?:[- ](?:led|controlled|run)\b| majority\b| control\b| administration\b| group\b(?= (?:ran|runs|led|leads)))")
# "38 Labour councillors, 9 Green, 2 Independent", "Conservative 30, Labour 12": seats by party.
_PARTY_WORD = r"(?:Labour|Conservatives?|Liberal Democrats?|Lib Dems?|Greens?|Green Party|Independents?|Reform(?: UK)?)"
SEATS = re.compile(rf"\b(?P<n>\d{{1,3}})\s+(?P<party>{_PARTY_WORD})\b|\b(?P<party2>{_PARTY_WORD}):?\s+(?P<n2>\d{{1,3}})\b(?!\s*%)")
SEATS_SAID = re.compile(r"\b(?:councillors?|seats?|elected members?)\b", re.I)
# A political party, or none in control: what a question about political control asks for.
PARTY = re.compile(r"\b(?:Labour|Conservatives?|Liberal Democrats?|Lib Dems?|Green Party|Greens|Green(?= majority| group| administration|[- ]led)|Independents?|Reform UK|"
                   r"Plaid Cymru|(?i:no overall control))\b")

# The words between "what was" and the figure asked ("what was Windsor and Maidenhead's 2024
# satisfaction figure"): naming words, not a verb or preposition ("what were the reasons for the
# high vacancy rates", "what is the council doing to improve its figures").
_NAMING_WORDS = r"(?:(?!(?:to|for|about|doing|of|in|on|with|behind|reasons?)\b)[\w'’&-]+ )"

KIND_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    # Contact details: a phone number, an email or web address, opening hours ("what time is it open till")
    # (asked yes or no too: "does X have a phone number for carers?" asks for one, which a phone line is not)
    # (asking for one, "what's the …", "is there a …", "… phone number pls"; not "how many calls did the contact number get?")
    ("contact", re.compile(r"(?:^\s*(?:what(?:['’]s| is| are| was)?|whats|give me|tell me|i need|need|is there|are there|does\s[^?]{1,40}?\shave|do they have)\b"
                           r"[^?]{0,60}?\b(?:(?:phone|telephone|contact|helpline|hotline) (?:number|no\b)|e-?mail address|web ?(?:site|page)? address)"
                           r"|\b(?:(?:phone|telephone|contact|helpline|hotline) (?:number|no)|e-?mail address|web ?(?:site|page)? address)\s*(?:pls|please|plz)?\s*\??\s*$"
                           r"|\bnumbers? (?:to|for) (?:call|ring|phone)\b|\bopening (?:hours|times)\b|\bopen (?:till|until|til)\b"
                           r"|\bwhat (?:time|hours)\b(?!\s*(?:frame|scale|line|period))[^?]{0,40}\b(?:open|opens|close|closes|shut|shuts)\b(?!\s+(?:its|the|their|a|an)\b))", re.I)),
    ("age", re.compile(r"\b(?:what|which) ages?\b|\bhow old\b|\bage (?:range|group|band|bracket)s?\b", re.I)),
    # (not a clause saying when something else happens: "when you first contact them, do they …?")
    ("date", re.compile(r"^\s*(?:when\b(?! it comes to)(?!\s+(?:u|you|we|i|they|people|someone|somebody|a person|my|your|their|he|she|one)\b)(?![^?]{0,140},\s*(?:do|does|did|is|are|was|were|what|how|who|which|can|will|would|should|has|have)\b)"
                        # ("when staff assess you do they ask …?": when it happens, not a date asked)
                        r"(?!\s+(?!(?:is|was|are|were|do|does|did|will|would|has|have|had|can|could|should|exactly|roughly|next|approximately|about|"
                        r"likely|realistically|precisely|ever|then|again)\b)\w+[^?]{0,140}?\s(?:do|does|did|can|will|would|should)\s+"
                        r"(?:they|you|we|i|he|she|it|staff|people)\b)"
                        r"|(?:in|on|by|since|from|until) (?:what|which) (?:year|month|date|day)|(?:what|which) (?:year|month|date)|since when|by when)"
                        r"|\b(?:what|which) (?:period|years|time ?frame|dates)\b|\bover what (?:period|time)\b", re.I)),
    # "How long did they wait?"; not "the gap in how long people live" (life expectancy).
    ("duration", re.compile(r"^\s*(?:for\s+)?how long\b|\bwhat (?:[a-z-]+ ){0,3}(?:timescales?|time ?frames?|time limits?)\b(?! (?:for|of) (?:the )?(?:plan|strategy|programme)\b)|\bhow long (?:did|does|do|will|would|was|were|is|are|has|have|had|can|could)\b|\bhow many (?:days|weeks|months|years|hours)\b|\bwhat (?:was|is|were|are) the (?:average |median |longest |typical )?(?:wait(?:ing)? times?|waits?|length of (?:stay|time))\b"
                            # (a length asked in a few words: "average waiting time for an assessment in X?")
                            r"|^\s*(?:the\s+|what['’]s\s+(?:the\s+)?)?(?:average|median|mean|typical|longest|shortest)\s+(?:wait(?:ing)?\s+times?|waits?|length of (?:stay|time))\b"
                            r"|\bwhat(?:['’]s| is| was| are| were) (?:the )?(?:average )?(?:(?:male|female|men['’]s|women['’]s)\s+)?(?:healthy )?life expectancy\b", re.I)),
    # ("by how many percentage points …?": a difference of two shares, which the shares give)
    # ("which boroughs does X share an ICB with?": the verb, not a share)
    ("share", re.compile(r"\b(?:what|which) (?:[a-z-]+ ){0,4}(?:percentage|proportion|share(?!\s+(?:an?|the|its|their|our|some|any|this|that|these|those|services?|information|data|staff|resources|learning|good|best|with)\b)|per ?cent|fraction)\b|\bhow many (?:per ?cent|percentage points)\b|\bwhat % "
                         r"|\bout of (?:every )?(?:100|a hundred|ten|10)\b[^?]{0,80}\bhow many\b|\bhow many\b[^?]{0,80}\bout of (?:every )?(?:100|a hundred|ten|10)\b"
                         r"|^\s*compare the (?:percentage|proportion|share)\b", re.I)),
    # "How much did waits fall?" asks for a figure of any kind; "how much did it spend?" for money.
    # "How low does life expectancy fall?" asks for a level: a figure.
    # "What was the 2024 satisfaction figure?" asks for a figure: the year it names is none.
    ("quantity", re.compile(r"\bwhat(?:['’]s| is| was| are| were)? (?:the |its |their )?(?:[\w'’-]+ ){0,3}?figures?\b(?! out\b)|"
                            rf"\bwhat(?:['’]s| is| was| are| were) (?:the |its |their )?{_NAMING_WORDS}{{0,6}}?figures?\b(?! out\b)|"
                            r"\bwhat (?:did|has|have|had) .{1,80}? (?:rise|risen|fall|fallen|increase|increased|decrease|decreased|drop|dropped|grow|grown|climb|climbed|improve|improved|go up|gone up|go down|gone down) to(?:\s+(?:in|for|by|at|during|over)\b[^?]{0,60})?\??\s*$|"
                            r"\bfigure\s*\??\s*$|\bhow (?:low|high|big|large|small)\b(?!\s+(?:a|an|the)\b)|\bhow much\b(?!.{0,80}\b(?:spend\w*|spent|fork\w*|shell\w*|cost\w*|money|fund\w*|budget\w*|pay|paid|invest\w*|sav\w*|grants?|allocat\w*|pounds?|fees?|price\w*|quot\w*|charg\w*|worth|valued?|£)\b)", re.I)),
    # "What funding bid …" asks for the bid, not an amount: the money word must be what is asked for.
    ("amount", re.compile(r"\bhow much\b|\bwhat (?:[a-z-]+ ){0,2}(?:amount|budget|cost|spend|funding|fee|price|overspend|savings?)\b"
                          r"(?!\s+(?:bids?|streams?|sources?|schemes?|programmes?|applications?|rounds?|packages?|bod(?:y|ies)|models?|arrangements?|partners?))"
                          # "What is Bristol City Council's adult social care budget?", "What did X actually spend in 2022/23?"
                          r"|\bwhat(?:['’]s| is| was| are| were)\b.{0,60}\b(?:budget|spend|spending|overspend|funding)s?(?:\s+(?:on|for|in)\s+[^?]{1,60})?\s*\??\s*$"
                          # (but "What did they spend the grant on?" asks what it went on)
                          r"|\bwhat (?:did|does|do|has|have|will|would) .{1,60}?\b(?:spend|spent|cost|pay|paid|invest|invested)\b"
                          r"(?!\s+(?:[\w'’-]+\s+){0,4}?on\s*\??\s*$)", re.I)),
    # "What happened to the number of …" asks about a change, not for a count.
    ("count", re.compile(r"\bhow many\b|\bhead ?counts?\b|\bwhat (?:(?:is|was|are|were) )?(?:the )?(?:[a-z-]+ )?(?:number|total|count)\b"
                         r"|\bwhat(?:['’]s| is| was) (?:the |its |their |(?:[\w&-]+ ){0,4}?[\w&-]+['’]s? )?(?:[a-z-]+ )?population\b(?! (?:profile|make-?up|mix|health|needs?))", re.I)),
    # ("What was the Royal Borough of Windsor & Maidenhead's social worker vacancy rate?": the council's name, then the rate's)
    ("rate", re.compile(rf"\bwhat (?:[a-z-]+ ){{0,2}}rates?\b|\bwhat (?:is|was|are|were) (?:the |its |their )?(?:(?:[\w&.-]+ ){{0,7}}?[\w&.-]+['’]s? )?"
                        rf"{_NAMING_WORDS}{{0,5}}?rates?\b", re.I)),
    ("party", re.compile(POLITICS, re.I)),
    ("name", re.compile(
        r"^\s*(?:who\b|what(?:\s+is|\s+was|['’]s) the name of|what are the names of|(?:the\s+)?names?\s+of\b|name the\b(?!\s+(?:councils?|authorit|local authorit|boroughs?))"
        r"|what (?:is|was) .{0,40}\bcalled\b)"
        r"|^\s*(?:which|what)\s+(?:(?!(?:did|does|do|is|are|was|were|has|have|had|can|could|will|would)\b)[a-z-]+\s+){0,2}(?:hospital|trust|board|charity|charities|organisation|organization|body|bodies|provider|partner|ward|town|village|languages?(?!\s+(?:support|barriers?|needs?|services?|skills?|lines?))|surger(?:y|ies)|"
        # (councils named beside the one asked about: "which neighbouring boroughs …?", not "which areas …?", a part of one)
        r"(?:neighbouring|nearby|adjoining|surrounding|other|partner)\s+(?:boroughs?|councils?|authorit(?:y|ies)|local authorit(?:y|ies)|districts?)|"
        r"(?P<thing>team|service|scheme|project|programme|hub|plan|strategy|group|forum|network|model|method|tool|framework|approach|system|platform|app|initiative))(?:e?s)?\b",
        re.I,
    )),
    ("place", re.compile(r"^\s*where\s+(?:is|are|was|were)\b.{0,80}\b(?:located|based|held|situated)\b"
                         # "which parts of X …?": places within it, by name
                         # (the place itself after "of", by its name or as the borough: not "areas of practice", "of X's service")
                         r"|^\s*(?:which|what)\s+(?:parts|areas|wards|neighbourhoods|neighborhoods|towns|localities|districts|places)\s+(?:of|in|within|across)\s+"
                         r"(?:the\s+(?:borough|county|city|district|area)\b|(?-i:[A-Z][\w-]*+)(?:\s+(?:(?-i:[A-Z&][\w-]*+)|and|upon|on))*+)(?!['’\w])", re.I)),
    # "Where did St Helens rank for …": a position among others, not a place.
    ("frequency", re.compile(r"\bhow (?:often|frequently|regularly)\b|\bhow many times (?:a|an|per|each) (?:day|week|month|year)\b", re.I)),
    ("rank", re.compile(r"\b(?:where|how)\s+(?:did|does|do|is|was|were)\b.{0,80}\brank(?:ed|s)?\b"
                        r"|\bwhat (?:was|is|were|are) (?:the |its |their )?(?:[\w'’-]+ ){0,2}(?:rank|ranking|position)\b|\bwhat rank\b", re.I)),
)
# People and bodies named by what they are: a "who" question that asks for no role is answered by them.
GROUPS = re.compile(
    r"\b(?:people|carers|residents|partners|providers|organisations|groups|charit(?:y|ies)|sector|teams?|staff|volunteers|"
    r"communit(?:y|ies)|professionals|practitioners|workers|families|leaders|trusts?|boards?|forums?|networks?)\b",
    re.I,
)
# A list of three or more things ("housing, public health and adult social care"): it answers a
# "which services …" question although none of them is a proper name.
ENUMERATION = re.compile(r"\b[\w’'-]+(?: [\w’'-]+){0,3}, [\w’'-]+(?: [\w’'-]+){0,3},? (?:and|or) [\w’'-]+", re.I)
# "Which council has the most …": a question comparing councils on something, answered only by a
# sentence that ranks (the reports hold no table of councils to compare).
SUPERLATIVE = re.compile(r"\b(?<!at )(?:the )?(?:most|fewest|least|largest|biggest|smallest|highest|lowest|longest|shortest|best|worst)\b", re.I)
# Superlatives that rank the same way ("the biggest Manx community": "the largest numbers of … Manx").
SAME_RANK = {"biggest": "largest"}
RANKED = re.compile(r"\b(?:most|fewest|largest|biggest|smallest|highest|lowest)\b|\b\d+(?:st|nd|rd|th)\b|\branked\b", re.I)
# What a scale's ends mean, said beside a figure on it: "(where 1 is the lowest and 10 is the highest)".
SCALE_NOTE = re.compile(r"\(\s*(?:with|where)\s+\d+\s+(?:being|is|=|as)\b[^)]*\)", re.I)
# A position among others, for "where did X rank": "third highest", "4th most deprived", "ranked 12th".
# (a superlative alone is none: "deprivation is highest in the west of the county")
RANK = re.compile(r"\b\d+(?:st|nd|rd|th)\b|\branked\b|\b(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth)\b"
                  r"|\branks?\b|\branking\b|\b(?:top|bottom) (?:\d+|ten|five|quartile|third|half)\b|\bquartile\b", re.I)
# "When is X due for its next assessment?": one still to come, which no page's date line gives.
ASKS_NEXT_ASSESSMENT = re.compile(r"\b(?:next|upcoming|future|follow[- ]up|repeat)\s+(?:cqc\s+)?(?:assessment|inspection|report|rating|visit)"
                                  r"|\b(?:due|scheduled|expected|going)\s+(?:for|to be)\s+(?:a\s+)?(?:re-?)?(?:assess|inspect)|\bre-?(?:assessed|inspected) again\b", re.I)

# "what hours is it open?", "when is the hub open?", "opening times?": the hours a service keeps,
# which a sentence says by times, days or "24/7" (not by naming an "out of hours" service).
# ("when does the new hub open?" asks when it starts; "what hours do carers provide?" no opening hours)
ASKS_OPEN_WHEN = re.compile(r"\bwhat (?:are (?:the |its |their )?)?(?:opening )?(?:hours|times)\b[^?]{0,40}\bopen\b|\bopening (?:hours|times)\b"
                            r"|\bwhen (?:is|are)\b[^?]{0,50}\bopen\b(?!\s+(?:to|for)\b)", re.I)
SAYS_OPEN_WHEN = re.compile(r"\b\d{1,2}(?:[.:]\d\d)?\s*(?:am|pm)\b|\b24/7\b|\b24 hours\b|\bround the clock\b|\bweekends?\b|\bevenings?\b"
                            r"|\bweekdays?\b|\bovernight\b|\b(?:mon|tues|wednes|thurs|fri|satur|sun)days?\b|\bseven days\b|\bbank holidays?\b", re.I)

# When the assessment report itself was published or updated: only the page's own line says.
ASKS_PUBLISHED = re.compile(
    r"\b(?:report|assessment|page|rating|findings?)\b.{0,40}\b(?:published|released|c[ao]me out|last updated|updated)\b"
    r"|\b(?:publication|release) date\b|\bdate of (?:the )?(?:report|assessment|publication)\b"
    r"|\b(?:(?:publish|release|issue)(?:d|ed)?|put out)\b.{0,40}\b(?:report|assessment|verdict|judge?ment|findings)\b"  # "When did CQC publish X's assessment?"
    # a follow-up about a report or rating asked before: "croydon cqc rating - and when did it come out?"
    r"|^\s*when (?:did|was|were) (?:it|that|this|they) (?:c[ao]me out|published|released|put out)\b(?=[^(]*\(.*\b(?:report|rating|assessment|cqc)\b)",
    re.I)
# A law named with its year ("the Care Act 2014", "Mental Health Act 1983"): the year names it, dates nothing
LAW_YEAR = re.compile(r"\b(?-i:Act)\s+(?:19|20)\d\d\b", re.I)
ASKS_WHEN = re.compile(r"\s*(?:when|what date|on what date|what day|which date)\b", re.I)
PUBLISHED_LINE = re.compile(r"\b(?:published|page last updated)\b", re.I)
# The page's own date line ("Assessment published: 28 February 2025"): it says when the report came out, and nothing else.
PAGE_DATE_LINE = re.compile(r"^\s*(?:assessment\s+)?published:|\bpage last updated\b", re.I)
# "How much did X reduce Y?" asks for the size of a change; a length of time or a date is no answer
# unless the question is about time ("How much did waits fall?").
CHANGE = re.compile(r"\b(?:reduc\w*|increas\w*|fall|fell|fallen|rise|risen|rose|improv\w*|cut|grow|grew|drop\w*|declin\w*)\b", re.I)
# A sentence saying how something changed ("had declined since then"): it answers "how has X changed?".
CHANGED = re.compile(r"\b(?:reduc\w*|increas\w*|fall|fell|fallen|rise|risen|rose|improv\w*|cut|grow|grew|drop\w*|declin\w*|"
                     r"worsen\w*|widen\w*|narrow\w*|doubled|halved|since (?:then|\d{4}))\b", re.I)
ABOUT_TIME = re.compile(r"\b(?:wait\w*|delays?|times?|long|days?|weeks?|months?|years?|hours?|durations?)\b", re.I)
# Where something is: a sentence that says so ("based at …", "located in …") answers a "where" question.
LOCATED = re.compile(r"\b(?:based (?:at|in|within|on)|located|situated|housed|hosted (?:at|in|by)|co-located|sited)\b", re.I)
KIND_WORDS = {  # what an abstention says the reports do not give
    "date": "a date", "duration": "how long", "quantity": "a figure", "share": "a percentage or share", "amount": "an amount",
    "count": "a number", "rate": "a rate", "name": "a name", "place": "a place", "age": "an age", "rank": "a rank",
    "party": "a political party", "frequency": "how often", "contact": "contact details",
}
# Contact details as a page would give them: a phone number, an email or web address, hours open.
CONTACT = re.compile(r"\b0\d{2,4}[\s-]?\d{3,4}[\s-]?\d{3,4}\b|[\w.-]+@[\w-]+\.\w|\bwww\.|https?://"
                     r"|\b\d{1,2}(?:[:.]\d\d)?\s?(?:am|pm)\b|\b(?:24 hours a day|24/7|around the clock)\b|\bopening (?:hours|times)\b"
                     r"|\b(?:seven|7|five|5) days a week\b|\bevenings?\b|\bweekends?\b|\bout of hours\b|\bopen (?:from|until|till|between)\b", re.I)
# An age or age group: "18–64-year-olds", "aged 65 and over", "over 75s", "people under 25".
AGE = re.compile(
    r"\b\d+\s*(?:-|–|to)\s*\d+[\s-]*(?:year[\s-]*olds?|years? old)\b|\baged\s+\d+|\b(?:over|under)[\s-]+(?:1[01]\d|\d{1,2})s?\b(?![,.]\d)(?!\s*(?:weeks?|months?|days?|hours?|minutes?|%|per ?cent)\b)|\b\d+ years of age\b"
    r"|\b\d+\s+(?:and|or)\s+(?:over|older|above|under|younger)\b|\b\d+\s*\+|\b\d+[\s-]*year[\s-]*olds?\b"
    r"|\b(?:over|under|above|below) the age of \d+",
    re.I,
)
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")
MONTH = "(?:" + "|".join(MONTHS) + ")"
EARLY_MONTHS = MONTHS[:3]  # a report published then may be of an assessment the year before
TIME_UNIT = r"(?:days?|weeks?|months?|years?|hours?|minutes?|working days?)"
# "had commenced 3 years ago" says when, as a year would
# A month is a date when it is written as one ("May", "3 may", "may 2024"), not the verb "may".
_MONTH_WRITTEN = rf"\b(?:\d{{1,2}}(?:st|nd|rd|th)?\s+(?P<month>{MONTH})|(?-i:(?P<named>{MONTH}))|(?P<dated>{MONTH})(?=\s+(?:19|20)\d\d\b))\b"
MONTH_WRITTEN = re.compile(_MONTH_WRITTEN, re.I)
# "Which month …?": a month, not a year alone ("in its 2024/2025 statement" says no month)
ASKS_MONTH = re.compile(r"\b(?:what|which) month\b", re.I)
MONTH_SHORT = re.compile(r"\b(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.?\s+(?:19|20)\d\d\b")
DATE = re.compile(rf"\b(?:19|20)\d\d\b|{_MONTH_WRITTEN}|\b(?:last|this|next) (?:year|month|week)\b"
                  rf"|\b(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|a few|several|a|an) {TIME_UNIT} ago\b", re.I)
DURATION = re.compile(rf"\b(?:\d[\d,.]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a few|several)\s*(?:-|to\s+\d+\s*)?{TIME_UNIT}\b|\bwithin (?:a|an|the same|the next|one) {TIME_UNIT}|\bwithin (?:the )?(?:target|agreed |statutory )?(?:timescales?|time ?frames?|deadline)\b"
                      r"|\bsame day\b"
                      # ("waited over a year", "within a fortnight"; not "a day centre")
                      r"|\b(?:a|an|half an?)\s+(?:fortnight|week|month|year|hour|day(?!\s+(?:centres?|services?|care|opportunit\w*|activit\w*)))\b|\bfortnight\b(?!ly)", re.I)
# "How long has X been reworking its reports?" is answered by "over the last year" (not "how many
# weeks …?"), and "how long do people wait …?" by "no waiting list".
# How long a plan or a contract lasts, which the years it spans answer ("(2024-2031)").
ASKS_HOW_LONG_RUNS = re.compile(r"\bhow long (?:does|did|will|is|was)\b[^?]{0,80}\b(?:run|runs|running|lasts?(?!\s+(?:year|month|week|time|decade|few|\d))|cover|covers|span|spans|"
                                r"in (?:place|force|effect)|go on|continue)\b", re.I)
ASKS_HOW_LONG_ONGOING = re.compile(r"\bhow long (?:has|have|had)\b(?![^?]*\bwait)", re.I)
OVER_THE_LAST = re.compile(r"\b(?:over|in|during|within|for) the (?:last|past|previous|preceding) "
                           r"(?:(?:few|two|three|four|five|six|twelve|18|\d+) )?(?:years?|months?|weeks?)\b", re.I)
ASKS_HOW_LONG_WAIT = re.compile(r"\bhow long (?:do|does|did|are|were|is|was|will|would)\b.{0,60}\bwait", re.I)
NO_WAIT = re.compile(r"\bno (?:waiting lists?|waits?|wait times?|waiting times?|delays?)\b(?!\s+(?:data|information|figures?|records?)\b)", re.I)
# "When was the scheme set up?": a date answers it only from a sentence saying it started ("supported
# 40 people in 2023" dates something else).
ASKS_START = re.compile(r"\b(?:set up|launch(?:ed)?|open(?:ed)?|start(?:ed)?|establish(?:ed)?|introduc(?:e|ed)|creat(?:e|ed)|begin|began|begun|"
                        r"form(?:ed)?|found(?:ed)?|roll(?:ed)? out|go live|went live|come in|came in)\b", re.I)
STARTED = re.compile(r"\b(?:set up|launch\w*|open(?:ed|ing)|start\w*|establish\w*|introduc\w*|creat\w*|began|begun|beginning|formed|founded|"
                     r"roll(?:ed)? out|rolled|went live|go live|live (?:from|since)|since|from|appointed|joined|commenced|commission(?:ed)?|"
                     r"implemented|piloted|new(?:ly)?|first|inaugural)\b", re.I)
# What a wait is for, asked or said: "waiting time for a review", "waited 28 days for a Care Act
# assessment" (up to the first word that starts a place, time or manner).
WAIT_OBJECT = re.compile(r"\bwait(?:ing|ed|s)?(?:\s+(?!for\b)[\w-]+){0,4}?\s+for\s+"
                         r"(?:an? |the |their |his |her )?((?:(?!(?:in|at|from|with|by|since|before|after|and|or|of|to|was|were|is|are|"
                         r"had|has)\b)[\w'’-]+ ?){1,4})", re.I)  # (a possessive is one word: "a carer's assessment")
# What the question asks the wait for ("wait for a care assessment"), and what a sentence says nobody waits for.
WAITED_FOR = re.compile(r"\bwait(?:ing|s)? (?:for|on) (?:an? |the |their |his |her )?([\w -]+)", re.I)
_FEW = r"(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten)"
# How often: "every few months", "fortnightly", "twice a year", "2 days a week" ("regular meetings" says not how often).
_PERIOD = r"(?:day|week|fortnight|month|quarter|year|term)"
FREQUENCY = re.compile(
    rf"\b(?:every|each)\s+(?:(?:few|other|two|three|four|six|\d+)\s+)?{_PERIOD}s?\b|\b(?:daily|weekly|fortnightly|monthly|quarterly|"
    rf"annually|yearly|bi-?weekly|bi-?monthly|bi-?annual(?:ly)?|biannual(?:ly)?)\b|\b(?:once|twice|\w+ times|\d+ times|(?:\d+|one|two|three|four|five) days?)"
    rf"\s+(?:a|an|per|each|every)\s+{_PERIOD}\b|\bon a (?:daily|weekly|monthly|rolling) basis\b",
    re.I,
)
SHARE = re.compile(rf"\d\s*%|\bper ?cent\b|\b{_FEW} (?:in|out of) (?:every )?{_FEW}\b|\b(?:half|a third|a quarter|two thirds|three quarters)\b"
                   r"|\b(?:a|the) (?:small |large |slim |narrow |clear |vast |great )?(?:majority|minority)\b", re.I)
AMOUNT = re.compile(r"£\s?\d|\b\d[\d,.]*\s*(?:million|m|k|bn|billion|pounds)\b", re.I)
# Any figure: a number, in digits or words, or a share.
# ("one of the most unequal boroughs", "no one" count nothing)
FIGURE = re.compile(r"\d|\b(?<!\bno[ -])(?:one(?! of (?:the|its|their|these|those|our|many|several)\b)|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundreds?|thousands?|half|third|quarter|doubled|trebled|tripled)\b|per ?cent", re.I)
# A count: a number that is not a share, a year, an amount, a length of time, an age ("24-year-olds")
# or either end of a range ("aged 10–24").
_TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
_UNITS_AFTER = r"[- ](?:one|two|three|four|five|six|seven|eight|nine)\b"
NUMBER_WORDS = (rf"(?:(?:{_TENS}){_UNITS_AFTER}|(?:{_TENS})(?!{_UNITS_AFTER})|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
                r"thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|hundreds?|thousands?|dozens?)")  # ("Eighty-eight languages")
# A number after one of these words names a thing ("section 75", "pathway 1"): it counts nothing.
_LABELS = ("section", "sections", "pathway", "pathways", "phase", "tier", "level", "step", "page", "part", "schedule",
           "band", "ward", "stage", "priority", "theme", "version", "grade", "article", "clause", "paragraph", "score")
_NOT_LABELLED = "".join(f"(?<!{w} )" for w in _LABELS)
# "… to increase the number of providers from 8 to 13": a change's two ends are counts, not a range.
COUNT_CHANGE = re.compile(r"\b(?:increas|rais|ris|grow|grew|expand|reduc|decreas|fell|fall|drop|cut|went|gone|go|up|down)\w*\b"
                          r"(?:\s+[\w’'-]+){0,8}?\s+from\s+\d[\d,]*\s+to\s+\d[\d,]*\b(?![\s-]*(?:%|per ?cent|\.\d))", re.I)
# "What proportion of X are Y?": the share asked is of those that are Y (students, carers …) among X.
SHARE_THAT_ARE = re.compile(r"\b(?:proportion|percentage|share|per ?cent|fraction)\s+of\s+(?:[\w’'&-]+\s+){1,8}?"
                            r"(?:are|were|is|was)\s+(?P<what>(?:[\w’'-]+\s*){1,4})\??\s*$", re.I)
# The last words of bodies' and places' names ("North Central London Integrated Care System"), and
# words a name made only of is a place's, not a person's ("North West London"; "Karen Ward" is a person).
BODY_HEADS = frozenset({"system", "trust", "board", "council", "borough", "county", "city", "nhs", "foundation", "hospital",
                        "partnership", "network", "alliance", "centre", "district", "care", "health", "community",
                        # (teams and panels are bodies too: "Front Door Team" is nobody's name)
                        "team", "teams", "hub", "group", "panel", "committee", "forum", "unit", "programme", "project",
                        "scheme", "association", "charity", "agency", "commission", "department", "directorate",
                        "collaborative", "consortium", "federation", "society"})
NOT_IN_PERSONS_NAMES = BODY_HEADS | {"north", "south", "east", "west", "central", "greater", "london", "integrated", "road",
                                     "street", "ward", "royal"}
# A count said as a change ("some 4,000 more people over 65") answers how many more, not how many.
COUNT_MORE = re.compile(r"\b\d[\d,]*\s+(?:more|fewer|extra|additional|less)\b", re.I)
ASKS_MORE = re.compile(r"\b(?:more|fewer|extra|additional|less|increas\w*|ris(?:e|en|es|ing)|rose|gr[eo]w\w*|fall|fell|fallen|"
                       r"decreas\w*|declin\w*|drop\w*|reduc\w*|change\w*|differen\w*|gap|up|down)\b", re.I)
# A count of none: "there are no acute hospitals in the borough", "it had no care homes of its own" (the words
# after it say of what).
NONE_OF = re.compile(r"\b(?:there (?:is|was|are|were) no|(?:has|had|have) no|(?:does|did) not have any|nor any|not a single|zero)\s+((?:[\w’'-]+\s+){0,2}[\w’'-]+)", re.I)
# "One carer told us …", "Another person said …": a sentence about one person, not a count of people.
ONE_OF_THEM = re.compile(r"^\W*(?:one|another)\s+(?!in\b|hundred|thousand)", re.I)
COUNT_NUMBER = re.compile(
    rf"(?<![£\d.,\-–—/])(?<!\d to )(?<!\d - )(?<!\d – ){_NOT_LABELLED}\b(?!(?:19|20)\d\d\b)\d[\d,]*\b(?!\.\d)(?![\s-]*(?:%|per ?cent|{TIME_UNIT}\b|million|m\b|bn\b|k\b|am\b|pm\b))"
    rf"(?!\s*(?:-|–|—|to)\s*\d)|\b(?!one\s+of\b){NUMBER_WORDS}\b(?![\s-]*(?:{TIME_UNIT}|per ?cent)\b)",  # ("one of the most …": no count)
    re.I,
)
RATE = re.compile(
    r"\d\s*%|\bper ?cent\b|\b\d+(?:\.\d+)? (?:per|in every) [\d,]+\b|\brate of\b"
    r"|£\s?\d[\d,.]*\s*(?:an?|per|each)\s+(?:hour|day|week|month|year|visit|bed|night)\b",
    re.I,
)
# Roles: "who is the director" must be answered by a sentence naming that role.
ROLES = frozenset({"director", "leader", "manager", "chair", "chief", "executive", "officer", "lead", "head", "worker",
                   "commissioner", "member", "minister", "principal", "coordinator", "champion"})
# A role named as a noun ("the director", "Wirral's lead for carers", "the chief executive"), not
# as a verb ("Who leads the programme?", "Who chairs the board?": a body may answer those).
ROLE_NOUN = re.compile(
    r"\b(?:the|a|an|its|their|his|her|our|\w+['’]s?)\s+(?:[\w-]+\s+){0,6}?(" + "|".join(sorted(ROLES)) + r")s?\b"
    r"|\bwho\s+(chair|head)(?:s|ed)?\b", re.I)  # "Who chairs the board?" asks for a person too
# "Who does the principal social worker meet with?": the role named is the one doing, not the one asked for.
# "Who chairs the network?": whoever the sentence says it is "chaired by" answers, a body or a role
# as well as a person.
WHO_VERB = re.compile(r"^\s*who\s+(?:(?:from|at|in|on)\s+(?:the\s+)?[\w'’&-]+(?:\s+[\w'’&-]+){0,3}?\s+|actually\s+|now\s+|currently\s+)?"
                      r"(chair|head|lead|led|run|ran|manag|deliver|host|fund|commission|provid|oversee|coordinat|"
                      r"facilitat|organis|organiz)(?:e|es|s|ed)?\b", re.I)
_PASSIVE = {"lead": "led", "run": "run", "oversee": "overseen"}
_PRESENT = {"led": "lead", "ran": "run"}  # "Who led the review?": as "who leads"


def done_by(question: str) -> re.Pattern[str] | None:
    """For "who chairs X?", the words a sentence says who does it with ("chaired by", "… the
    director chairing the board")."""
    if not (m := WHO_VERB.match(question)):
        return None
    verb = _PRESENT.get(m.group(1).lower(), m.group(1).lower())
    return re.compile(rf"\b(?:co-)?{_PASSIVE.get(verb, verb + 'e?d')}\s+by\b|\b{verb}(?:e?s|n?ing)\s+the\b", re.I)


# "Who carried out the peer review?": a sentence saying only that it was carried out ("a peer review was
# undertaken two years before"), by no one it names, does not say who.
ASKS_DOER = re.compile(r"^\s*who\s+(?:carried out|conducted|did|led|ran|undertook|commissioned|wrote|produced|completed|performed)\s+"
                       r"(?:the|a|an|its|their)\s+(?:[\w'’-]+\s+){0,3}?(?P<what>[a-z]{4,})\b(?=\s+(?:of|for|in|on|that|which|at|into)\b|\s*\?|\s*$)", re.I)
DONE_BY_NO_ONE = (r"s?\s+(?:was|were|had been|has been|have been)\s+(?:\w+ly\s+)?(?:undertaken|carried out|conducted|completed|done|"
                  r"commissioned|led|held|performed|produced|written)\b(?!\s+by\b)")
WHO_DOES = re.compile(r"\s*who(?:m)?\s+(?:does|did|do|will|would|can|could|should|has|have|had)\b", re.I)
# "How many carers …": people counted, whom a share of them also answers ("11.8% of carers").
# People counted ("how many residents"), and the noun a sentence's number counts ("287 ethnic groups",
# "24 cases waiting"): a number of other things does not count people.
PEOPLE_NOUNS = frozenset({"people", "persons", "residents", "carers", "adults", "individuals", "users", "men", "women",
                          "children", "families", "staff", "workers", "volunteers", "clients", "patients", "citizens",
                          "households", "councillors", "practitioners", "employees", "older", "young"})
COUNTED_NOUN = re.compile(rf"(?<![£\d.,])\b(?:\d[\d,]*\+?|{NUMBER_WORDS})\s+(?:(?:more|other|different|new|additional|older|younger|unpaid|local|"
                          r"further|extra|separate|distinct|ethnic|active|open|registered|eligible)\s+)*(?P<noun>[a-z]+)\b")
# Words after a number that name nothing counted ("grown by 28,600 since 2011": people, not "since").
NO_NOUN = frozenset({"since", "per", "across", "within", "among", "amongst", "towards", "via", "compared", "including",
                     "last", "overall", "altogether", "respectively", "annually", "yearly", "monthly", "weekly"})
YEAR_AT = re.compile(r"(?:19|20)\d\d\b")
# "phase 2", "stage 3", "tier 1": a numbered thing a figure must be about
NUMBERED_THING = re.compile(r"\b(phase|stage|tier|wave|cohort|round|version|step|level)\s+(\d+|one|two|three|four|five)\b", re.I)
# (the words between qualify them: "how many unpaid carers", not "how many languages do people speak")
PEOPLE_COUNTED = re.compile(r"\bhow many (?:(?!(?:do|does|did|are|were|is|was|have|has|had|can|could|will|would)\b)[\w'’-]+ ){0,3}?"
                            r"(carers|people|residents|staff|users|adults|workers|families)\b", re.I)
# "How many people in X are over 65?", "… are living with a disability?": what a population is,
# which the reports give as a share of it ("34% of the population is over 65").
POPULATION_SHARE = re.compile(r"\bhow many (?:people|residents|adults|of (?:the )?(?:people|residents|population))\b[^?]{0,60}?"
                              r"\b(?:are|is|were|was)\s+(?:(?:aged\s+)?(?:over|under|above|older than)\s+\d+|aged\s+\d+|"
                              r"(?:living with|have|having) (?:a |an )?(?:disabilit\w*|dementia|learning disabilit\w*|long[- ]term (?:health )?conditions?)|"
                              r"disabled|from (?:an? )?(?:ethnic minorit\w*|minority ethnic|black|asian|global majority)\b)", re.I)
# "How many people feel safe?", "how many carers said they were satisfied": what people say in a
# survey, which the reports give as a share of those asked ("80.88% of people feel …").
SURVEYED = re.compile(r"\bhow many (?:of (?:them|those|the)\s+)?(?:(?:(?:older|younger|disabled|unpaid|local)\s+)?(?:people|residents|carers|adults|users|service users|respondents|citizens)\b"
                      r"(?:\s+[\w'’-]+){0,4}?\s+)?(?:feel|felt|feels|say|said|says|report(?:ed)?|think|thought|agree[ds]?|"
                      r"(?:are|were|is|was|feel|felt) (?:satisfied|happy|content|safe|in control)|(?:have|had|has) (?:control|a say|as much))\b", re.I)
# "In how many ways could people get in touch?": a list of the ways answers it.
COUNTS_WAYS = re.compile(r"\bhow many (?:different )?(?:ways|routes|channels|methods|means|options)\b", re.I)
# Things counted that are a council's results or the councils themselves ("how many councils scored 3?").
SCORED_THINGS = re.compile(r"\b(?:councils?|authorit(?:y|ies)|boroughs?|areas?|las|statements?|themes?|scor\w*|marks?|points?|"
                           r"ratings?|grades?|stars?|percent|per cent|%|out of|[1-4]['’]?s)\b", re.I)
# … and things rated that are not councils: care providers and their services, or people.
RATED_OTHERS = re.compile(r"\b(?:care homes?|nursing homes?|homes|agenc(?:y|ies)|providers?|services|people|residents|carers|users|"
                          r"clients|beds|hospitals?|practices|home care|domiciliary)\b", re.I)
# The thing a "which …" question picks among ("which care homes are rated best"): not a council's result.
WHICH_THINGS = re.compile(r"^\s*(?:which|what)\s+((?:care|nursing|residential)\s+homes?|homes|agenc(?:y|ies)|providers?|hospitals?|practices|home care|domiciliary)\b", re.I)
COUNTED = re.compile(r"\bhow many (?:of (?:the|these|those|its|their|our|your)\s+)?((?:[\w-]+\s+)?[\w-]+)", re.I)  # the thing counted, after one word that may qualify it
# A year or a financial year ("2023", "2022/23", "2022-2023", "2022 to 2023"): the period a figure is for.
PERIOD = re.compile(r"\b((?:19|20)\d\d)(?:\s*(?:/|-|–|to)\s*((?:19|20)?\d\d))?\b")


# "in 23/24": a financial year in short (two consecutive years; not a day and month, "3/10/2025")
SHORT_PERIOD = re.compile(r"(?:(?<=\bin )|(?<=\bfor )|(?<=\bduring )|(?<=\bof )|(?<=\byear )|(?<=\bfrom )|(?<=\bsince ))"
                          r"([1-4]\d)\s*/\s*([1-4]\d)\b(?![/.]\d)", re.I)


# CQC's assessments of local authorities began with pilots in 2023: a report's undated sentences speak of
# then or later, never of a year before 2022.
ASSESSMENTS_BEGAN = 2023
# A time asked about that is before the assessments ("before the pandemic", "ten years ago", "back in 2015"),
# and a sentence speaking of such a time ("prior to the Covid-19 pandemic", "previously", "in 2016").
EARLIER_ASKED = re.compile(r"\b(?:before|prior to|pre-?)\s*(?:the\s+)?(?:covid(?:-?19)?|pandemic|lockdowns?)\b|\b(?:\w+|\d+)\s+years?\s+ago\b|"
                           r"\ba decade ago\b|\bin the past\b(?!\s+(?:(?:twelve|12|eighteen|18|six|6|three|3|few|couple of)\s+)?(?:year|months?|weeks?|days?)\b)|\bhistorically\b|\bused to\b", re.I)
SAYS_EARLIER = re.compile(r"\b(?:before|prior to|pre-?)\s*(?:the\s+)?(?:covid(?:-?19)?|pandemic|lockdowns?)\b|\bago\b|\bpreviously\b|"
                          r"\bformerly\b|\bused to\b|\bin the past\b|\bhistorically\b|\bprevious\b|\bearlier\b|\b(?:19\d\d|20[01]\d|202[01])\b", re.I)
# A time before a year asked about ("before 2024", "prior to 2023"): not the year itself.
BEFORE_YEAR = re.compile(r"\b(?:before|prior to|earlier than)\s+(?:the\s+(?:start|beginning)\s+of\s+)?((?:19|20)\d\d)\b", re.I)
# (a change since a year is asked of now: "how has it changed since 2015?")
SINCE_YEAR = re.compile(r"\b(?:since|from|compared (?:with|to)|versus|vs\.?)\s+(?:the\s+)?(?:end of\s+)?(?:19|20)\d\d\b", re.I)
_BETWEEN_YEARS = re.compile(r"\b(?:between|from)\s+(?:the\s+)?((?:19|20)\d\d)\s+(?:and|to|until)\s+(?:the\s+)?((?:19|20)\d\d)\b", re.I)


LAWS_YEAR = re.compile(r"\b(?-i:Act|Regulations|Order|Bill)\s+(?:of\s+)?(?:19|20)\d\d\b")


def says_earlier(text: str) -> bool:
    """Does the sentence speak of a time before the report's own (not by a law's year, "Care Act 2014")?"""
    return bool(SAYS_EARLIER.search(LAWS_YEAR.sub(" ", text)))


def periods(text: str) -> set[tuple[int, int]]:
    """The years and financial years a text names, as (first, last) years (not a law's: "Care Act 2014")."""
    text = LAWS_YEAR.sub(" ", text)
    out = {(2000 + int(a), 2000 + int(b)) for a, b in SHORT_PERIOD.findall(text) if int(b) == int(a) + 1}
    # ("between 2011 and 2021" is one span, not two years: a change over another decade is another fact)
    out |= {(int(a), int(b)) for a, b in _BETWEEN_YEARS.findall(text) if int(b) > int(a)}
    text = _BETWEEN_YEARS.sub(" ", text)
    for m in PERIOD.finditer(text):
        first = int(m.group(1))
        last = m.group(2)
        end = first if not last else int(last) if len(last) == 4 else first // 100 * 100 + int(last)
        out.add((first, end if end >= first else first))
    return out


def same_period(asked: set[tuple[int, int]], given: set[tuple[int, int]]) -> bool:
    """Does a sentence's period agree with the question's? A year agrees with a financial year
    that includes it; two financial years only when they are the same."""
    def agree(a: tuple[int, int], b: tuple[int, int]) -> bool:
        return a == b or (a[0] == a[1] and b[0] <= a[0] <= b[1]) or (b[0] == b[1] and a[0] <= b[0] <= a[1])
    # Asked for a financial year, a sentence naming financial years gives its figure for those (its
    # other years date a source: "the JSNA 2023 showed … in 2020-2021").
    spans = {g for g in given if g[0] != g[1]}
    if spans and any(a[0] != a[1] for a in asked):
        given = spans
    return not asked or not given or any(agree(a, b) for a in asked for b in given)


# Asked for the overall figure itself: a rating word does not answer it.
ASKS_PERCENT = re.compile(r"\b(?:percentage|per ?cent|out of (?:a )?100|points)\b|%", re.I)


def age_spans(text: str) -> set[tuple[int, int]]:
    """The age groups a text names, as (youngest, oldest), bounds taken inclusively ("under 18": (0, 18),
    "aged 65 and over": (65, 200)): two groups that share an age may be one asked about."""
    out = set()
    for m in AGE.finditer(text):
        # (with what follows it: "aged 65 and over")
        said = (m.group(0) + text[m.end() : m.end() + 12]).lower()
        ns = [int(n) for n in re.findall(r"\d+", m.group(0))]
        if len(ns) > 1:
            out.add((ns[0], ns[1]))
        elif re.search(r"\b(?:under|below|younger)\b", said):
            out.add((0, ns[0]))
        elif re.search(r"\b(?:over|above|older)\b|\+", said):
            out.add((ns[0], 200))
        else:
            out.add((ns[0], ns[0]))
    return out


def ages(text: str) -> set[int]:
    """The ages a text names as bounds of an age group ("aged 85 and over", "18-64-year-olds")."""
    return {int(n) for m in AGE.finditer(text) for n in re.findall(r"\d+", m.group(0))}


# Asked what was actually spent (or overspent), an estimate or a plan is a neighbouring figure.
# Asked what was actually spent or achieved ("has it now contracted", "so far"), an estimate or an
# aim is a neighbouring fact ("designed a tender to increase providers from 8 to 13").
ASKS_ACTUAL = re.compile(r"\bactual(?:ly)?\b|\bout-?turn\b|\b(?:over|under)-?spen\w*|\boversho(?:ot|t)\w*|\b(?:go|went|gone) (?:over|under)\b"
                         r"|\bso far\b|\bto date\b|\b(?:yet|already)\s*\??$"
                         r"|\bnow\s+(?:contracted|reached|achieved|delivered|commissioned|recruited|got|have|has)\b"
                         r"|\b(?:have|has|is|are)\s+now\b|\bnow that\b", re.I)
ESTIMATE = re.compile(r"\bestimat\w*|\bwould (?:be|spend|cost)\b|\bplann?ed\b|\bforecast\w*|\bexpected to\b|\bbudgeted\b"
                      # (with a figure: "to increase providers from 8 to 13"; "to raise awareness" is what work is for)
                      r"|\bto (?:increase|raise|grow|expand|reduce|cut|decrease|double|halve|reach|achieve)\b(?=[^.;]*\b(?!(?:19|20)\d\d\b)\d)"
                      r"|\baim(?:ed|s|ing)? (?:to|for)\b|\bintend\w* to\b|\btargets?\b|\bambitions? to\b", re.I)
ACTUAL = re.compile(r"\bactual(?:ly)?\b|\bout-?turn\b|\b(?:over|under)-?spen\w*|\bmore than (?:estimated|planned|budgeted)\b", re.I)
# A sentence saying what something found or showed (what "what did the evaluation find?" asks).
FOUND = re.compile(r"\b(?:found|finds|showed|shown|shows|revealed|concluded|identified|highlighted|indicated|demonstrated|suggested)\b", re.I)
# What came of something ("What did the JSNA find?"), and a sentence saying only what was intended.
# A sentence saying what came of something is not known yet ("the findings were under review").
FINDING_SAID = re.compile(r"\b(?:found|showed|shows|revealed|concluded)\b", re.I)
FINDINGS_PENDING = re.compile(r"\b(?:findings|results|outcomes?|impact|evaluation)\b[^.;]{0,40}\b(?:(?:were|was|are|is|remained|remain) (?:still )?"
                              r"(?:under review|being (?:reviewed|evaluated|analysed|assessed)|not yet (?:known|available|clear|complete|published|evaluated))"
                              r"|(?:had|have) not yet been (?:evaluated|reviewed|published|assessed)|(?:was|is) too early)\b", re.I)
# "Did the pilot cut waiting times?", "After the pilot, has it decided …?": whether something had
# an effect. Quoted sentences saying it is still going on or its findings are not known do not say.
ASKS_EFFECT = re.compile(r"^\s*(?:[^?,]{0,60},\s*)?(?:did|has|have|had)\b[^?]{0,80}?\b(?P<verb>cut|reduced?|lowered?|improved?|increased?|shortened|"
                         r"speeded|sped|brought|(?:made|make) (?:a|any) difference|extended|expanded|rolled out|"
                         r"removed?|eliminated?|ended|resolved?|tackled|fixed|solved|decided|"
                         r"(?:lead|led|leading) to|result(?:ed)? in)\b", re.I)
# A sentence saying what came of something: a change, an effect, a result.
OUTCOME_SAID = re.compile(r"\b(?:effective\w*|impact\w*|result(?:s|ed)?|outcomes?|success\w*|achiev\w*|led to|extended|expanded|"
                          r"rolled out|ended|difference)\b", re.I)
# What people found something to be ("found it frustrating", "find the forms hard"), not what a review found
# (nor "during", "regarding", "following": prepositions, however they end).
_HOW_FOUND = (r"(?!(?:during|regarding|following|concerning|including|according|involving|surrounding)\b)\w+ing|\w+ful|hard|easy|"
              r"difficult|good|bad|positive|negative|confusing|stressful|useful|helpful")
# (not what people found hard or helpful: "what did people find frustrating?" asks their views)
ASKS_FINDINGS = re.compile(r"\bwhat (?:[\w'’-]+ ){0,6}?(?:did|has|have) .{1,100}?\b(?:(?:find|found)(?!\s+(?:it\s+|them\s+)?(?:"
                           rf"{_HOW_FOUND})\b)|show|shown|reveal|revealed|conclude|concluded|"
                           r"achieve|achieved)\b", re.I)  # ("what gaps in the market did the strategy find?")
# "Harrow's refreshed strategy", "the revised plan": a thing a question takes as done (by its participle).
DONE_THING = re.compile(r"(?:['’]s|\b(?:the|its|their))\s+(?:new(?:ly)?\s+|recently\s+)?([a-z]{4,}ed)\s+(?=[a-z])", re.I)
# "What did X learn once it had improved its profile?": a thing a question takes as done (by what came after it).
DONE_BEFORE = re.compile(r"\b(?:once|after|since|now that)\s+(?:it|they|the council|the local authority)\s+(?:had|has|have)\s+([a-z]{4,}ed)\b", re.I)
# "What were the results of the trial?", "what was the outcome of the review?": what came of something,
# in other words (any sentence saying what it did answers it; one saying its findings are pending does not).
ASKS_RESULTS = re.compile(r"\bwhat (?:were|was|are|is|have been) (?:the )?(?:main |key )?(?:results?|findings?|outcomes?|conclusions?|lessons?)\b"
                          r"|\bwhat (?:changes|difference|improvements?) (?:did|has|have|had) .{1,80}?\b(?:make|made|bring|brought|deliver|delivered)\b"
                          # ("what results did the pilot produce?")
                          r"|\bwhat (?:results?|findings?|outcomes?|impact) (?:did|has|have|had) .{1,80}?\b(?:produce[ds]?|yield(?:ed)?|give|gave|given|have|had)\b", re.I)
# "The panel had been exploring later opening hours": still thinking about it, nothing done yet.
CONSIDERING = re.compile(r"\b(?:was|were|is|are|(?:had|has|have)\s+(?:recently\s+|still\s+|currently\s+)?been)\s+(?:recently\s+|still\s+|currently\s+)?"
                         r"(?:looking at|looking into|exploring|considering|scoping)\b", re.I)
INTENT = re.compile(r"\b(?:wanted to|want to|planned to|plans? to|planning to|intend\w* to|aim(?:ed|s)? to|was going to|were going to|would|will)\b", re.I)
# How often something was done: "would" with it is what was done, not what was meant to be ("staff kept
# an afternoon a week when they would ring everyone on the list").
HABITUAL = re.compile(r"\b(?:each|every|regularly|routinely|often|usually|daily|weekly|fortnightly|monthly|annually|"
                      r"a (?:day|week|fortnight|month|year))\b", re.I)


def intends(text: str) -> bool:
    """Does the sentence say something was meant or planned, not done? (What a thing there is is for
    is no plan: "exercise classes, aimed to reduce falls", "a service which aims to …".)"""
    return any((m.group(0).lower() != "would" or not HABITUAL.search(text))
               and not (m.group(0).lower().startswith("aim") and _PURPOSE_BEFORE.search(text[: m.start()]))
               for m in INTENT.finditer(text))


_PURPOSE_BEFORE = re.compile(r"(?:,|\b(?:which|that|designed and))\s*$", re.I)
# "How safe do people feel? what %": the measure asked for, which a figure for another does not give.
HOW_MEASURE = re.compile(r"\bhow (?!(?:many|much|long|often|far|old|soon|quickly|well|come|do|does|did|is|are|was|were|can|could|will|"
                         r"would|should|to|the|a|an|it|they|we|i|you|has|have|had|"
                         # (a size, not a measure: "how big is the gap?")
                         r"big|bigger|large|larger|small|smaller|high|higher|low|lower|wide|great|greater|deep|close|fast|slow|likely)\b)"
                         r"([a-z]+)\b", re.I)
# "What percentage of unpaid carers …": a share of a group surveys keep apart from the people who
# use services. A sentence giving another group's share does not answer it.
# So is a share of money: "what percentage of Westminster's budget" is no share of carers.
# "What percentage of residents are over 65?" asks a share of a whole, which a relative difference
# ("27% more over-65s than the England average", "a 10% increase") is not.
ASKS_SHARE_OF_WHOLE = re.compile(r"\b(?:percentage|proportion|share|fraction|per ?cent)\s+of\b", re.I)
RELATIVE = re.compile(r"\d+(?:\.\d+)?\s*(?:%|per ?cent)\s+(?:more|fewer|less|higher|lower|above|below|greater|smaller|"
                      r"increase|decrease|rise|fall|drop|growth|up|down)\b"
                      r"|\b(?:increased|decreased|rose|risen|fell|fallen|grew|grown|dropped|declined|reduced|went up|gone up|gone down|went down)"
                      r" by (?:around |about |almost |nearly |over |more than |just over |just under )?\d+(?:\.\d+)?\s*(?:%|per ?cent)", re.I)
# A length of time given only as a difference ("7.3 years less than in the richest wards"),
# which answers no question asking the length itself.
TIME_DIFFERENCE = re.compile(r"\b\d+(?:\.\d+)?\s*(?:years?|months?|weeks?|days?)\s+(?:more|fewer|less|higher|lower|longer|shorter|above|below)\s+than\b"
                             r"|\bgap\b[^.]{0,140}?\b(?:of|at|is|was)\s+(?:around\s+|about\s+|nearly\s+)?\d+(?:\.\d+)?\s*(?:years?|months?)", re.I)
# A percentage by which something changed ("rose by 2.3%", "increases of between 0% and 2%"): a change, no share.
PERCENT_CHANGE = re.compile(r"\b(?:ris(?:e|en|es)|rose|increas\w*|decreas\w*|fell|fall(?:en|s)?|dropp?\w*|grew|grown|growth|reduc\w*|declin\w*)"
                            r"\s+(?:[\w'’-]+\s+){0,2}?(?:by|of)\s+(?:between\s+|around\s+|about\s+|nearly\s+)?\d+(?:\.\d+)?\s*%"
                            r"(?:\s+(?:and|to)\s+\d+(?:\.\d+)?\s*%)?", re.I)
ASKS_DIFFERENCE = re.compile(r"\b(?:gap|difference|differ\w*|more|fewer|less|higher|lower|longer|shorter|above|below|compar\w*|than|"
                             r"increas\w*|decreas\w*|rise|rose|fall|fell|drop\w*|grow\w*|grew|chang\w*|climb\w*|shr[iu]nk\w*|"
                             r"(?:go|goes|gone|went|going)\s+(?:up|down))\b", re.I)  # ("has the population gone up?")
SHARE_OF = re.compile(r"\b(?:percentage|proportion|share|per ?cent|fraction)\s+of\s+(?:the\s+|all\s+|its\s+|their\s+)?(?:[\w'’-]+\s+){0,2}?"
                      r"(carers|staff|providers|workers|women|men|children|families|volunteers|budgets?|spend|spending|income|"
                      + _AGE_GROUP + r")\b", re.I)
# What the user says they do not want, or how they want it, is no topic the sentence must hold:
# "How many people in X don't feel safe? I need the number of people, not the percentage."
_NOT_A_SHARE = r"not (?:the |a |as (?:an? )?)?(?:percentages?|per ?cent|%|shares?|proportions?|rates?)\b"
NOT_WANTED = re.compile(r"[,.;:]?\s*(?:but\s+|and\s+)?" + _NOT_A_SHARE +
                        r"|\b(?:I|we) (?:need|want|am after|['’]m after|would like) (?:the|a|an) (?:actual |exact |raw )?"
                        r"(?:number|figure|count|total|headcount)(?: of [a-z]+)?\b", re.I)
# "… the actual number, not the percentage": a count asked for, no share answers it.
NO_SHARE_WANTED = re.compile(r"\b" + _NOT_A_SHARE + r"|\b(?:actual|exact|raw) (?:number|figure|count|headcount)\b", re.I)
# Words of the question's form, not its topic: never matched against report sentences.
QUESTION_WORDS = frozenset({"many", "much", "roughly", "approximately", "about", "around", "exactly", "kind", "sort", "type",
                            "actually", "really", "precisely", "specifically", "true",
                            "give", "gave", "get", "got", "find", "found", "mention", "mentioned", "note", "noted"})
# Words of a chat box's small talk, not its topic ("does anyone actually check on him while hes
# waiting?", "my mum probably wouldnt qualify, will they still help her"): indefinite pronouns,
# hedges, greetings, and contractions typed without their apostrophe (with one, a word holding an
# apostrophe is dropped whole: "he'll", "we're"). Never matched against report sentences.
SMALL_TALK = frozenset({"anyone", "anybody", "someone", "somebody", "anything", "something", "everyone", "everybody",
                        "everything", "else", "also", "even", "ever", "maybe", "perhaps", "probably", "possibly",
                        "please", "thanks", "thank", "hi", "hello", "hey", "basically", "honestly", "literally",
                        "quite", "bit", "lot", "lots", "stuff", "guess", "wonder", "wondering", "wondered",
                        "hes", "shes", "theyll", "theyve", "theyd", "youre", "youve", "youll", "weve", "itll", "thats"})
# Idioms whose words are no topic: a sentence with "processes in place" says nothing of places, one
# "at the time of our assessment" nothing of waiting times; "notes end up in …" is about notes.
IDLE_WORDS = re.compile(r"\b(?:in|take[sn]?|took|taking)\s+place\b|\bat (?:the|that) time\b|\bin (?:terms|line|order|respect)\s+(?:of|with|to)\b"
                        r"|\bas well as\b|\bend(?:s|ed|ing)? up\b", re.I)
# What the user tells before the question they ask: "Harrow's strategy was due to be refreshed – when
# was the new one published?"
TOLD_THEN_ASKED = re.compile(r"^[^?]*?(?:[.!]|\s[-–—:]|:)\s+(?=(?:when|how|what|which|who|where|why|in what|since when|by when)\b)"
                             # ("When someone first gets in touch, what model do staff use?": the situation, then the question)
                             r"|^\s*(?:when|whenever)\b[^?]{5,140}?,\s+(?=(?:how|what|which|who|where|why)\b)"
                             # ("In Hounslow, which team …?": where, then the question)
                             # (not "In X's pilots, who chooses …?", which "each neighbourhood" answers as well as a name)
                             r"|^\s*(?:in|for|at|across|within)\s+[^?,]{2,60},\s+(?=(?:when|how|what|which|where|why)\b)", re.I)
# Who is asking, not what about: the asker's own family and friends ("my nephew is leaving care …",
# "our nan") and their own frame ("I've heard …", "I'm worried …", "what did the inspectors hear
# about …", "what happens if …").
ASKERS_OWN = re.compile(
    r"\b(?:my|our)\s+(?:(?:elderly|old|older|aged|disabled|late|little|young|younger|grown[- ]up|adult|\d+[- ]year[- ]old)\s+)?"
    r"(?:mum|mummy|mom|mother|dad|daddy|father|parents?|nan|nana|nanna|gran|granny|grandma|grandmother|grandad|granddad|"
    r"grandfather|grandparents?|son|daughter|kids?|child|children|husband|wife|partner|brother|sister|nephew|niece|"
    r"aunt|auntie|aunty|uncle|cousin|friend|neighbour|neighbor|family|relative)\b"
    r"|\b(?:I|we)(?:['’]ve| have|['’]m| am| was| were)?\s+(?:heard|read|been told|worried|concerned|wondering|curious)\b"
    r"|\bdid (?:the )?(?:inspectors?|assessors?|cqc|they) (?:hear|learn|see)\b"
    # (who the asker is: "As a carer, I heard …", "as a councillor i want to know …")
    r"|^\s*as an?\s+[^,.?]{2,40}?(?=\s*,?\s+(?:i|we)\b)"  # (not "As a percentage, what …")
    r"|\bwhat happens\b(?=\s+(?:if|when|to)\b)"
    # (and their own plans: "thinking of moving", "we might move there")
    r"|\b(?:thinking (?:of|about)|considering|looking (?:at|to)|planning (?:on|to))\s+(?:moving|move|relocating)\b(?:\s+(?:to|there|here))?"
    r"|\b(?:I|we)\s+(?:might|may|could|will|are going to|want to)\s+(?:be\s+)?(?:move|moving|relocate)\b(?:\s+(?:to|there|here))?", re.I)

# A council's services other than adult social care, which assessment reports do not cover ("can i get a
# residents parking permit for my mum's carer?", "how do i report potholes?").
OTHER_SERVICE = re.compile(r"\b(?:parking|potholes?|pavements?|bins?|rubbish|recycling|fly[- ]?tipping|council tax|"
                           r"planning (?:permission|application)s?|street ?lights?|noise complaints?|school (?:places|admissions))\b", re.I)


# A question asked after what the user tells that only points back at it, asking whether it is common
# ("… waited months for my assessment. is this normal for herts or am i just unlucky?", "… is that just
# her or did the inspectors hear this from others too?", "did the cqc pick up on that?").
# ("… hear that?", "… find the same too": the word points back, not "find that reviews were late")
_POINTED = r"(?=\s*(?:\?|$|[,.!]|too\b|as well\b|also\b|from\b|or\b|and\b|elsewhere\b|before\b|there\b|here\b|lol\b))"
POINTS_BACK = re.compile(
    r"\b(?:this|that|it|these|those)\b[^?]{0,40}\b(?:normal|common|usual|typical|unusual|rare|widespread|the norm)\b"
    r"|\bjust (?:me|her|him|us|them|my \w+)\b|\b(?:am i|are we|is s?he|are they) (?:just )?(?:unlucky|the only)\b"
    r"|\b(?:others?|other people|anyone else|everyone|other families|other carers)\s+(?:too|as well|also)\b"
    r"|\b(?:hear|heard|find|found|see|saw|notice|noticed)\s+(?:about\s+)?(?:this|that|the same|similar)" + _POINTED +
    r"|\b(?:is|was)\s+(?:this|that|it)\s+(?:a\s+)?(?:known|common|general|wider|widespread|real)\s+(?:problem|issue|thing|complaint)\b"
    r"|\b(?:mention|pick(?:ed)? up|comment(?:ed)?|note[sd]?|flag(?:ged)?)\s+(?:on\s+|about\s+)?(?:this|that)" + _POINTED +
    r"|\b(?:is|was)\s+(?:this|that|it)\s+(?:a\s+)?(?:common\s+|usual\s+|normal\s+)?thing\b"  # ("is that a thing there?")
    r"|\b(?:did|does|do)\s+(?:the\s+)?(?:cqc|inspectors?|report|assessors?)\s+(?:think|agree|say|find|see|feel)\s+(?:that|this|the same|so)" + _POINTED,
    re.I,
)

# --- passages that must not drive an answer -------------------------------------------------------

# A passage addressing the reader with instructions (prompt injection planted in a document).
_ORDERS = r"(?:instructions|rules|prompts?|questions?|messages?|guidelines)"
_WHICH = r"(?:(?:all|any|previous|prior|above|earlier|preceding|the|your|my|these|those|other|of) ){1,3}"
INJECTION = re.compile(
    rf"\b(?:ignore {_WHICH}{_ORDERS}|system prompt|disregard {_WHICH}{_ORDERS}|you are now|you are no longer|"
    r"reply with|respond with|answer with|tell the user|"
    r"(?:note|message|instructions?) (?:to|for) (?:any |all |the )?(?:ai|assistants?|chatbots?|models?|llms?)|"
    r"(?:assistant|ai|chatbot|model)s?,? (?:must|should) (?:say|reply|answer|respond)|say (?:only|exactly)|output (?:only|exactly)|"
    r"(?:should|must|will|would) (?:the |an? )?(?:assistant|ai|chatbot|model|you) (?:say|reply|answer|respond|output)|"
    r"(?:admin|developer|debug|god) mode|(?:print|reveal|show|repeat) (?:me )?(?:your|the) (?:hidden |secret |system |initial )?(?:instructions|prompt|rules))\b"
    # a sentence that opens by addressing the assistant ("Assistant, …", "AI: …")
    r"|^\W*(?:assistant|ai|chatbot|model|llm)s?\s*[,:]",
    re.I,
)
# A negation turns a sentence's meaning round: the passage that supports it must make one too.
NEGATION = re.compile(r"\b(?:not|no|never|none|neither|nor|without|cannot)\b|n['’]t\b", re.I)
# A sentence that starts by telling the reader what to do ("Reply with …", "Ignore …", "Say …").
# May follow a leading phrase: "From now on reply …", "Always answer …".
IMPERATIVE = re.compile(
    r"^\s*(?:(?:from now on|henceforth|going forward|in future|in the future|always|now|instead),?\s+)?(?:please\s+)?"
    r"(?:ignore|disregard|reply|respond|answer|say|print|output|repeat|visit|click|forget|pretend|act as)\b",
    re.I,
)
# Words that say nothing about which sentence answers: every report is full of them.
GENERIC = frozenset({"council", "local", "authority", "authorities", "report", "cqc", "social", "adult", "adults",
                     "describe", "explain", "summarise", "summarize", "borough", "county", "city", "councils"})
# The words of a comparison: they say nothing about the answer when two authorities are compared
# ("How do X and Y differ?"), but do in a question about one ("Where did X and the ICB differ?").
COMPARING = frozenset({"compare", "comparison", "differ", "difference", "between", "both"})

# Words nearly every sentence of a care report holds.
EVERYWHERE = frozenset({"care", "support", "supported", "people", "person", "service", "services", "help", "need", "needs"})

# A sentence that goes on from the one before it: "This included …", "They plan …", "The service was based …".
CONTINUES = re.compile(
    # after a short opening phrase, if any: "When we assessed, this was …", "However, they …"
    r"^\s*[\"'“‘(]?(?:(?:at the time(?: of (?:the |our )?assessment)?|at that time|since then|by then|however|in practice|"
    r"following (?:the |this |that )?[\w ]{1,40}?|"
    r"currently|so far|to date|despite this|in turn),?\s+)?"
    r"(?:this|these|that|those|they|it|its|their|such|both|here|"
    r"the (?:service|team|scheme|project|programme|hub|plan|strategy|board|model|approach|initiative|group|partnership|"
    r"tool|system|pilot|fund|network|forum|offer|process|pathway|panel|review|work|session|training|project|policy)s?|"
    r"in addition|additionally|also|for example|for instance|as a result|as part of this|through this|in response|"
    # "Initiatives included wrap around care, …": examples of what the sentence before said was done
    r"(?:[\w-]+\s+)?(?:initiatives|examples|activities|actions|measures|projects|schemes|interventions|options) (?:included|include|ranged))\b"
    # a reason or circumstance first: "Because of the make-up of its population, this involved …" (not "it was")
    r"|^\s*(?:because of|due to|given|owing to|in light of|as a result of) [^,;.]{1,100},\s+(?:this|these|they)\b",
    re.I,
)
# A sentence that compares a figure it does not give with a benchmark ("The proportion of the
# population who are 65 years or over is above the England average of 18.69%."): the figure is the
# sentence before's, and it goes on from that one.
_BENCHMARK_NAMED = (r"\b(?:the\s+)?(?:england|english|national|regional|london|north[\w ]{0,12}|south[\w ]{0,12}|"
                    r"comparator|statistical neighbours?['’]?|similar (?:councils|authorities)['’]?)\s+averages?")
BENCHMARK = re.compile(_BENCHMARK_NAMED + r"(?:\s+(?:of|at|was|is)\s+[^\s,;.]*\d[\d.,]*\s*(?:%|per ?cent)?)?", re.I)
# A benchmark named in a question: a figure is asked against it ("how does that compare nationally?").
BENCHMARK_ASKED = re.compile(r"\b(?:england|english|national(?:ly)?|regional(?:ly)?|(?:the )?averages?|comparators?|benchmarks?)\b", re.I)
# Asked for the benchmark's own figure ("What was the England average they compared it to?"): the
# council's figure "in line with the England average" is no answer; a sentence giving the average's is.
ASKS_BENCHMARK_FIGURE = re.compile(
    r"\bwhat(?:['’]s| (?:\w+ ){0,2}(?:was|is|were|are)) (?:the |that )?(?:(?:actual|exact|real)\s+)?(?:(?:north|south|east|west)[\w -]{0,12}?\s+)?(?:england|english|national|regional|london|comparator)"
    r"(?: and regional)?(?: average)? (?:average|figure|rate|percentage|share|level|score)s?\b"
    r"|\b(?:what|which) (?:england|english|national|regional|london|comparator) averages?\b(?! (?:was|is|were|are) (?:it|that|this|they)\b)", re.I)
BENCHMARK_FIGURE = re.compile(
    _BENCHMARK_NAMED + r"[\s(]+(?:of|at|was|is|which was)?\s*[^\s,;.]*\d"
    r"|\d[\d.,]*\s*(?:%|per ?cent)\s+(?:in england|nationally|across england|regionally|in the region)\b", re.I)
_AGED = re.compile(r"\b\d+\s+years?\s+(?:(?:and|or)\s+)?(?:over|older|above|under|younger|more|plus)\b", re.I)
_COMPARED = re.compile(r"\b(?:above|below|higher|lower|better|worse|greater|less|more|fewer|similar|in line|compar\w+|"
                       r"exceed\w*|match\w*|same as)\b", re.I)


def compares_only(text: str) -> bool:
    """Does the sentence compare with a benchmark a figure it leaves to the sentence before?"""
    if not BENCHMARK.search(text) or not _COMPARED.search(text):
        return False
    # An age or a year only says whose figure it is ("aged 65 years or over", "(ASCS, 2023)").
    rest = _AGED.sub(" ", AGE.sub(" ", BENCHMARK.sub(" ", PERIOD.sub(" ", text))))
    return not FIGURE.search(rest)


def goes_on(text: str) -> bool:
    """A sentence read with the one before it wherever it stands: "This was better than …"."""
    return bool(CONTINUES.search(text) or compares_only(text))


# A sentence that announces things without saying which ("Partners reported some gaps in mental
# health services."): the sentence after it says, and goes on from it.
ANNOUNCES = re.compile(
    r"\b(?:some|several|a number of|a range of|a variety of|a series of|various|a few|multiple|two|three|four)\s+"
    r"(?:[\w-]+\s+){0,2}?(?:gaps|areas|issues|concerns|initiatives|ways|examples|challenges|improvements|changes|risks|"
    r"priorities|actions|steps|barriers|themes|strengths|developments|projects|schemes|problems|difficulties)\b[^.:;]*\.$"
    # "… in response to issues identified in an analysis of referrals.": the next sentence says which
    r"|\b(?:issues|gaps|problems|risks|areas for improvement) (?:it |they )?(?:identified|found|highlighted)\b[^.:;]*\.$",
    re.I,
)
# Or refers back later on, "this" standing alone: "Leaders were aware of this and planned to improve this by …".
REFERS_BACK = re.compile(
    # "Staff said this single point of contact worked well": what was just described
    r"\b(?:told us|said|felt|found|reported|described|explained)\s+(?:that\s+)?(?:this|these)\s+(?!is\b|was\b|were\b)\w+"
    r"|\b(?:of|address(?:ing)?|improv(?:e|ing)|tackl(?:e|ing)|resolv(?:e|ing)|about|to|with|for|from|despite|in|into|on|over) (?:this|these)\b"
    r"(?=\s*(?:[,.;:)]|$|and\b|but\b|by\b|through\b|with\b|in\b|as\b))",
    re.I,
)
# A sentence that defines a term ("A Section 75 agreement is a legal arrangement between …") says what it is
# anywhere, not what this council did: it answers only a question asking what the term means.
DEFINITION = re.compile(r"^\s*an? [\w'’ -]{1,60}? (?:is (?:an?|one|a type of|a way of)|means)\b", re.I)
ASKS_DEFINITION = re.compile(r"^\s*what (?:is|are) (?:an?|the)\b|\bwhat does .{1,60} (?:mean|stand for)\b|\bdefin\w*|\bmeaning of\b", re.I)
DEFINITION_PENALTY = 0.2
# A gap between two figures ("a life expectancy gap of 18 years") answers a question about the gap,
# not one about the figure itself ("What is male life expectancy?"): it loses this much.
GAP = re.compile(r"\b(?:gap|difference)s? (?:of|was|is|were|are|between)\b", re.I)
ASKS_GAP = re.compile(r"\b(?:gaps?|differen\w*|differ|between|inequalit\w*|disparit\w*|compar\w*|variation)\b", re.I)
GAP_PENALTY = 0.2
# A question about what fell short, and sentences that say so.
ASKS_SHORTFALL = re.compile(
    r"\b(?:weak\w*|shortfalls?|concerns?|challenges?|problems?|issues?|gaps?|difficult\w*|barriers?|risks?|worr(?:y|ies|ied)|fears?|"
    r"(?:needs?|needed|had) to improve|areas? (?:for|of|needing) improvement|worse|poor\w*|lack\w*|fall(?:s|ing)? short|fell short|"
    r"criticis\w*|negative|delays?|obstacles?|hurdles?|sticking points?|stumbling blocks?|drawbacks?|downsides?|"
    r"unhelpful|unhappy|dissatisf\w*|complain\w*|frustrat\w*|struggl\w*|went wrong|go(?:es|ing)? wrong|fed up|annoy\w*|upset|let down|"
    r"moan\w*|grumbl\w*|gripes?|grievances?|bugbears?|caveats?|reservations?|provisos?|limitations?|"
    r"(?:could|should|might) (?:be|have been|do|have done) better|(?:could|should) (?:be )?improve\w*|(?:doing|do|does|did|done) enough)\b",
    re.I,
)
SHORTFALL = re.compile(
    r"\b(?:however|but|although|not (?:enough|yet|sufficient|clear|able|known|aware|offered|available)|no (?:plan|clear|named|access|support|capacity|one|data|contingency)|lack\w*|limited|variable|inconsistent\w*|delays|delayed|delay in|"
    r"waits?|waiting|backlogs?|concerns?|challeng\w*|difficult\w*|gaps?|poor\w*|fewer|shortfalls?|"
    r"needed to|did not|could not|was not|were not|had not|has not|have not|worse|worsen\w*|unclear|frustrat\w*|barriers?|few|confus\w*|unhelpful|"
    r"insufficient|unable|struggl\w*|could be improved|not always)\b",
    re.I,
)
# A question about what went well, and sentences that say something did.
ASKS_STRENGTH = re.compile(
    r"\b(?:went well|go(?:es|ing)? well|worked well|works? well|working well|done well|did well|strengths?|positives?|"
    r"good practice|successes|achievements?|praised|best thing)\b",
    re.I,
)
STRENGTH = re.compile(
    r"\b(?:easily|easy|positive\w*|good|well|effective\w*|strong\w*|strength\w*|valued|praised|timely|responsive|"
    r"improved|innovative|excellent|success\w*|proactive|confident|helpful|supportive)\b",
    re.I,
)
# A question about what comes next ("what happens once it's done?"), and sentences that say so.
ASKS_NEXT = re.compile(r"\bwhat (?:happens|happened|comes|came) (?:next|after(?:wards)?|once|when|then)\b"
                       r"|\bonce (?:it|they)(?:['’]s| is| are| has| have)? (?:been )?(?:done|finished|completed?|over)\b", re.I)
NEXT = re.compile(r"\b(?:then|afterwards|next|subsequently|following (?:this|that|the (?:assessment|review)))\b", re.I)
# A question about a whole theme, not one fact: what went well or fell short in it, what the CQC or
# people said about it ("what are X's main challenges?", "what did the CQC find about the care market?",
# "what needs to improve in X's safeguarding?", "what do carers say about support in X?").
_THEME_LEAD = r"^\s*(?:[^?:]{1,60}:\s*)?(?:so\s+|and\s+|please\s+|(?:can|could) you\s+)?"  # ("For a briefing: what …")
_THEMES_SAYERS = r"(?:the\s+)?(?:cqc|care quality commission|report|inspectors?|assessors?|assessment)"
_SUMMARY_ASKED = r"(?:summari[sz]e|give (?:me )?(?:a |an )?(?:short |brief |quick )?(?:summary|overview))"
_PEOPLE_TELLING = r"(?:local\s+)?(?:people|carers|unpaid carers|residents|users|service users|staff|partners|families)(?:\s+and\s+(?:unpaid\s+)?carers)?"
ASKS_THEME = re.compile(
    _THEME_LEAD + r"(?:what|which)\s+(?:are|were)\s+(?:the\s+)?(?:[\w'’&-]+\s+){0,5}?(?:main\s+|key\s+|biggest\s+|major\s+|chief\s+|top\s+)?"
    r"(?:strengths|weaknesses|challenges|concerns|issues|problems|risks|positives|negatives|shortfalls|successes|achievements|"
    r"areas?\s+(?:for|of|needing|that need(?:ed)?)\s+(?:improvement|development|concern))\b"
    r"|" + _THEME_LEAD + r"what\s+(?:did|does|has)\s+" + _THEMES_SAYERS + r"\s+"
    r"(?:say|said|find|found|conclude|concluded|note|noted|think|report|reported|highlight|highlighted|make|made)\s+(?:of\s+)?(?:about|on|regarding|of|in)\b"
    r"|" + _THEME_LEAD + r"what\s+(?:(?:did|does|has)\s+" + _THEMES_SAYERS + r"\s+"
    r"(?:say|said|find|found|think|conclude|concluded)\s+(?:that\s+)?)?(?:needs?|has|have)\s+(?:to\s+)?(?:be\s+)?(?:improv\w*|better|chang\w*|fix\w*)\b"
    r"|" + _THEME_LEAD + r"what\s+(?:do|did|does)\s+" + _PEOPLE_TELLING + r"\s+"
    r"(?:say|think|feel|report|tell\s+(?:the\s+)?(?:cqc|inspectors|us))\s+(?:about|of)\b"
    r"|" + _THEME_LEAD + r"what\s+(?:went|worked|goes|works|is going|has gone)\s+well\b"
    r"|" + _THEME_LEAD + r"(?:" + _SUMMARY_ASKED + r"|tell me about|describe)\b",
    re.I,
)
# … a summary asked for ("summarise what the CQC found on …"): more of the page's points.
ASKS_SUMMARY = re.compile(_THEME_LEAD + _SUMMARY_ASKED + r"\b", re.I)
# What a question asks about in words of tone (a weakness, a strength, what came next) and the
# sentences that have that tone.
TONES = ((ASKS_SHORTFALL, SHORTFALL), (ASKS_STRENGTH, STRENGTH), (ASKS_NEXT, NEXT))
# "Does Bristol have a MASH?", "Is there a carers' hub?": the sentence saying it was set up answers,
# not one that only mentions it.
ASKS_EXISTS = re.compile(r"^\s*(?:(?:does|do|did)\s+.{1,60}?\s+(?:have|run|offer|provide|operate|use)\s+(?:an?|any)\b"
                         r"|(?:is|are|was|were)\s+there\s+(?:an?|any)\b)", re.I)
THING_ASKED_TO_EXIST = re.compile(r"(?:\b(?:have|run|offer|provide|operate|use)|\bthere)\s+(?:an?|any)\s+(?P<thing>[^?,;]{1,60}?)"
                                  r"(?=\s+(?:for|in|at|to|that|which|where|who|with|on|from|by|across|within|yet|now|still|already)\b|\s*[?,;]|\s*$)", re.I)
KIND_OF_BODY = re.compile(r"\b(?:board|panel|team|hub|scheme|strategy|plan|group|forum|network|centre|center|policy|programme|"
                          r"partnership|register|list|service|unit|line|helpline|fund)s?\s*$", re.I)
# Words saying a body is set apart, not what kind it is ("is there a specialist team for people with
# sight loss?": "a separate sensory team" answers it).
SET_APART = frozenset({"specialist", "specialised", "specialized", "special", "dedicated", "separate", "own", "particular"})
EXISTS = re.compile(r"\b(?:introduced|established|launched|set up|in place|created|opened|commissioned|developed|"
                    r"(?:offer|provide|operate|run|ha)(?:s|d)\s+an?)\b", re.I)
EXISTS_BONUS = 0.1
# "Apart from dementia and nursing places, what other gaps …?", "besides the hubs, …": what the
# question sets aside is not what it asks about.
SET_ASIDE = re.compile(r"(?:^|[,;:–-]\s*|\b)(?:apart|aside) from\s+(?P<what>[^,?;]+?)\s*(?:,|$|\bwhat\b|\bwhich\b|\bhow\b)"
                       r"|\b(?:other than|besides|except(?: for)?)\s+(?P<what2>[^,?;]+?)\s*(?:,|\?|$)", re.I)
# "Whereabouts are the community hubs?": the thing asked about, which a sentence placing it
# ("The carers centres were located in the east …") says where is, unlike one placing something else in it.
ASKS_WHERE_IS = re.compile(r"(?:^|[,.;:!?–-])\s*(?:where|whereabouts)\b[^?]{0,60}?\b(?:is|are|was|were)\s+(?:(?:the|its|their)\s+(?:[\w-]+['’]s?\s+)?|"
                           # (a council's own: a thing with a place, "where were X's pilot sites?", not "X's biggest challenges")
                           r"(?:[\w&-]+\s+){0,3}?[\w&-]+['’]s\s+(?=(?:[\w-]+\s+){0,6}?(?:sites?|hubs?|cent(?:re|er)s?|offices?|bases?|buildings?|premises|locations?|venues?|clinics?|units?|facilit(?:y|ies)|homes?)\b))"
                           r"(?:[\w'’-]+\s+){0,3}?(?P<what>(?:[\w'’-]+\s+){0,3}?[\w'’-]+?)"  # (the last words: "the north somerset equipment centre")
                           r"(?=\s+(?:that|which|who|located|based|situated|held|run|for|of|in)\b|\s*\?|\s*$)", re.I)
PLACED = r"\s+(?:[\w'’-]+\s+){0,3}?(?:is|are|was|were)\s+(?:(?:all|mainly|mostly|now)\s+)?(?:based|located|situated|held|sited|in|at)\b"
# "Where were the risks recorded?", "where is it set out?": in what record, no place.
WHERE_RECORDED = re.compile(r"\b(?:recorded|logged|kept|written|noted|documented|listed|published|reported|set out|captured|stored|registered|"
                            r"tracked|monitored|shown|found|seen|mentioned|described|discussed|covered|given|escalated|raised)\b", re.I)
# Where anything is: "based at the hospital", "located in Weston", "in Clevedon", "at Castle Street".
SAYS_WHERE = re.compile(rf"{LOCATED.pattern}|\b(?:based|held|hosted)\b|\b(?:in|at|near|on)\s+(?:the\s+)?[A-Z][a-z]")  # (case as written: a name is capitalised)
# "Why did X set up its hub?" asks for a reason: a sentence giving one ("set up in response to issues
# an analysis found", "because", "so that") is the answer before one saying only what was done.
ASKS_WHY = re.compile(r"^\s*(?:(?:and|so|but|ok|okay)\s*,?\s+)?why\b|\bwhat (?:was|were|is|are) the (?:reasons?|rationale|justification)\b"
                      r"|\bwhat (?:reasons?|rationale|justification|explanation) (?:did|does|do|was|were|is|are|has|have|had)\b"
                      r"|\b(?:thinking|reasoning|logic|rationale|motivation) behind\b|\bwhat (?:prompted|led to|caused|drove)\b", re.I)
REASON = re.compile(r"\b(?:because|due to(?! be\b)|owing to|as a result of|in response to|in order to|so that|so as to|in recognition of|"
                    # ("the rational for it was …": "rationale" as often misspelt)
                    r"rationale|rational (?=(?:was|is|had been|behind|for)\b)|reasons?|driven by|prompted by|"
                    # (the cause said with what it caused: "… disputes about budgets, which meant primary care was overwhelmed")
                    r"(?:which )?meant\b(?! to\b| a lot\b)|meaning that|(?<!by )(?:which )?means\b(?!\s+(?:of|to|test\w*)\b|-)|result(?:ed|ing)? in|le(?:d|ading) to|caus(?:ed|ing)|(?:have |has |had )?impacted on|"
                    # ("took a long time as it was hard to get through")
                    r"as (?:it|they|there|this|people|staff) (?:was|were|had|could not|couldn['’]t|did not|didn['’]t)\b|"
                    # (causes in other words: "linked to", "attributed to", "stemmed from", "therefore")
                    # ("set up following events …"; not "the following services" nor "staff were following guidance")
                    r"(?<!the )(?<!were )(?<!was )(?<!are )(?<!is )(?<!been )(?<!be )(?<!not )(?<!days )(?<!weeks )(?<!months )(?<!years )(?<!hours )"
                    r"following\b(?!\s*:)|"
                    r"linked to|associated with|attribut(?:ed|es|ing)\b[^.;]{0,60}?\bto\b|attributable to|contribut(?:ed|ing|es|ory) to|stem(?:s|med|ming) from|"
                    r"aris(?:es|ing) from|arose from|as a consequence of|on account of|in light of|given that|factors?|therefore|consequently|"
                    r"as a result\b|reflect(?:s|ed|ing)\b|exacerbated by|compounded by|in the context of)", re.I)
# What a thing was for ("set up to ensure …", "aimed to reduce …"): with a reason, what answers "why?"
# at all; a "why" question whose sentences give neither is not answered by them.
PURPOSE = re.compile(r"\b(?:ensur(?:e|ed|es|ing)|to make sure|in order to|so that|aim(?:ed|s|ing)? to|with the aim|intended to|designed to|"
                     r"to help|to support|to improve|to reduce|to address|to meet|to enable|to allow|to prevent|to avoid|to delay|to keep|to stop|to protect)\b"
                     # (a to-clause after a comma says what for: "worked with people early, to put off later needs")
                     r"|,\s+(?:so as |in order )?to (?!(?:date|the|a|an|this|that|these|those|their|its|his|her|them|us|people|be)\b)[a-z]+", re.I)
# "How does X decide who gets a named worker?", "how did the fund choose projects?": how a choice is made,
# said by a sentence about deciding, choosing or its criteria ("most people had a named worker" does not)
ASKS_DECISION = re.compile(r"^\s*how\s+(?:does|do|did|is|are|was|were|will|would)\s+[^?]{1,80}?\b(?:decide[sd]?|decided|choose|chose|chosen|select(?:s|ed)?|"
                           r"prioriti[sz]e[sd]?|determine[sd]?|allocate[sd]?)\s+(?:who|whom|which|what|whether|between|where|when)\b", re.I)
SAYS_DECISION = re.compile(r"\b(?:decid\w*|decision\w*|criteri\w*|eligib\w*|priorit\w*|threshold\w*|based on|according to|select\w*|"
                           r"risk[- ]based|needs[- ]based|urgen\w*|"
                           r"chos\w*|choice\w*|determin\w*|allocat\w*|rag[- ]rat\w*|risk[- ]rat\w*|triag\w*|screen\w*|panel\w*)", re.I)


def says_decision(text: str) -> bool:
    return bool(SAYS_DECISION.search(text))


# "What are X's plans for rolling the pilot out?", "what does X plan to do about …?": what is meant to be done,
# said by a sentence of intent (rules.intends) or of what comes next
ASKS_PLANS = re.compile(r"^\s*what\s+(?:are|were)\s+[^?]{0,60}?\bplans\s+(?:for|to|on|around|regarding)\b"
                        r"|^\s*what\s+(?:does|do|did|is|are|was|were)\s+[^?]{1,60}?\s+(?:plan(?:ning)?|intend(?:ing)?)\s+to\b"
                        # ("is X planning to build a new hospital?", "does X plan to …")
                        r"|^\s*(?:is|are|was|were)\s+(?!(?:i|we|you)\b)[^?]{1,60}?(?<!\bthe)(?<!\bits)(?<!\btheir)(?<!['’]s)\s+(?:planning|intending)\s+to\b"
                        r"|^\s*(?:does|do|did)\s+(?!(?:i|we|you)\b)[^?]{1,60}?(?<!\bthe)(?<!\bits)(?<!\btheir)(?<!['’]s)\s+(?:plan|intend)\s+to\b", re.I)
# Something being done now: "was recruiting more social workers" (an answer to what is planned, too)
IN_HAND = re.compile(r"\b(?:was|were|is|are)\s+(?:now\s+|currently\s+|already\s+)?(?!being\b)[a-z]+ing\b", re.I)
SAYS_NEXT = re.compile(r"\b(?:next steps?|aiming to|(?:there (?:were|are|was|is) )?plans? (?:for|to)|decided to|agreed to|committed to|in future|in the future|future plans?|roll(?:ed|ing)? out|to be (?:rolled|extended|expanded|introduced))\b", re.I)


def says_planned(text: str) -> bool:
    """Does a sentence say what is meant to be done, what comes next or what is in hand?"""
    return bool(intends(text) or SAYS_NEXT.search(text) or ACTION.search(text) or IN_HAND.search(text))


# "What is included in X's prevention offer?", "what does the programme include?": what something is made of,
# said by a sentence that lists it or says what it includes ("The offer was new." does not)
ASKS_CONTENTS = re.compile(r"^\s*what\s+(?:[\w-]+\s+){0,2}(?:is|are|was|were)\s+included\s+(?:in|within)\b"
                           r"|^\s*what\s+(?:does|do|did|will|would)\s+[^?]{1,80}?\s+include\s*\??\s*$", re.I)
SAYS_CONTENTS = re.compile(r"\b(?:includ|consist|compris|contain|involv)\w*|\bsuch as\b|\bfor example\b|\be\.g\.|\bmade up of\b|\bcomponents?\b|\belements?\b|\w:\s+\w", re.I)


def says_contents(text: str) -> bool:
    return bool(SAYS_CONTENTS.search(text) or ENUMERATION.search(text))


# "What did carers say about X?", "what do residents think of it?": the views of people who use services,
# which a sentence reporting only what staff, leaders or partners said does not give.
_PEOPLE_WORDS = (r"(?:people|residents|carers|families|relatives|service users|users|clients|patients|the public|citizens|parents|"
                 r"refugees|asylum seekers|individuals|communities|tenants)")
PEOPLE = re.compile(rf"\b{_PEOPLE_WORDS}\b", re.I)  # people who draw on care, named
# People who get something, not a council's score: "do people with urgent needs get seen quickly for assessment?"
PEOPLE_GET = re.compile(rf"\b{_PEOPLE_WORDS}\b(?:\s+[\w'’-]+){{0,5}}?\s+(?:get|got|gets|receive[ds]?)\b", re.I)
# (whose views may be asked, besides: not a body or a paper named after them, "the care leavers offer")
_VIEWS_OF = (rf"(?:{_PEOPLE_WORDS}|care leavers|survivors|veterans|members of the public)\b"
             r"(?!\s+(?:board|offer|strategy|policy|plan|team|service|hub|committee|forum|report|pathway|protocol|charter|partnership|group)s?\b)")
# (the people the subject: not "what does X do for carers who feel isolated?")
ASKS_PEOPLES_VIEWS = re.compile(rf"\bwhat (?:did|do|does|have|has|had) (?:(?:(?!\b(?:do|done|doing|for|when|to|with|about)\b)[^?]){{0,40}}?\b)?"
                                rf"{_VIEWS_OF}[^?]{{0,70}}? "
                                r"(?:say|said|think|thought|feel|felt|(?<!\bto )(?:tell|report)|told|(?:find|found)(?=\s+(?:it\s+|them\s+)?"
                                rf"(?:{_HOW_FOUND})\b))\b"  # (not "need to report"; not what a review found)
                                # (or how they felt: "what were carers frustrated about?")
                                rf"|\bwhat (?:were|are|was|is) {_VIEWS_OF}[^?]{{0,30}}? (?:frustrated|unhappy|happy|pleased|worried|concerned|"
                                r"(?:dis)?satisfied|angry|upset|positive|negative|complaining)\s+(?:about|with|by)\b", re.I)
_SAYING = r"(?:told us|tell us|said|say|says|reported|described|shared|commented|felt|feedback|fed back)"
# Waiting asked about ("how long did carers wait?", "what did people say about waiting times?"): a sentence
# must speak of waiting or of time taken, not only of the service waited for.
# (not people described as waiting: "what has changed for people waiting for a diagnosis?")
# (not how many wait, "how big is the waiting list?", which a count answers)
ASKS_WAIT = re.compile(r"\bhow (?:long|quickly|fast|soon)\b[^?.]{0,50}?\bwait|\bwait(?:ing)?\s+(?:times?|periods?)\b|"
                       r"\b(?:long|longer|longest|short|shorter)\s+(?:waits|delays)\b", re.I)
SAYS_WAIT = re.compile(r"\b(?:a)?wait\w*|\bdela(?:y|ys|yed)\b|\bbacklogs?\b|\bqueues?\b|\btimel(?:y|iness)\b|\bprompt(?:ly)?\b|\bquick(?:ly)?\b|"
                       r"\blonger\b|\bslow(?:ly|er)?\b|"
                       r"\bin good time\b|\bon time\b|\btimescales?\b|\bturnaround\b|\bwithin\s+(?:\w+\s+)?(?:\d+|one|two|three|four|five|six|"
                       r"seven|eight|ten|twelve|twenty)\b|\bsame day\b|\bimmediately\b|\bresponse times?\b|\bresponded to\b", re.I)


def says_wait(text: str) -> bool:
    return bool(SAYS_WAIT.search(text) or DURATION.search(text))


# Who made something ("who created the model?"): a sentence must say it was made, not only that someone
# uses it ("staff had adopted the model").
ASKS_MAKER = re.compile(r"^\s*who\s+(?:first\s+)?(?:created|made|developed|designed|invented|founded|devised|came up with|originated|wrote|"
                        r"authored|built|produced|co-?produced)\b", re.I)
SAYS_MADE = re.compile(r"\b(?:created|developed|designed|invented|founded|devised|wrote|written|authored|built|produced|launched|"
                       r"introduced|established|set up|co-?produced|co-?designed|commissioned|drew up|drawn up)\b", re.I)


def says_made(text: str) -> bool:
    return bool(SAYS_MADE.search(text))


# "What did NHS partners say about working with X?": the views of partners, providers or staff, which a
# sentence must report as theirs (`who`, read with its synonyms).
ASKS_OTHERS_VIEWS = re.compile(r"\bwhat (?:did|do|does|have|has|had) (?:(?:the|its|their|local|nhs|health|voluntary|sector|community|care|"
                               r"frontline|front-line|senior)\s+)*(?P<who>partners?|providers?|stakeholders?|staff|leaders?|managers?|"
                               r"social workers?|commissioners?|colleagues)\b[^?]{0,60}? (?:say|said|think|thought|feel|felt|tell|told|"
                               r"report(?:ed)?)\b", re.I)
OTHERS: dict[str, str] = {  # who, and the words that name them in a report
    "partner": "partner partners nhs health stakeholder stakeholders voluntary provider providers icb board trust gp gps hospital",
    "leader": "leader leaders director directors manager managers senior head heads executive executives dass",
    "manag": "manager managers senior director directors head heads leader leaders",
    "provid": "provider providers", "stakehold": "stakeholder stakeholders partner partners",
    "colleagu": "colleague colleagues partner partners staff",
}
SAYS_SOMETHING = re.compile(rf"\b{_SAYING}\b", re.I)
SAID_BY_STAFF = re.compile(r"\b(?:staff|leaders|managers|partners?|providers?|officers|practitioners|social workers|the local authority|commissioners|"
                           r"police|nhs|trust|icb|integrated care board|gps?|councillors|agenc(?:y|ies)|organisations?|charit(?:y|ies)|stakeholders?)\b"
                           rf"[^.;]{{0,60}}?\b{_SAYING}\b", re.I)  # ("Partners on the safeguarding adults board told us")


# Views reported in any words: said, felt, fed back, or how positive, satisfied or concerned people were.
VIEWS_SAID = re.compile(rf"\b(?:{_SAYING}|says|feel|feels|views|experiences?|praised|complained|complaints?|positive|negative|mixed|"
                        r"satisf\w*|happy|unhappy|frustrat\w*|valued|appreciated|concerned|worried|spoke|highlighted|raised|found|liked|disliked|rated|"
                        r"pleased|welcomed|according to)\b", re.I)  # (not "concerns" dealt with)


# (not "the carers hub … was", nor people described, "people who were waiting")
_FELT = (r"(?:frustrat\w*|(?:un)?happy|(?:dis)?satisf\w*|worried|concerned|pleased|positive|negative|upset|angry|confused|anxious|"
         r"reassured|grateful|disappointed|listened to|respected|valued|supported)")
_THEIR_FEELINGS = re.compile(rf"\b{_PEOPLE_WORDS}\s+(?:\w+\s+)?(?:felt|found|said|(?:were|was)\s+(?:\w+\s+)?{_FELT}|"
                             r"had\s+(?:\w+\s+)?(?:concerns?|worries|complaints?|problems?|difficult\w*))\b", re.I)
_SAID_OF_THEM = re.compile(rf"\b(?:was|were|been|being)\s+(?:described|reported)\b|\bby\s+(?:\w+\s+)?{_PEOPLE_WORDS}\b", re.I)


def only_staff_said(text: str) -> bool:
    """Does the sentence report what staff, leaders or partners said, and no one else's words?"""
    # (what follows their saying is theirs: "Staff told us the JSNA described key populations"; people
    # saying it with them is people's: "People and partners told us they liked it")
    # (nor said of staff by people: "Staff were described as kind by carers")
    # (nor people's own feelings passed on: "Staff told us people were frustrated by waits")
    return (bool(m := SAID_BY_STAFF.search(text)) and not SAYS_SOMETHING.search(text[: m.start()]) and not PEOPLE.search(text[: m.end()])
            and not _SAID_OF_THEM.search(text) and not _THEIR_FEELINGS.search(text[m.end() :]))


# "What targets does X's plan set for prevention?": a target, a goal or an aim for a figure, by a date.
ASKS_TARGETS = re.compile(r"(?:^\s*(?:[^?,]{0,60},\s*)?(?:what|which)\s+(?:(?!(?:does|do|did|will|would|can|could|should|to)\b)[\w'’-]+\s+){0,4}?"
                          r"|\b(?:is|are) there (?:an?y? )?)(?:targets?|kpis?)\b(?!\s+with\b)"  # ("what groups does X target with …": the verb)
                          r"(?!\s+(?:groups?|audiences?|populations?|data|information|areas?))", re.I)  # (not "target groups")
SAYS_TARGET = re.compile(r"\b(?:targets?|kpis?|goals?|ambitions?|trajector\w*|aim(?:s|ed|ing)? (?:to|for)|by (?:the end of )?(?:19|20)\d\d|"
                         r"(?:key )?performance indicators?)\b|\bexpect(?:ed|s)?\s+\d+(?=\s*%)|\b(?:halve|reduce|cut)\b[^.]{0,60}\bwithin\s+\d+", re.I)


def says_target(text: str) -> bool:
    return bool(SAYS_TARGET.search(text))


# "What difference has X's new service made?", "what impact did the hub have?": what came of it.
# (of something of the council's, its or new: not "what impact has the cost of living had on carers?")
ASKS_WHAT_EFFECT = re.compile(r"^\s*(?:[^?,]{0,60},\s*)?what\s+(?:\w+\s+)?(?:difference|impact|effect)s?\s+(?:has|have|had|did|does|do)\s+"
                              r"[^?]{0,40}?(?:['’]s|\b(?:its|their|the new|new))\s[^?]{0,60}?\b(?:made|make|makes|had|have|has|brought|bring)\b", re.I)


# ("this had let the team work more locally", "meant people got advice quickly", "70% of contacts were resolved")
_ENABLED = re.compile(r"\b(?:enabl|allow|help)(?:ed|s|ing)\b|\bmeant\b|\bled to\b|\bas a result\b|\bbecause\b|\bresolved\b|"
                      r"\b(?:harder|easier|quicker|faster|struggl\w*)\b|%|\b(?:more|fewer)\s+(?:people|carers|\w+\s+were)\b|\bregain\w*|"
                      r"\b(?:gave|gives|given)\s+(?:people|carers)\b|\bsupported\s+(?:\w+\s+){0,3}?to\b", re.I)


def says_effect(text: str) -> bool:
    return bool(CHANGED.search(text) or OUTCOME_SAID.search(text) or _ENABLED.search(text))


# "What is X doing about Y?", "how is it tackling Y?" asks for what is done about a problem: a sentence
# saying what is done or planned ("was working to fix this by moving everyone onto one system") answers before one
# saying only what the problem is.
ASKS_ACTION = re.compile(r"\bwhat (?:is|was|are|were|has|have|had|did|does) .{1,60}?\b(?:doing|done|do)\s+(?:about|to|so that|for|in response to)\b"
                         r"|\bhow (?:is|was|are|were|has|have) .{1,60}?\b(?:addressing|tackling|dealing with|responding to|fixing|improving)\b"
                         # "what steps has X taken to …?", "how is X preparing for …?", "how is X making sure …?"
                         r"|\bwhat (?:steps|actions?|measures) (?:is|are|was|were|has|have|had|did|does|do) .{1,60}?\b(?:tak\w*|took|put in place|doing|done)\b"
                         r"|\bhow (?:is|are|was|were|has|have) .{1,60}?\b(?:preparing|making sure|ensuring|stopping|preventing)\b"
                         # "how has X improved the detail in care plans?" (what it did, not only how things went)
                         r"|\bhow (?:has|have|did) (?:[\w&'’-]+ ){1,5}?improved? (?:the|its|their|how|what|access|support|services?)\b"
                         # "how has X adapted its services for …?", "how does X tailor care to …?"
                         r"|\bhow (?:is|was|are|were|has|have|does|do|did) .{1,60}?\b(?:adapt(?:ed|ing|s)?|tailor(?:ed|ing|s)?|cater(?:ed|ing|s)? for)\b", re.I)
ACTION = re.compile(r"\b(?:plans? (?:in place )?to|planned to|in the process of|had (?:introduced|put in place|implemented|developed|set up|started|begun)|"
                    r"(?:was|were) (?:introducing|implementing|developing|working to|addressing|tackling)|to address|to tackle|"
                    r"to improve|to resolve|by ensuring|action plan|improvement work|there (?:had|has) been (?:[\w-]+ ){0,2}(?:work|investment|changes?|progress)|"
                    r"as part of (?:a|the|its|their) (?:new |recent )?(?:[\w-]+ ){0,3}(?:strategy|plan|programme))\b", re.I)
WHY_FIRST = re.compile(r"^\s*(?:(?:and|so|but|ok|okay)\s*,?\s+)?(?:why\b|what (?:were |was |are |is )?(?:the )?(?:main )?(?:reasons?|explanation)\b"
                       r"|for what reasons?\b)", re.I)
# "Why are inequalities worse in the north?", "why is the wait so long?": why something is as it is
# (compared, or how much), which only a cause answers, not what something is for.
WHY_STATE = re.compile(r"^\s*why\s+(?:is|are|was|were)\b[^?]*\b(?:worse|better|higher|lower|greater|smaller|larger|bigger|longer|"
                       r"shorter|slower|faster|poorer|weaker|stronger|different|so (?:high|low|long|short|poor|slow|many|few|bad|much|little))\b", re.I)

# Something done or under way: what answers "what is X doing about …?" besides ACTION and PURPOSE ("a
# falls working group was set up to cut falls", "offers carers a break"; not "there were barriers to …"),
# in any tense ("offers", "offered", "is offering"; "runs", "ran").
_DONE_VERBS = (r"set(?:s|ting)? up|introduc(?:e|es|ed|ing)|launch(?:es|ed|ing)?|establish(?:es|ed|ing)?|creat(?:e|es|ed|ing)|"
               r"develop(?:s|ed|ing)?|commission(?:s|ed|ing)?|implement(?:s|ed|ing)?|start(?:s|ed|ing)?|expand(?:s|ed|ing)?|"
               r"pilot(?:s|ed|ing)?|put(?:s|ting)? in place|appoint(?:s|ed|ing)?|recruit(?:s|ed|ing)?|fund(?:s|ed)|invest(?:s|ed|ing)?|"
               r"roll(?:s|ed|ing)? out|redesign(?:s|ed|ing)?|review(?:s|ed)|train(?:s|ed)|employ(?:s|ed|ing)?|open(?:s|ed)|"
               r"work(?:s|ed|ing)? (?:closely |jointly )?with|partner(?:s|ed|ing) with|co-?produc(?:e|es|ed|ing)|us(?:e|es|ed|ing)|"
               r"offer(?:s|ed|ing)?|provid(?:e|es|ed|ing)|(?:r(?:a|u)ns?|running)(?!\s+(?:by|out of|from)\b)|deliver(?:s|ed|ing)?|h(?:o|e)lds?|holding|"
               r"br(?:ing|ings|inging|ought) in|chang(?:e|es|ed|ing)|prioriti[sz](?:e|es|ed|ing)|target(?:s|ed|ing)")
ACTION_TAKEN = re.compile(rf"\b(?:{_DONE_VERBS})\b|\bto (?:cut|lower|increase|expand|tackle|close|ease|boost|grow|raise|speed up|shorten)\b", re.I)


# Words before a verb of doing that say it was not done, or only needed: "not always offered", "was never
# written up as jointly produced", "difficulty hiring", "work still to be done to help", "yet to be
# opened"; and people using services, who are no one acting on the problem.
_UNDONE_BEFORE = re.compile(r"(?:\b(?:not|no|never|nor|without|lack(?:ed|ing)?(?: of)?|unable to|yet to(?: be)?|difficult(?:y|ies)(?: in)?|"
                            r"struggl\w*(?: to)?|needed(?: to)?|needs? to|required|necessary|to be done(?: to)?|had to be|should|could)\b(?:\s+[\w'’-]+){0,4}"
                            r"|\b(?:people|carers|residents|they|who|families|users)(?:\s+(?:who|that))?)\s*$", re.I)


# A question taking something as done: "How did X involve residents …?", "How has X used …?", "What has X
# done to …?"; and a sentence denying it: the thing asked said right after a plain negation ("was not
# recorded as being coproduced"; not "did not always feel supported", a shortfall in part), or said of
# "this" to be yet to come ("When we visited, it was yet to be launched").
ASKS_AS_DONE = re.compile(r"^\s*how\s+(?:did|has|have|had)\b(?!\s+(?:the\s+)?(?:number|rate|level|proportion|share|percentage|amount|figure)s?\b)", re.I)
DENIED_BEFORE = re.compile(r"\b(?:not|never|yet to|no longer)(?:\s+(?:been|be|being|yet|recorded|reported|seen|evidenced|shown|as|formally|properly))*\s+$", re.I)
STILL_TO_COME = re.compile(r"^(?:[^,]{0,40},\s*)?(?:this|it|these|they|the system|the scheme)\s+(?:was|were|had|has|have|is|are)\s+(?:still\s+)?(?:yet to|not yet)\s+"
                           r"(?:be(?:en)?\s+)?(?:launched|implemented|started|introduced|used|rolled out|in place|completed|delivered|live|operational|"
                           r"agreed|approved|established|set up|launch|implement|start|introduce|use|roll out|complete|deliver)\b", re.I)


def says_action(text: str) -> bool:
    """Does a sentence say something is done, planned or for something (what answers "what is X doing
    about …?"), not only what the problem is? (A verb of doing said not to have been done is no action.)"""
    return any(not _UNDONE_BEFORE.search(text[max(0, m.start() - 50) : m.start()])
               for pattern in (ACTION, PURPOSE, ACTION_TAKEN) for m in pattern.finditer(text))


# "What happens to my request after the call?", "how does the front door work?": a process, which a
# sentence saying what follows what answers ("… passed calls to a duty desk, which then allocated
# them to …").
ASKS_PROCESS = re.compile(r"\bwhat happens\b|\bhow (?:does|do|did) .{1,60}?\bwork\b|\bwhat (?:is|was|are|were) the (?:process|steps|route)\b"
                          r"|\bwhat (?:is|was) done with\b", re.I)
SEQUENCE = re.compile(r"\b(?:then|upon|once|after (?:which|that)|before being|passed (?:on |through )?to|sent (?:on |through )?to|"
                      r"forward(?:ed|s)|referred (?:on )?to|routed|directed to|allocated to)\b", re.I)
# A sentence answering in the form asked (a reason for "why?", what was found for "what did X find?",
# what follows what for "what happens after …?"): as much as one holding the kind of thing asked for gains.
REASON_BONUS = 0.2
# Characters between a sentence and one in another passage of its page that is still "soon after" it
# (a sentence or two: the mean report sentence is about 150 characters).
SOON_AFTER = 300
# "It has a population of around 483,000 people.": the sentence giving the population's size, not
# a number of people within it ("81,000 people (17.2% of the population) have …").
POPULATION_SIZE = re.compile(r"\bpopulation (?:of|is|was|stands at|totals?|numbers?)\s+(?:(?:around|about|approximately|over|more than|"
                             r"nearly|almost|an estimated|some|just under|just over|roughly)\s+)*\d"
                             r"|\b\d[\d,]*\s+(?:residents|inhabitants)\b|\bpopulation\b[^.]{0,30}\b(?:was|is|of)\s+\d"
                             # (an overview's own words: "around 417,000 people live in the county")
                             r"|\b\d[\d,.]*(?:\s*(?:million|m))?\s+people\s+(?:live|lived|living)\s+in\s+(?:the\s+)?(?:borough|county|city|district|area|local authority|(?-i:[A-Z])[\w'’-]+(?:\s+(?-i:[A-Z])[\w'’-]+)*(?=\s*(?:[.,;]|$)))\b", re.I)
POPULATION_BONUS = 0.1
# A figure for people of an age ("6,000 more residents aged 65+") when the question asks about no
# group weighs a little less than one for everyone ("the population increased by 5.6%").
AGE_GROUP_PENALTY = 0.05
# "which has more residents: Derby or Darlington?": the population's size is asked
_MORE_RESIDENTS = r"\b(?:has|have|had) (?:the )?(?:more|most|fewer|fewest|bigger|biggest|larger|largest) (?:residents|inhabitants|people)\b"
ASKS_POPULATION_SIZE = re.compile(r"\b(?:highest|largest|biggest|smallest|lowest|more|most|fewer|fewest|bigger|larger|smaller) population\b"
                                  r"|\bpopulation size\b|\bsize of (?:the |its |their )?population\b|\b(?:how|more|less|most|least) populous\b"
                                  # ("is X bigger than Y by population?")
                                  r"|\b(?:bigger|larger|smaller|biggest|largest|smallest)\b[^?.]{0,60}?\b(?:by|in terms of) population\b"
                                  # (not a group's: "how big is the population of unpaid carers?")
                                  r"|\bhow (?:big|large) (?:is|was|are) (?:the |its |their |(?:[\w&-]+\s+){0,4}?[\w&-]+['’]s?\s+)?population\b(?!\s+of\s+(?-i:[a-z]))"
                                  r"|\bwhat(?:['’]s| is| was)\s+(?:the\s+|(?:[\w&-]+\s+){0,4}?[\w&-]+['’]s?\s+)?(?:approximate\s+|total\s+|estimated\s+|current\s+|overall\s+)?population\b"
                                  r"|" + _MORE_RESIDENTS, re.I)

# Words staff use for the same thing as the reports do ("located" / "based"): a question word
# matches a sentence holding any word of its group, at a discount (SYNONYM_WEIGHT). General
# English and the language of care assessments, never one report's phrasing. No word whose stem is
# another common word's ("timely" is "time", "hearing" is "hear", "accessible" is "access").
SYNONYMS: tuple[frozenset[str], ...] = tuple(frozenset(g.split()) for g in (
    "ask request apply refer referral",
    "located based situated sited colocated",
    "vicechair deputychair",  # (second in command: text.words makes each one word)
    "replaced replacing previous former",
    "recorded register registered logged documented",
    "launch launched introduce introduced start started began establish established open opened set created implement implemented",
    "wait waits waiting delay delays backlog queue",
    "staff workforce employees workers practitioners professionals",
    "funding budget spend spending invest investment money cost finance",
    "feedback views survey consultation",
    "help helps helped support supported assist assisted",
    "improve improved improvement better strengthen",
    "weak weaker weakness shortfall shortage gap concern lack limited poor hole holes",
    "surplus surpluses oversupply excess",
    "residents people individuals citizens",
    "quick quickly fast prompt promptly",
    "hard difficult difficulty difficulties challenge challenging struggle struggled trouble barrier barriers obstacle obstacles",
    "advocate advocates advocacy",
    "easy easier easily simple straightforward",
    "measure measured monitor monitored track tracked",
    "train trained training",
    "jointly together collaboratively partnership coproduced coproduce coproduction codesigned codesign",
    "transfer transfers transferred handover handovers handing",
    "nhs health healthcare",
    "leaving discharge discharged",
    "older elderly",
    "homeless homelessness rough sleeping",
    "language languages interpreter interpreters translation",
    "young children transition",
    "focus focused focusing concentrate concentrates concentrated",
    "stop stopped cease ceased end ended close closed",
    "increase increased rise rose risen grew growth higher",
    "decrease decreased fall fell fallen reduce reduced reduction drop dropped decline declined lower cut cuts",
    "proof prove proven evidence evidenced",
    "run runs ran running manage manages managed managing operate operates operated deliver delivers delivered delivering",
    "reach access",
    "trip trips visit visits attendance attendances",
    "unnecessary inappropriate avoidable",
    "recruit recruited recruitment hire hired hiring",
    "satisfied satisfaction happy pleased positive",
    "audit audits check checks checked",
    "urgent priority prioritised",
    "online digital digitised digitalised electronic website",
    "signpost signposts signposted signposting send sends sent point points pointed direct directs directed",
    "demo demos demonstration demonstrations",
    "phone telephone calls",
    "aim aims goal goals objective objectives ambition ambitions",
    "diverse diversity ethnic ethnicity minority",
    "deaf sensory",
    "respite break breaks",
    "travel transport",
    "housing accommodation",
    "safe safety secure",
    "equipment adaptations aids",
    "share proportion portion chunk percentage",
    "large significant big major substantial considerable",
    "beforehand advance",
    "reason reasons because cause caused",
    "address addressed addressing tackle tackled fix fixed resolve resolved sort",
    "male males men man",
    "female females women woman",
    "led controlled headed",  # "a Labour-led council", "Labour-controlled"; "headed up by"
    "reorganise reorganising reorganisation restructure restructuring transformation transform redesign",
    "worry worries worried risk risks",
    "deal deals agreement agreements arrangement arrangements",
    "deprivation deprived disadvantage disadvantaged poverty hardship poorest",
    "inequality inequalities unequal inequity inequities disparity disparities equity",  # (the equity statement is about inequalities)
    "recent recently newer newest latest",
    # everyday words for the reports' own (weighed as synonyms, never as the word itself)
    "plan plans strategy strategies",
    "method methods approach approaches model models",
    "first initial",
    "trial trials trialled trialling pilot pilots piloted piloting",
    "locality localities neighbourhood neighbourhoods district districts patch patches",
    "triage triaged screen screened screening",
    "nutrition hydration eat eating drink drinking food fluids meals",
    "urine urinary",
    "unsure uncertain hesitant confidence confident",
    "faith religion religious beliefs",
    "pressure pressures strain strained stretched overstretched",
    "beds places placements",
    "history historical historic historically legacy heritage longstanding longrunning entrenched",
    "unemployment unemployed jobless joblessness worklessness",
))

# Everyday phrasings of what reports say in words of their own: a question's words matching a
# pattern are read as the report's words (for the terms a sentence must share, nothing else).
# Phrases of general English, never one report's sentence.
ORDINALS = {"second": "2nd", "third": "3rd", "fourth": "4th", "fifth": "5th", "sixth": "6th",
            "seventh": "7th", "eighth": "8th", "ninth": "9th", "tenth": "10th"}
IDIOMS: tuple[tuple[re.Pattern[str], Any], ...] = tuple((re.compile(p, re.I), words) for p, words in (
    # "How many people live in Derby?", "which wards have the most people living in them": its population
    (r"\b(how many|most|more|fewer|fewest) (?:people|residents|inhabitants) (?:(?:are )?liv(?:e|es|ing)|reside)(?: (?:in|there|here))?\b",
     r"\1 population"),
    (r"\bmost population\b", "highest population"),  # (after the one above: "the most people living there")
    (_MORE_RESIDENTS + r"(?! (?:who|with|aged|in|on|using|receiving))", "has population"),  # "which has more residents?"
    # (the place itself: not "how big is the gap in …", "how big is its budget")
    (r"\bhow (?:big|large|populous) is\b(?!\s+(?:the|a|an|this|that|its|their)\s+(?:gap|difference|budget|overspend|deficit|backlog|waiting list|"
     r"shortfall|problem|issue|team|workforce|caseload|increase|rise|fall|drop|change|share|proportion|number|demand|pressure|risk)s?\b)"
     r"(?!(?:\s+[\w&-]+){0,3}['’]s?\s)",
     "how many population"),
    # "which is bigger, Derby or Middlesbrough?": councils compared by size are compared by population
    (r"^\s*which (?:one |council |authority |area )?(?:is|was|'s) (?:the )?(?:bigger|larger|smaller|biggest|largest|smallest)\b", "which has more population"),
    (r"\bhow (?:poor|deprived|disadvantaged|well[- ]off|wealthy|rich|affluent) is\b", "how deprived ranked deprivation"),
    (r"\b(?:go|goes|went|gone|going) over (?:its|their|the) (total |overall )?budget\b",
     lambda m: "overspend" + (f" {m.group(1)}budget" if m.group(1) else "")),  # (keeping "total budget": not the care spend)
    (r"\bget(?:s|ting)? in touch with\b", "contact access"),
    (r"\bk(?:eep|eeps|ept|eeping) in touch with\b", "contact"),
    (r"\b(?:of )?working[- ]age\b", "aged 18 to 64"),  # "what proportion is of working age?"
    (r"\b(?:fork|shell|splash)(?:s|ed|ing)? out\b", "spend"),  # "how much did X fork out on adult care?"
    # "X's biggest worry" (not "what were the main concerns about equity?", a theme's shortfalls)
    (r"\b(?:biggest|main|greatest|top|chief) (?:worry|worries|concern|headache)\b", "main risk area"),
    (r"\bhow many (?:people|residents|inhabitants) (does|do|did) ([\w'’ -]{1,40}?) (?:have|has)\b", r"how many population \1 \2 have"),
    (r"\bhow many (?:people|residents|inhabitants) (?:call|calls) ([\w'’ -]{1,40}?) (?:their )?home\b", r"how many population \1"),
    (POLITICS, "who led coalition control"),
    (r"\b(?:the )?(?:tories|tory)\b", "Conservative"), (r"\b(?:the )?lib ?dems?\b", "Liberal Democrat"),  # parties' nicknames
    # "How much did it overspend?": reports say "£4.2 million more than estimated" (or "budgeted")
    (r"\bover-?spen(?:d|ds|ding|t)\b|\boversho(?:ot|t|oting)\b|\bwent over (?:budget|what it planned)\b", "spend more than estimated budgeted"),
    (r"\bunder-?spen(?:d|ds|ding|t)\b", "spend less than estimated budgeted"),
    (r"\b(?:neat and tidy|well[- ]groomed|tidy and clean|looking (?:neat|tidy|smart))\b", "clean and presentable"),
    (r"\b(north|south)[\s-]?(east|west)(?:ern)?\b", r"\1 \2 \1\2"),  # "south west", "south-west", "southwest"
    # care's own words for everyday ones
    (r"\b(?:drink|alcohol) (?:or|and) drugs?(?: problems?| issues?| use)?\b|\bdrugs? (?:or|and) (?:drink|alcohol)(?: problems?| issues?| use)?\b",
     "substance misuse"),
    (r"\bbuy(?:s|ing)?(?: in)? (?:care|services|support)\b|\bbought(?: in)? (?:care|services|support)\b", "commissioning"),
    (r"\b(abuse|neglect)\b", r"\1 safeguarding"),
    (r"\beasy to (?:follow|understand|read)\b", "clear easy to understand"),
    (r"\bboss(?:es)?\b", "leaders managers"),
    (r"\bpatchy\b", "inconsistent inconsistencies variable"),
    (r"\bjoin(?:s|ed|ing)? up\b", "integrate integration"),  # "joins up its services with health"
    (r"\bneighbourhood[- ]based\b|\bneighbourhood\b", "locality"),
    (r"\bkeeps? (?:an )?eye on\b|\bkeeping (?:an )?eye on\b|\bwatch(?:es)? over\b", "oversee"),
    (r"\bbedd(?:ed|ing) in\b|\bbedded\b", "embedded"),  # ("bedded in": settled into practice)
    (r"\bclos(?:e|es|ing) the (?:\w+ )?gap\b", "reduce inequalities"),  # ("close" is no "worked closely")
    # how people first reach adult social care (reports say both)
    (r"\b(?:first|initial) contacts?\b(?! team| service| point)", r"\g<0> front door"),
    # "the gap between better-off and poorer residents", "the rich-poor gap": inequalities
    (r"\bgap between (?:the )?(?:better[- ]off|richer|wealthier|rich|well[- ]off|affluent)\b|\b(?:rich|wealth)[- ]poor gap\b",
     "inequalities"),
    # councils' cabinets are their executives: "the adult social care cabinet member", "at cabinet level"
    (r"\bcabinet(?: members?| level| leads?| portfolios?)?\b", "executive member portfolio holder lead member"),
    (r"\bmak(?:e|es|ing) (?:a |any |much of a |a real |a big |the )?difference\b", "positive impact"),
    (r"\b(?:sight|hearing|vision)(?: or | and |/)(?:sight|hearing|vision) (?:loss|impairments?|problems?)\b"
     r"|\b(?:sight|hearing|vision) (?:loss|impairments?)\b|\bblind or deaf\b|\bdeaf or blind\b", "sensory needs"),
    (r"\blos(?:e|es|ing|t) (?:my|their|his|her|your) (?:sight|eyesight|vision)\b(?! of)|\bgo(?:ing)? blind\b|\bpoor (?:eye)?sight\b", "sensory needs sight loss"),
    # Who runs it and how: "the bosses are really good", "is it well run?", "do they ever sit down together?"
    (r"\b(?:the\s+)?(?:bosses|top brass|higher[- ]ups|people (?:in charge|at the top|running (?:it|things)))\b", "leaders leadership"),
    (r"\b(?:well|badly|poorly)[- ]run\b|\brun (?:well|badly|poorly)\b(?![-\w])", "leadership governance management"),
    (r"\b(?:sit|sits|sat)\s+down\s+(?:together|and talk)\b|\btalk(?:s|ing)?\s+to\s+each\s+other\b",
     "multi-disciplinary meetings working together"),
    # Trying to reach the council: "i ring surrey and get someone different every time and they take ages to get back to me"
    (r"\b(?:ring|rings|rang|ringing)\b(?![-\s]?fenc)(?!\s+(?:and|&)\s+ride)(?!\s+road)(?!\s+first\b)", "phone contacting"),  # (not "who do i ring first?", below)
    (r"\b(?:can(?:not|['’]t)?|could(?:n['’]?t| not)?|cant|couldnt|never)\s+get\s+through\b", "difficult to get through"),
    (r"\b(?:(?:someone|somebody)\s+differ[ea]nt(?:\s+person)?|a\s+differ[ea]nt\s+person)(?:\s+(?:every|each)\s+(?:single\s+)?time)?\b", "not the same person"),
    (r"\btak(?:e|es|ing|en)\s+(?:ages|forever|weeks|days)\s+to\b", "delays in"),
    (r"\bget(?:s|ting)?\s+back\s+to\s+(?:me|us|you|them|people)\b", "getting responses"),
    (r"\b(?:poorest|most deprived|poorer|most disadvantaged)\b", "most deprived"),
    # "the fourth poorest": reports write "4th most deprived"
    (r"\b(second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth)(?= (?:most|highest|lowest|largest|biggest|smallest|poorest|worst|best))",
     lambda m: f"{m.group(1)} {ORDINALS[m.group(1).lower()]}"),
    (r"\b(?:hurting|harming|injuring) (?:themselves|themself|yourself|oneself)\b|\bself[- ]?injur\w*", "self-harm"),
    (r"\b(?:ending|end|ended|ends) up in hospital\b|\bgo(?:ing)? into hospital\b", "hospital admissions"),
    (r"\b(?:don['’]?t|do not|doesn['’]?t|does not|can['’]?t|cannot) speak english(?: (?:well|very well|fluently))?\b"
     r"|\bnon-english speak\w*|\blanguage barriers?\b", "interpreters translation language"),
    (r"\btogether with (?:the )?(?:people|residents|service users|carers|communities)\b", "co-produced with people"),
    (r"\bqualif(?:y|ied|ies|ying) for\b", "eligible for"),  # (not "once apprentices qualify")
    (r"\b(?:family members?|relatives?|friends?(?: or family)?|loved ones?) (?:who|that) (?:looks?|looking|looked) after (?:someone|somebody|a relative|them|others)\b"
     r"|\bfamily carers?\b|\blooking after (?:a|their) (?:relative|loved one|family member)\b", "unpaid carers"),
    (r"\b(?:getting|got|get) (?:any )?better\b", "improving improved"),
    (r"\bputs? (?:\w+ )?first\b|\bput (?:at the )?top\b", "prioritised priority"),
    (r"\bUK\b", "United Kingdom"),
    (r"\bpay(?:s|ing)? for (?:their|your|his|her|its) own (?:care|support)\b|\bself[- ]?fund(?:ers?|ing)\b",
     "fund or arrange their own care"),
    (r"\b(?:a )?(?:worse|unfair|unequal|raw) (?:deal|treatment|outcomes)\b|\bfair deal\b", "inequalities"),
    (r"\bin person\b", "face to face"),
    (r"\b(?:the|your|their|a|my) doctor(?:['’]?s)?\b", "GP"),
    (r"\bin charge of (?:their|your|his|her|my) (?:own )?", "control over "),
    (r"\bday[- ]to[- ]day\b", "daily"),
    (r"\bASC\b", "adult social care"),
    (r"\binfo\b", "information"),
    (r"\b(?:the )?(over|under)[- ]?(\d{2})s\b", r"aged \2 and \1"),  # "over-65s": "aged 65 and over"
    (r"\bIMD\b", "index of multiple deprivation"),
    (r"\b(?:not enough|too few|too little|short of|in short supply)\b", "shortage lack gaps"),
    (r"\b(?:try|tries|trying|tried) out\b|\btrial(?:l)?ing\b|\bpiloting\b", "pilot trialling test"),
    (r"\b(?:get|gets|getting|got) rid of\b|\bscrap(?:s|ped|ping)?\b|\babolish(?:es|ed|ing)?\b|\bdo(?:ing)? away with\b", "remove removing stop"),
    (r"\bflag(?:s|ged|ging)? (?:(?:it|this|that|them) )?up\b", "raised concerns identified"),
    (r"\b(?:a )?surprise\b", "new"),
    (r"\bwater infections?\b|\bUTIs?\b", "urinary tract infections"),
    (r"\bex[- ]?(?:forces|servicem[ae]n|service personnel|military)\b|\bforces veterans?\b", "veterans armed forces"),
    (r"\b(?:go|goes|going|went) to (?=(?:them|it|the|these|those|this|that)\b)", "attend attending "),  # "how many people go to them?"
    (r"^\s*(?:you|u) (?:mentioned|said|talked about|brought up)\b", " "),  # "you mentioned triage - …": what it asks is after
    (r"\b(?:at night|overnight|in the night|evenings? (?:and|or) weekends?|weekends? (?:and|or) evenings?)\b", "out of hours"),
    (r"\bsectioned\b", "Mental Health Act"),
    (r"\b(?:which|what) parts? of\b", "which areas of"),  # "which part of the borough …": its areas
    (r"\bwhat (?:prompted|led|caused|drove|triggered)\b", "why in response to"),  # "what prompted the council to create it?"
    (r"\b(?:put|puts|putting) (?:\w+ )?in place\b", "implementing implement"),  # "what were they putting in place?"
    (r"\b(?:going|go|goes|gets?|getting|coming|come|comes|sent|returning|returns?) (?:home from|out of) hospital\b|\bleav(?:e|es|ing) hospital\b",
     "hospital discharge"),
    (r"\b(?:free of charge|for free|free)\b(?! time)", "no charge"),
    (r"\b(?:difference|disparity|disparities|differences) (in|between)\b", r"gap \1"),  # ("gap" is also a shortfall: no synonym)
    (r"\bhow long (?:people|residents|men|women|males|females|they) (?:live|can expect to live|are expected to live)\b", "life expectancy"),
    # people services miss: "seldom heard", "underserved"
    (r"\b(?:(?:who|that|which) )?(?:(?:tend to|often|usually|can|may|might) )?fall(?:s|ing)? through the (?:cracks|net|gaps)\b|\b(?:hard|harder) to reach\b"
     r"|\b(?:that|who|which) (?:services? |support |councils? |they |we )?(?:tend to |often |usually |can )?(?:miss|overlook|neglect|don['’]t reach|do not reach)\b",
     "seldom heard underserved"),
    # "did the people assessed back that up?": what their feedback reflected
    (r"\bback(?:ed|s)? (?:that|this|it|them) up\b", "reflected feedback"),
    # "has it made things better for people?": its outcomes
    (r"\bmade (?:things|life|lives) (?:better|easier)\b", "positive outcomes"),
    # care's own words for everyday ones (kept beside them: a report may say either)
    (r"\b(?:backlogs?|queues?)\b", r"\g<0> waiting list"),
    (r"\b(?:local areas?|parts of the (?:borough|county|city|area))\b", r"\g<0> localities neighbourhoods"),
    (r"\bbuy(?:s|ing)?(?: in)?(?: and (?:arrang|organis|provid)\w+)? (?:(?:adult |social )?care|services|support)\b", r"\g<0> commissioning"),
    (r"\bpool(?:s|ed|ing)? (?:their |its |the )?(?:money|budgets?|funds?|funding|resources|arrangements?|agreements?|partnerships?)\b", r"\g<0> pooled budget section 75 agreement"),
    (r"\breports? (?:of|that|about) (?:abuse|neglect|someone (?:is |was )?(?:being )?(?:abused|neglected|harmed))\b"
     r"|\b(?:abuse|neglect) (?:reports?|alerts?)\b", r"\g<0> safeguarding referrals concerns"),
    (r"\b(?:named|specific|dedicated|particular|single) (?:person|contact|worker|officer|point of contact)\b", r"\g<0> dedicated lead contact"),
    (r"\b(?:who|where) (?:do|should|would|can) (?:i|we|you|people) (?:contact|call|ring|phone|go to|go|start|turn to) first\b|\bfirst port of call\b"
     r"|\b(?:single|one|main) (?:way in|point of access|entry point|route in)\b", r"\g<0> main point of contact front door"),
    (r"\b(?:served in|were in|from) the (?:armed )?forces\b|\bex[- ]?service\b|\bmilitary\b", r"\g<0> veterans armed forces"),
    (r"\bget(?:ting)? back on (?:their|your|his|her|my) feet\b|\bregain(?:s|ed|ing)? (?:their |your |his |her )?independence\b",
     r"\g<0> reablement"),
    (r"\b(?:money|cash|funds|payments?) (?:to|so (?:that )?they can|for them to) (?:arrange|buy|organise|pay for|choose) (?:their|your|his|her) own (?:care|support)\b",
     r"\g<0> direct payments"),
    (r"\b(?:someone|somebody|a person) to speak (?:up )?(?:for|on behalf of) (?:them|you|him|her)\b|\bspeak(?:s|ing)? up for\b", r"\g<0> advocacy advocate"),
    (r"\b(?:gadgets?|alarms?|sensors?|telecare|smart (?:devices?|technology)|technology in (?:the|their|your) homes?)\b",
     r"\g<0> assistive technology enabled care"),
    (r"\b(?:housing|flats|homes|accommodation) with (?:care|support)(?: on site| available)?\b", r"\g<0> extra care housing supported living"),
    (r"\b(?:young people|children|teenagers) (?:moving|moving on|going) (?:in)?to adult(?:s|s')? (?:services|social care|care)\b|\bturn(?:s|ing|ed)? 18\b",
     r"\g<0> transition preparing for adulthood"),
    (r"\b(?:paper(?:less)?|paper-based) (?:to|into) (?:digital|electronic|computer)\b|\bpaperless\b|\belectronic records?\b",
     r"\g<0> digitalised records"),
    (r"\b(?:lgbt\w*\+?|gay|lesbian|bisexual|transgender|trans(?!-))\b", r"\g<0> sexuality sexual orientation gender identity"),
    (r"\b(?:eat|eating|food) and (?:drink|drinking)\b", r"\g<0> nutrition hydration"),
    (r"\bexperiment\w*|\b(?:trying|tried|try) (?:something|anything) new\b", r"\g<0> pilot test and learn"),
    (r"\bcare home (?:beds|places)\b", r"\g<0> residential care places"),
    # everyday words for what the reports name otherwise
    (r"\bmother tongues?\b", "languages"),
    (r"\b(?:first|home|native) languages?\b", r"\g<0> languages"),
    (r"(?<!co-)\bsigners?\b(?!\s+(?:of|to|up)\b)|\bsign(?:ing)? interpreters?\b", r"\g<0> British Sign Language BSL interpreters"),
    (r"\b(?:mismatch|imbalance)(?:es)?\b", r"\g<0> shortage oversupply gaps"),
    (r"\bleague tables?\b", r"\g<0> rank ranked"),
    (r"\b(?:got|get|gets|getting|become|became|grown|grew|been)\s+shorter\b", r"\g<0> reduced"),
    (r"\bcentral (?:unit|team)\b", r"\g<0> hub"),
    (r"\b(?:lies?|lay|lying) behind\b|\b(?:root|underlying) (?:causes?|reasons?)\b", r"\g<0> reasons cause"),
    (r"\b(?:without|with no|lose|losing|lost) (?:a |their |his |her )?(?:home|roof)\b(?!\s+(?:care|help|visits?|support|package))|\bon the streets\b",
     r"\g<0> homeless homelessness"),
    # "… extra care housing but there's nothing available", "we couldn't get one sorted": a shortage, a barrier
    (r"\b(?:nothing|none|no (?:places?|spaces?|beds?|rooms?|vacanc(?:y|ies)|availability))\s+(?:available|free|left|going)\b", r"\g<0> shortage lack"),
    (r"\b(?:couldn['’]?t|could not|can['’]?t|cannot|unable to)\s+get\s+(?:one|it|them|an?\s+[a-z]+)(?:\s+sorted)?\b(?!\s+(?:done|back|through)\b)",
     r"\g<0> barriers difficult access"),
    (r"\b(?:leav\w*|left|coming out of|moving on from|aged? out of) (?:foster|residential|children['’]s|local authority|council)(?: (?:or|and) (?:foster|residential))? care\b|\bcare[- ]experienced\b"
     r"|\bgr(?:ew|ow|owing|own) up in (?:the |council |local authority )?care\b", r"\g<0> care leavers care-leavers"),
    (r"\blines? of (?:responsibility|accountability|reporting)\b|\bwho is (?:responsible|accountable) for what\b", r"\g<0> accountability governance"),
    (r"\b(?:gripes?|grumbles?|bugbears?|moans?|pet peeves?)\b"
     r"|\b(?:main|biggest|chief|common|top|usual) complaints?\b(?!\s+(?:procedures?|process(?:es)?|received|team|polic(?:y|ies)|system|handling|data|figures))",
     r"\g<0> frustration frustrations concerns"),
    (r"\b(?:welcom\w*|support\w*|help\w*|look\w* after|tak\w* in) (?:to |for |of )?(?:refugees|asylum seekers|people seeking (?:asylum|sanctuary))\b",
     r"\g<0> sanctuary"),
    (r"\b(?:drawn up|written|developed|designed|put together) (?:jointly |together )?with (?:the )?(?:residents|people|local people|service users|carers|communities|the community)\b"
     r"|\bjointly with (?:the )?(?:residents|people|local people|service users|carers|communities|the community)\b", r"\g<0> co-produced coproduced"),
    (r"\b(?:i|we) (?:look|looks|care) (?:after|for) (?:my|our) (?:mum|mother|dad|father|parents?|wife|husband|partner|son|daughter|child|"
     r"relative|gran|nan|grandmother|grandfather|brother|sister)\b", r"\g<0> unpaid carer"),
))


@functools.lru_cache(maxsize=4096)  # (called for every sentence weighed against the same question)
def in_report_words(question: str) -> str:
    """The question with its everyday phrasings put as reports put them (IDIOMS)."""
    for pattern, words in IDIOMS:
        question = pattern.sub(words, question)
    return question


def search_as_asked(pattern: re.Pattern[str], question: str) -> re.Match[str] | None:
    """The pattern in the question as written, else in the reports' words for its idioms ("family
    members who look after someone": unpaid carers)."""
    return pattern.search(question) or pattern.search(in_report_words(question))


def with_report_words(question: str) -> str:
    """The question followed by the reports' words for its everyday phrasings: a search for its
    words finds the passages that say it the reports' way too."""
    added = [words(m) if callable(words) else m.expand(words) for pattern, words in IDIOMS for m in pattern.finditer(question)]
    return " ".join([question, *added])


# Words people capitalise in questions that name nothing in particular.
# A name with a word saying what it does to something ("Labour-run", "NHS-funded"): the name alone is named
DESCRIBED_BY = re.compile(r"\b(Labour|Conservative|Tory|Liberal Democrat|Lib Dem|Green|Independent|Reform|NHS|ICB)-(?:run|led|controlled|held|funded|commissioned|owned|backed)\b")
NOT_NAMES = frozenset({"inspectors", "inspector", "inspection", "cqc", "council", "councils", "authority", "authorities",
                       "report", "reports", "assessment", "assessments", "people", "staff", "leaders", "partners",
                       "carers", "residents", "services", "service", "adult", "adults", "social", "care",
                       # the country: it qualifies ("among English councils") and reports say it another way ("in England")
                       "english", "england", "british", "britain", "uk", "national",
                       # the health service, in every council's reports ("NHS continuing health care" is "Continuing Health Care")
                       "nhs",
                       # (a people, written with a capital by many: "signers for Deaf people" names no one)
                       "deaf"})

# Two questions asked as one ("How many people live there, and how many are 75 or older?"): each
# part is answered as if asked on its own, the later ones as follow-ups of the first.
_QUESTION_WORD = r"(?:how|what|when|where|who|whom|which|why|is|are|was|were|did|does|do|has|have|had|can|could|will|would)"
# (not a verb going on from what was told: "my dad has complex needs and is waiting for homecare, …")
PART_BREAK = re.compile(rf"(?:,?\s+and\s+(?:(?:also|roughly|approximately|exactly|then)\s+)?|\s*;\s*|\?\s+(?:and\s+)?)(?={_QUESTION_WORD}\b)"
                        r"(?!(?:is|was|has|have|had)\s+(?:\w+ing|\w+ed|been|not|also|still)\b)", re.I)
# Measures that look alike and are not the same: a question naming one is not answered by a
# figure for the other ("healthy life expectancy" is no "life expectancy").
LOOKALIKE_MEASURES = tuple((re.compile(a, re.I), re.compile(b, re.I)) for a, b in (
    (r"\bhealthy life expectancy\b", r"(?<!healthy )\blife expectancy\b"),
    # what was spent on adult social care, and the council's whole budget or spend
    (r"\b(?:spen[dt]\w*|budget\w*|cost\w*) (?:on|for) adult social care\b|\badult social care (?:spend\w*|budget\w*)\b",
     r"\btotal (?:net )?(?:budget|spend|spending)\b(?! (?:on|for) adult social care)|\bactual spend for that year\b"),  # ("total budget" said of the care spend is the care spend)
    # a figure for men answers no question about women (life expectancy, a share)
    (r"\b(?:women|woman|female|females|girls)\b", r"\b(?:men|man|male|males|boys)\b"),
))


# What surveys of people who use care ask, each a measure of its own: a share of people satisfied
# is no share of people who feel safe.
SURVEY_MEASURES = tuple(re.compile(p, re.I) for p in (
    r"\bf(?:eel|eels|elt|eeling) (?:\w+ )?safe\b|\bsafe(?:ty)? (?:of|for) people\b|\bmade them feel safe\b",
    r"\bsatisf\w*|\bhappy with\b|\bpleased with\b",
    r"\bcontrol (?:over|of) (?:their|your|my|his|her) (?:daily|day[- ]to[- ]day) li\w+\b|\bin control\b",
    r"\bsocial contact\b|\blonel\w*",
    r"\b(?:easy|easily) to find (?:information|advice)\b|\bfind (?:information|advice) (?:easily|easy)\b",
    r"\bfeel better about (?:themselves|yourself|myself|himself|herself|ourselves)\b",
    r"\bquality of (?:their |your |my )?life\b",
    # (having a say, not saying: "what do carers say about support?")
    r"\b(?:choice|(?:a|any|no|more|little|some|real|enough|their|your|my)\s+say) (?:over|about|in) (?:the |their |your )?(?:services|care|support)\b",
))


def lookalike_of(question: str, text: str) -> bool:
    """Does the sentence give only the look-alike of a measure the question names (among survey
    measures, another one)?"""
    for a, b in LOOKALIKE_MEASURES:
        for asked, other in ((a, b), (b, a)):
            if asked.search(question) and not other.search(question) and not asked.search(text) and other.search(text):
                return True
    asked = [m for m in SURVEY_MEASURES if m.search(question)]
    return bool(asked) and not any(m.search(text) for m in asked) and any(m.search(text) for m in SURVEY_MEASURES)


HEADING_WORDS = 8  # a line of no more words, no full stop and no figure is a heading
PART_WORDS = 3  # fewer words than this make no question of their own ("how and why")


# A part asking only what the one before it said means ("… safeguarding score, and what does it mean?"):
# no question of its own (a score's answer gives what it means).
MEANING_OF_THAT = re.compile(r"^\s*(?:and\s+)?what\s+(?:does|did|do|would)\s+(?:it|that|this|they|those|these)\s+(?:mean|stand for|signify)\s*\??\s*$", re.I)
# … nor one asking the score of what the one before described ("does X learn from feedback? what mark did
# they get for that?"): the score is of that, read whole.
SCORE_OF_THAT = re.compile(r"^\s*(?:and\s+)?(?:what|which|how)\b[^?]*\b(?:scor\w*|marks?|grades?|rat(?:ed|ing)|out of (?:4|four))\b[^?]*\b(?:for|on)\s+"
                           r"(?:that|this|it)\s*\??\s*$", re.I)


_ASKS_WHAT = re.compile(r"^\s*(?:and\s+)?(?:what|which|who|when|where|why|how)\b", re.I)
# … nor one asking only what the report said of what came before ("… do they ask about it properly? what
# did the cqc say"): it is how the question is asked.
WHAT_REPORT_SAID = re.compile(r"^\s*(?:and\s+|so\s+)?what\s+(?:did|does|do|has)\s+(?:the\s+)?(?:cqc|report|inspectors?|assessors?)\s+"
                              r"(?:say|said|find|found|think|thought|conclude|concluded)\s*\??\s*$", re.I)


def question_parts(question: str) -> list[str]:
    """The questions a question asks, in order: itself alone when it asks one thing."""
    parts = [p.strip(" ,;") for p in PART_BREAK.split(question)]
    # (only after a yes-or-no question or what the user told: after "What score did X get?" it asks for more)
    if len(parts) > 1 and (kept := [p for i, p in enumerate(parts) if not (i and WHAT_REPORT_SAID.match(p) and not _ASKS_WHAT.match(parts[i - 1]))]) != parts:
        parts = kept  # (the first part always stays)
        if len(parts) == 1:
            return [parts[0] if parts[0].endswith("?") else parts[0] + "?"]
    # (a part asking the score of what the one before described, which asks no score itself)
    score_of_that = any(SCORE_OF_THAT.match(p) and not SCORE.search(" ".join(parts[:i])) for i, p in enumerate(parts) if i)
    if len(parts) < 2 or score_of_that or any(len(p.split()) < PART_WORDS or MEANING_OF_THAT.match(p) for p in parts):
        return [question]
    # ("What did X budget for 2022/23, and how did spend compare that year?": the second part's year is the first's)
    if said := _BETWEEN_YEARS.search(parts[0]) or PERIOD.search(parts[0]):
        when = f"{said.group(1)} to {said.group(2)}" if said.re is _BETWEEN_YEARS else said.group(0)

        def then(m: re.Match[str]) -> str:  # (a preposition before it stays: "over that period", "since that year")
            return f"{m.group(1)}{when}" if m.group(1) else f"in {when}"

        parts = [parts[0], *(_THAT_YEAR.sub(then, p) if not PERIOD.search(p) else p for p in parts[1:])]
    return [p if p.endswith("?") else p + "?" for p in parts]


_THAT_YEAR = re.compile(r"\b((?:in|for|during|over|since|by|until|across|throughout)\s+(?:the\s+end\s+of\s+)?)?(?:that|the same) (?:year|financial year|period)\b", re.I)


# --- thresholds -------------------------------------------------------------------------------

# Below this share of the question's (IDF-weighted) terms, a sentence does not answer it.
MIN_COVERAGE = 0.22
# Share of MIN_COVERAGE needed when a sentence holds the date, number or name asked for.
KIND_BONUS = 0.8
# A sentence whose meaning (embedding cosine) is this close to the question answers it even with
# few shared words; only the best few sentences by words are compared.
MEANING_SIMILARITY = 0.6
MEANING_CANDIDATES = 3
# A question word met only by another word of its synonym group counts this much.
SYNONYM_WEIGHT = 0.6
# Added to a sentence from the quality statement a question names ("… on assessing needs").
STATEMENT_BONUS = 0.1
# A sentence that keeps the question's adjacent words together (all of them: this much more).
PHRASE_BONUS = 0.1
# A question about what fell short (or went well) whose best sentence says neither: the best
# sentence that does comes too when it scores at least this share of the best.
TONE_SHARE = 0.4
# A question about a whole theme ("what are X's main strengths on partnerships?", "what did the CQC say
# about …?") is answered with up to this many of its report's points, not the single best sentence.
THEME_POINTS = 4
# … and a summary asked for ("summarise what the CQC found on …"), with this many.
SUMMARY_POINTS = 6
# A tie-breaker: the sentence keeps the question's adjacent words side by side exactly as written
# (all of them: this much more).
WORDING_BONUS = 0.02
# A word only in a follow-up's context (the earlier question and answer) counts this much.
CONTEXT_WEIGHT = 0.3
# … and a word only the last answer brought, this share of that.
ANSWER_CONTEXT_SHARE = 0.3
# A word a sentence borrows from the one it goes on from counts this much towards its coverage.
INHERITED_WEIGHT = 0.5
# A figure or date asked for, from a sentence covering less than this share of what the sentence
# most about the question covers, is a neighbouring fact: abstain.
NEIGHBOUR_SHARE = 0.4
# A sentence scoring this close to the best is quoted too, new words or not: when several sentences
# match a question equally, one of them is a coin toss (in a comparison: per side).
CLOSE = 0.9
# Which-authority questions: another council is named too when its best sentence is this close.
WHICH_AUTHORITY_CLOSE = 0.9
