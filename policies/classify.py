"""Label one message: ack, ack_request, proof_request, chain or other — with the cues that fired.

Order matters: a 接龙 list is a chain whatever it says; a demand for proof outranks a demand
for a reply (a message with both is `proof_request` with `also=("ack_request",)`, and each is
an incident); a demand outranks the 收到 it may contain; an ack must be *only* a confirmation.
Short messages (most traffic: 收到, 1, 好的) take the fast path and never reach jieba.
"""

from __future__ import annotations

from functools import lru_cache

from policies.ack import ack_cues, acts_on
from policies.chain import is_chain
from policies.events import Classification, Label, MessageType
from policies.guards import addresses_many
from policies.model import vetoes
from policies.narration import narrated
from policies.normalize import Normalized, normalize
from policies.proof import STRUCTURED_SHAPES, named_listener, proof_request_cue
from policies.reply import ack_request_cue, confirms_condition, with_broadcast
from policies.signature import speaker
from policies.sure import sure_cue
from policies.text import is_media_placeholder, split_quote, undouble

OTHER = Classification("other")
# The chain verdicts, made once: every 接龙 post returns one of them, not a new object each
PLATFORM_CHAIN = Classification("chain", ("chain:platform-type",))
LISTED_CHAIN = Classification("chain", ("chain:list",))
# Reply shapes that carry their own structure, as the structured proof shapes do: a chase names
# the silent it chases (还有谁没回复, 剩下的…). The model's grams would weigh only its few words
# (measured: on the probe sets it vetoed true chases and no look-alike).
UNVETOED_REPLY = frozenset(("demand:chase-non-repliers", "demand:done-check-in"))


@lru_cache(maxsize=1 << 16)  # ~65k distinct texts: acks and signatures repeat endlessly
def classify(text: str, message_type: MessageType = "text") -> Classification:
    """Classify one message's text (pure; cached because acks repeat endlessly)."""
    if message_type == "chain":
        return PLATFORM_CHAIN
    if message_type not in ("text", "chain") or not text.strip():
        return OTHER
    quote = split_quote(text)
    if quote is not None:  # a quote-reply says what its reply says; the quote is what it answers
        return classify(quote[0], message_type)
    # "[接龙]" may head its list; a notice pasted twice is read once (its second copy's points
    # would stand under the first copy's call for the 接龙 as if they were the list's items)
    if ("接龙" in text or "接龍" in text) and is_chain(undouble(text)):
        return LISTED_CHAIN
    if is_media_placeholder(text):
        return OTHER
    norm = normalize(text)
    folded = norm.folded
    proof, reply = _demand_cues(norm)
    reply = with_broadcast(text, reply)  # "@channel please acknowledge": the mention, as posted
    if proof and proof not in STRUCTURED_SHAPES and vetoes(text, "proof_request"):
        return Classification("other", (proof, "model:veto"))
    if proof:
        also: tuple[Label, ...] = ("ack_request",) if reply else ()
        cues = (proof, *((reply,) if reply else ()))
        return Classification("proof_request", cues, also, _sure(text, folded, cues))
    if reply and reply not in UNVETOED_REPLY and vetoes(text, "ack_request"):
        return Classification("other", (reply, "model:veto"))
    if reply:
        return Classification("ack_request", (reply,), (), _sure(text, folded, (reply,)))
    acks = ack_cues(folded, norm.emoji) or _signed_ack(norm)
    if acks:
        return Classification("ack", acks)
    return OTHER


def _demand_cues(norm: Normalized) -> tuple[str | None, str | None]:
    """The proof and reply demands, read as posted and, when it is signed, without the
    signature: "收到请确认（三组李四）" ends its demand where the signature begins — unless the
    "signature" is the person the message speaks to, named at its head (小李，检查完拍照发群里:
    `policies.proof.named_listener`), read with the rest."""
    if not norm.signature:  # a notice (over SIGNED_MAX) is read whole, its head's name with it
        return _demands_in(norm.folded)
    # signed at the end, the demand may end at the name (…报送教务处); a head set off by a space or
    # a dash only is the sentence's own (22:00 前仍可补传…, share your location…), and one that
    # speaks to the many (各位网格员：…) is whom the demand is for: only a speaker's name boxed or
    # before a colon (【三组李四】…, 王芳-办公室：…) is read past
    if not _speaker_first(norm):
        proof, reply = _demands_in(norm.folded)
        if proof or reply:
            return proof, reply
    proof, reply = _demands_in(norm.body)
    # the listener read only once a demand is found without it: most signed acks ask none
    if (proof or reply) and named_listener(norm.folded) == norm.signature:
        return None, None
    return proof, reply


def _speaker_first(norm: Normalized) -> bool:
    """Whether `norm` opens with its speaker's name, boxed or before a colon, not the many it
    speaks to."""
    if norm.folded.startswith(norm.body):
        return False
    said = speaker(norm.folded)
    return (
        said is not None and said.signature == norm.signature and not addresses_many(said.signature)
    )


def _signed_ack(norm: Normalized) -> tuple[str, ...]:
    """An ack signed in a way its grammar does not read ("【三组李四】got it", "王芳-办公室：noted"):
    the body alone is an ack."""
    if not norm.signature or not norm.body or acts_on(norm.signature):
        return ()
    acks = ack_cues(norm.body, norm.emoji)
    return (*acks, "ack:signed") if acks and "ack:signed" not in acks else acks


def _demands_in(text: str) -> tuple[str | None, str | None]:
    reply = ack_request_cue(text)
    if reply == "demand:reply-after-reading" and not confirms_condition(text):
        reply = None
    if reply and narrated(text):
        reply = None  # "某网友看到领导发了通知，立马回复了“好”": told, not asked
    proof = proof_request_cue(text)
    if proof and narrated(text, proof=True):
        proof = None
    return proof, reply


def _sure(text: str, folded: str, cues: tuple[str, ...]) -> bool:
    return sure_cue(text, folded, cues) is not None
