"""Why a message got its label: every check's result, fired or not (`jianfu classify --explain`).

Like tg-spam's check responses: each check is a named `Cue` with whether it fired and what it
matched, so a reminder that looks wrong can be traced to the rule that made it.
"""

from __future__ import annotations

from policies import guards, model
from policies import proof as proof_rules
from policies import reply as reply_rules
from policies.ack import ack_cues, declined
from policies.chain import parse_chain
from policies.classify import classify
from policies.events import Classification, Cue, Label, MessageType
from policies.listener import said_to_one
from policies.narration import narrated
from policies.normalize import normalize
from policies.sure import salutes_group, sure_cue
from policies.text import excerpt, split_quote


def _found(name: str, match: object) -> Cue:
    group = getattr(match, "group", None)
    return Cue(name, match is not None, str(group()) if callable(group) else "")


def _model_cue(text: str, proof: str | None, reply: str | None) -> Cue:
    if not (proof or reply):
        return Cue("model:veto", False, "no demand to judge")
    label: Label = "proof_request" if proof else "ack_request"
    chances, limit = model.posterior(text), model.VETO_BELOW
    likeliest = max(chances, key=chances.__getitem__)
    detail = f"P({label}) = {chances[label]:.3f}, veto below {limit}; likeliest {likeliest}"
    saluted = salutes_group(normalize(text).folded)
    if saluted:
        detail += f"; not the model's to judge: a notice's salutation ({saluted.group()})"
    return Cue("model:veto", model.vetoes(text, label), detail)


def _narrated_cue(folded: str, proof: str | None, reply: str | None) -> Cue:
    told = [
        f"{kind}: {mark}"
        for kind, found, mark in (
            ("reply", reply, reply and narrated(folded)),
            ("proof", proof, proof and narrated(folded, proof=True)),
        )
        if found and mark
    ]
    return Cue("guard:narrated", bool(told), "; ".join(told))


def _sure_cue(text: str, folded: str, verdict: Classification) -> Cue:
    if verdict.label not in ("ack_request", "proof_request"):
        return Cue("sure", False, "no demand")
    why = sure_cue(text, folded, verdict.reasons)
    return Cue(
        "sure", why is not None, why or "not clearly aimed at the group: held (remind_unsure)"
    )


def explain(text: str, message_type: MessageType = "text") -> tuple[Cue, ...]:
    """Every check on `text`, in the order `classify` applies them, then the verdict (on a
    quote-reply's reply, after a cue naming what it quotes)."""
    quote = split_quote(text)
    if quote is not None:
        return (Cue("quote-reply", True, excerpt(quote[1], 30)), *explain(quote[0], message_type))
    norm = normalize(text)
    folded, emoji = norm.folded, norm.emoji
    quoted = guards.neutralize_quotes(folded)
    chain = parse_chain(text) if ("接龙" in text or "接龍" in text) else None
    proof = proof_rules.proof_request_cue(folded)
    reply = reply_rules.with_broadcast(text, reply_rules.ack_request_cue(folded))
    acks = ack_cues(folded, emoji)
    verdict = classify(text, message_type)
    also = f" (also {', '.join(verdict.also)})" if verdict.also else ""
    return (
        Cue("normalized", True, folded),
        Cue("emoji", bool(emoji), " ".join(emoji)),
        Cue("signature", bool(norm.signature), norm.signature),
        Cue("chain:list", chain is not None, f"{len(chain.items)} items" if chain else ""),
        _found("guard:quoted-demand", None if quoted == folded else quoted),
        _found("guard:not-demand", guards.NOT_DEMAND.search(quoted)),
        _found("guard:report", proof_rules.SENT_REPORT.search(quoted)),
        _found("guard:reply-report", reply_rules.reports_reply(quoted)),
        _found("guard:options", reply_rules.offers_options(quoted)),
        _found("guard:norm", reply_rules.NORM.search(folded)),
        Cue("guard:one-addressee", guards.addresses_one(folded)),
        Cue("guard:one-listener", said_to_one(folded) is not None, said_to_one(folded) or ""),
        _found("guard:handshake", guards.handshake(folded)),
        _found("guard:machine", guards.machine_talk(folded)),
        _found("guard:predicted", proof_rules.is_predicted(quoted)),
        Cue(
            "guard:unordered",
            bool(proof_rules.unordered(quoted)),
            proof_rules.unordered(quoted) or "",
        ),
        Cue("guard:told", guards.is_narrated(folded), guards.told(folded) or ""),
        _narrated_cue(folded, proof, reply),
        _found("guard:trouble", guards.TROUBLE.search(folded)),
        _found(
            "guard:voucher",
            proof_rules.payment_voucher(folded) if proof_rules.is_payment_voucher(folded) else None,
        ),
        _found(
            "guard:shared",
            proof_rules.shared(folded) if proof_rules.is_shared(folded) else None,
        ),
        _found("guard:feed", proof_rules.shares_to_feed(quoted)),
        _found("guard:reminder", proof_rules.reminds_one(quoted)),
        _found("guard:app-user", proof_rules.app_user(quoted)),
        Cue("guard:purpose", proof_rules.purpose_labelled(folded)),
        Cue("guard:forced", proof_rules.forced(quoted)),
        Cue("guard:claim", proof_rules.kept_for_claim(quoted)),
        Cue("guard:sightseeing", proof_rules.is_sightseeing(folded)),
        Cue("guard:check-in-use", proof_rules.check_in_used_for(folded)),
        Cue("guard:judged", proof_rules.is_judged(folded)),
        Cue("guard:tipped", proof_rules.tipped_check_in(quoted)),
        Cue("guard:yours", proof_rules.yours_shown(folded)),
        Cue("guard:tool-step", proof_rules.stepped_upload(quoted)),
        Cue("guard:kept-screenshot", proof_rules.kept_screenshot(quoted)),
        Cue("guard:moves-on", proof_rules.moves_on(quoted)),
        Cue("proof_request", proof is not None, proof or ""),
        Cue("ack_request", reply is not None, reply or ""),
        _model_cue(text, proof, reply),
        Cue("ack", bool(acks), ",".join(acks) or declined(folded, emoji)),
        _sure_cue(text, folded, verdict),
        Cue("label", True, verdict.label + also),
    )
