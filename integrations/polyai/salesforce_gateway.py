"""
PolyAI Agent Studio functions for the Salesforce Customer Gateway.

Paste the helper block (everything above "FUNCTIONS") and then one function into each Agent
Studio function of the same name (README.md, "Installing"). Standard library only: Agent Studio
runs Python functions with `conv`, the Conversation object; no package is needed.

What PolyAI gives a function (docs.poly.ai, "Conversation object", "Return values", "conv.utils",
"Delay control"):
- conv.id: the conversation's id; conv.caller_number: the caller's number in E.164 (None on chat);
- conv.state: a store that persists across turns (attribute access);
- conv.utils.get_secret(name): a secret from the Secrets Vault (never hard-code the key);
- return a string (a prompt for the agent), or a dict with "content" (a prompt) and/or "utterance"
  (exact words to say), "handoff", "hangup";
- a function times out after 10 s unless its delay control says otherwise; start functions get no
  delay control, and PolyAI asks them to answer within about a second.

Every function:
- sends a trusted document by its id (the gateway runs only these for agent keys in production);
- derives its idempotency key from conv.id, so that PolyAI retrying a function call never writes
  twice (the gateway answers the first result, `replayed: true`);
- turns each outcome and error code into what the agent should say or do next (README.md table).
"""
import hashlib
import json
import re
import socket
import urllib.error
import urllib.request
from datetime import datetime, timezone
from typing import Any, Dict, Optional, Tuple

# What a function returns to PolyAI: a prompt ("content") and/or exact words ("utterance").
Reply = Dict[str, str]

# The trusted documents (schema/operations) by name: the gateway's manifest holds the same hashes
# (a test keeps them in step).
DOCUMENTS = {
    "CallerLookup": "8a7f1e83c44da66a66e45a3d98f5a790be6ada96a185b7ad128125b906b12eb4",
    "CreateCase": "c765860b42486f9863082057e0e696dd578079985c179b5a8243115644fe7861",
    "AddToCase": "7ef0aa1b2cac1828ab37afd90d3dd6150a3a9772fbb1e648c0f997bcf21ed64a",
    "SendFollowUp": "61f669f7b87227863086ca9325ba4541955ea89e2758580e9ebb3bbd5af5ac5f",
    "RecordConsent": "781a0401f65c1b33eb7b57877cb258f639a15df457148a25ffc0359287354100",
    "LogCall": "79e9e59c20e066a3482167b87755bc7c3c397ab2db642908f854f26e7f0807bb",
}

# Start functions have about a second in all; the gateway's own deadline is set below it.
LOOKUP_TIMEOUT_S = 0.8
WRITE_TIMEOUT_S = 6.0


class GatewayUnavailable(Exception):
    """The gateway did not answer in time, or answered with an error to retry later."""


class GatewayMisconfigured(Exception):
    """The gateway refused this agent's request as set up (a stale document hash, a wrong or
    missing key, a role without the right): retrying will not help, and it is not an outage."""


# Error codes that mean the agent's setup is wrong, not that anything is down.
CONFIGURATION_CODES = {
    "TRUSTED_DOCUMENT_NOT_FOUND",
    "PERSISTED_QUERY_NOT_FOUND",
    "TRUSTED_DOCUMENT_REQUIRED",
    "UNAUTHENTICATED",
    "FORBIDDEN",
    "GRAPHQL_VALIDATION_FAILED",
    "BAD_USER_INPUT",
}


def _log(conv: Any, level: str, message: str) -> None:
    """Logs through conv.log (PolyAI's function log) when the conversation has one."""
    log = getattr(conv, "log", None)
    write = getattr(log, level, None) if log is not None else None
    if callable(write):
        write(message)


def _key(conv: Any, purpose: str) -> str:
    """An idempotency key from the conversation id: the same call of a function gets the same key."""
    raw = f"{conv.id}:{purpose}"
    safe = re.sub(r"[^A-Za-z0-9._:@+=~-]", "-", raw)
    if len(safe) <= 64 and re.match(r"^[A-Za-z0-9]", safe):
        return safe
    return "k" + hashlib.sha256(raw.encode()).hexdigest()[:63]


def _post(conv: Any, document: str, variables: Dict[str, Any], timeout_s: float, with_extensions: bool = False) -> Any:
    """Runs a trusted document; answers `data` (and the answer's `extensions` when asked), or
    raises GatewayUnavailable."""
    url = conv.utils.get_secret("salesforce_gateway_url").rstrip("/") + "/graphql"
    body = json.dumps({"documentId": "sha256:" + DOCUMENTS[document], "variables": variables}).encode()
    request = urllib.request.Request(
        url,
        data=body,
        method="POST",
        headers={
            "content-type": "application/json",
            "accept": "application/graphql-response+json, application/json",
            "authorization": "Bearer " + conv.utils.get_secret("salesforce_gateway_api_key"),
            # The gateway stops its own Salesforce calls before we stop waiting.
            "x-request-timeout-ms": str(int(timeout_s * 1000) - 100),
            "x-request-id": _key(conv, document)[:64],
        },
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout_s) as response:
            answer = json.loads(response.read())
    except urllib.error.HTTPError as e:
        try:
            answer = json.loads(e.read())
        except (ValueError, OSError):
            raise GatewayUnavailable(f"HTTP {e.code}") from None
    except (urllib.error.URLError, socket.timeout, TimeoutError, ConnectionError, ValueError) as e:
        raise GatewayUnavailable(type(e).__name__) from None
    errors = answer.get("errors") or []
    if errors or answer.get("data") is None:
        codes = [((err.get("extensions") or {}).get("code")) for err in errors]
        joined = ",".join(c for c in codes if c) or "NO_DATA"
        if any(c in CONFIGURATION_CODES for c in codes):
            # Not an outage: the key, its role or the document hashes need fixing.
            _log(conv, "error", f"salesforce gateway refused {document} as set up ({joined}): check the API key, its role and the document hashes")
            raise GatewayMisconfigured(joined)
        _log(conv, "warning", f"salesforce gateway unavailable for {document} ({joined})")
        raise GatewayUnavailable(joined)
    if with_extensions:
        return answer["data"], answer.get("extensions") or {}
    return answer["data"]


def _now() -> datetime:
    return datetime.now(timezone.utc)


SORRY: Reply = {
    "utterance": "I'm sorry, I can't reach our records right now.",
    "content": "Our customer records are unavailable. Apologise, do not promise anything was saved, and offer to transfer the caller or to call back.",
}


# A setup fault: the caller hears an apology and a way on, never "our systems are down".
NOT_FROM_HERE: Reply = {
    "utterance": "I'm sorry, I can't do that from here.",
    "content": "This step is not set up correctly on our side (not an outage; it is logged). Apologise and offer to transfer the caller to a colleague.",
}


def _refusal(result: Dict[str, Any]) -> Reply:
    """What to tell the agent when a write answered with an error member instead of success."""
    kind = result.get("__typename")
    if kind == "ValidationError":
        fields = ", ".join(f"{e['field']}: {e['message']}" for e in result.get("fieldErrors", []))
        return {"content": f"The record was not saved because some details were not accepted ({fields}). Ask the caller for the corrected details and try again."}
    if kind == "NotFoundError":
        return {"content": "The customer or case could not be found, so nothing was saved. Confirm who the caller is (look them up again) before trying again."}
    if kind == "IdempotencyConflictError":
        if result.get("reason") == "IN_PROGRESS":
            return {"utterance": "One moment, I'm still saving that.", "content": "The previous save is still running; wait a moment, then call the function again with the same details."}
        return {"content": "This step was already done on this call with different details. Do not repeat it; tell the caller what was done earlier."}
    if kind == "ConsentError":
        if result.get("consentStatus") == "UNKNOWN":
            return {"content": "The caller has not agreed to be contacted this way. Ask whether they are happy to receive it; if they say yes, call record_consent, then try again."}
        return {"utterance": "I can't send you that, as you've asked us not to contact you that way.", "content": "The caller opted out of this channel. Offer another channel (e.g. email) instead."}
    if kind == "DeliveryError":
        return {"content": "The message could not be delivered to that address (for example a landline for SMS). Offer to send it another way."}
    return dict(SORRY)


def _write(conv: Any, document: str, write_input: Dict[str, Any], unavailable: Optional[Reply] = None) -> Tuple[Optional[Dict[str, Any]], Optional[Reply]]:
    """
    Runs a trusted mutation with `input` (empty values left out). Answers (result, None) when it
    succeeded, or (None, what the function returns instead: a refusal, or `unavailable`).
    """
    variables = {"input": {k: v for k, v in write_input.items() if v is not None}}
    try:
        result = next(iter(_post(conv, document, variables, WRITE_TIMEOUT_S).values()))
    except GatewayMisconfigured:
        return None, dict(NOT_FROM_HERE)
    except GatewayUnavailable:
        return None, dict(unavailable or SORRY)
    if not result["__typename"].endswith("Success"):
        return None, _refusal(result)
    return result, None


# ------------------------------------------------------------------------------------------------
# FUNCTIONS


def lookup_caller(conv: Any) -> Reply:
    """Start function: who is calling, in well under a second, or a generic greeting."""
    conv.state.call_started_at = _now().isoformat()
    if not conv.caller_number:
        return {"content": "The caller's number is unknown. Greet them and ask for their name."}
    try:
        data, extensions = _post(conv, "CallerLookup", {"phone": conv.caller_number}, LOOKUP_TIMEOUT_S, with_extensions=True)
    except GatewayMisconfigured:
        # Logged as a setup fault; the caller is greeted all the same.
        return {"content": "The caller could not be looked up (a setup problem on our side, logged). Greet them generically and ask for their name."}
    except GatewayUnavailable:
        # Never hold the caller in silence: greet them and carry on without records.
        return {"content": "The caller could not be looked up. Greet them generically and ask for their name."}
    lookup = data["customersByPhone"]
    outcome = lookup["outcome"]
    if outcome == "UNIQUE_MATCH":
        customer = lookup["bestMatch"]["customer"]
        conv.state.customer_id = customer["id"]
        conv.state.customer_first_name = customer.get("firstName") or customer["name"]
        conv.state.sms_consent = customer["consent"]["sms"]
        cases = [edge["node"] for edge in customer["cases"]["edges"]]
        conv.state.open_case_numbers = [c["caseNumber"] for c in cases]
        if cases:
            conv.state.case_id = cases[0]["id"]
            conv.state.case_number = cases[0]["caseNumber"]
        if extensions.get("stale"):
            # Salesforce is down and this is the last known answer: who they are holds, a case's
            # status may have moved since, so it is not told as current.
            conv.state.records_as_of = extensions.get("asOf")
            summary = "; ".join(f"case {c['caseNumber']}: {c['subject']}" for c in cases) or "none known"
            return {
                "content": f"The caller is {customer['name']}. Greet them by first name ({conv.state.customer_first_name}). "
                f"Our records are from {extensions.get('asOf')} and may be out of date: do not state any case's status as current. Cases on record: {summary}."
            }
        summary = "; ".join(f"case {c['caseNumber']} ({c['status']}): {c['subject']}" for c in cases) or "no open cases"
        return {"content": f"The caller is {customer['name']}. Greet them by first name ({conv.state.customer_first_name}). Their open cases: {summary}."}
    if outcome == "MULTIPLE_MATCHES":
        names = ", ".join(m["customer"]["name"] for m in lookup["matches"])
        return {"content": f"Several customers share this number ({names}). Ask the caller for their name before discussing any account."}
    if outcome == "INVALID_NUMBER":
        return {"content": "The caller's number could not be read. Greet them and ask for their name."}
    return {"content": "The caller is not a known customer. Greet them, ask for their name, and offer to open a case."}


def create_case(
    conv: Any, subject: str, description: Optional[str] = None, priority: Optional[str] = None, custom: Optional[Dict[str, Any]] = None
) -> Reply:
    """
    Opens a case for the caller (or records who called when they are not a customer). `custom`
    sets your org's own Case fields, by the names the org file gives them (e.g.
    {"productLine": "Broadband"}: the answer to "is this about broadband or mobile?").
    """
    customer_id = getattr(conv.state, "customer_id", None)
    case_input = {"subject": subject, "description": description, "priority": priority, "custom": custom or None, "idempotencyKey": _key(conv, "create_case")}
    if customer_id:
        case_input["customerId"] = customer_id
    else:
        case_input["suppliedPhone"] = conv.caller_number
        case_input["suppliedName"] = getattr(conv.state, "caller_name", None)
    result, instead = _write(conv, "CreateCase", case_input)
    if instead is not None or result is None:
        return instead or dict(SORRY)
    case = result["case"]
    conv.state.case_id = case["id"]
    conv.state.case_number = case["caseNumber"]
    spoken = " ".join(case["caseNumber"].lstrip("0"))
    return {"utterance": f"I've opened a case for you. Your case number is {spoken}.", "content": "Offer to text the case number to the caller."}


def add_to_case(
    conv: Any, comment: str, status: Optional[str] = None, priority: Optional[str] = None, custom: Optional[Dict[str, Any]] = None
) -> Reply:
    """Adds what the caller said to their case (a comment; never overwrites the description); `custom` sets your org's own Case fields."""
    case_id = getattr(conv.state, "case_id", None)
    if not case_id:
        return {"content": "There is no case on this call yet. Ask which case they mean, or open a new one with create_case."}
    # One key per distinct update on this call: the same words retried are the same update.
    own = f"|{json.dumps(custom, sort_keys=True)}" if custom else ""
    purpose = "add_to_case:" + hashlib.sha256(f"{case_id}|{comment}|{status}|{priority}{own}".encode()).hexdigest()[:16]
    update = {"caseId": case_id, "comment": comment, "status": status, "priority": priority, "custom": custom or None, "idempotencyKey": _key(conv, purpose)}
    result, instead = _write(conv, "AddToCase", update)
    if instead is not None or result is None:
        return instead or dict(SORRY)
    return {"utterance": "I've added that to your case.", "content": f"The case is now {result['case']['status']}."}


def record_consent(conv: Any, channel: str, agreed: bool, source: str) -> Reply:
    """Records what the caller said about being contacted on a channel (SMS, EMAIL or CALL)."""
    customer_id = getattr(conv.state, "customer_id", None)
    if not customer_id:
        return {"content": "Consent can only be recorded for a known customer. Carry on without it."}
    statement = {
        "customerId": customer_id,
        "channel": channel,
        "status": "OPTED_IN" if agreed else "OPTED_OUT",
        "source": source,
        "externalCallId": conv.id,
        "idempotencyKey": _key(conv, f"consent:{channel}:{'in' if agreed else 'out'}"),
    }
    result, instead = _write(conv, "RecordConsent", statement)
    if instead is not None or result is None:
        return instead or dict(SORRY)
    # What the gateway answered, not what was asked: a do-not-call flag on the record still wins.
    status = result["customer"]["consent"][channel.lower()]
    if channel == "SMS":
        conv.state.sms_consent = status
    if agreed and status == "OPTED_OUT":
        return {
            "utterance": "I've noted that, but your record still says not to contact you that way, so I can't use it today.",
            "content": f"The caller's consent was recorded, but their record still blocks {channel} (it reads {status}, for example Do Not Call). Do not send anything on {channel}; offer another way.",
        }
    return {"utterance": "Thanks, I've noted that." if agreed else "Understood, we won't contact you that way."}


def send_follow_up(conv: Any, body: str, channel: str = "SMS", purpose: str = "case") -> Reply:
    """Texts (or emails) the caller; `purpose` names the message, so one call may send several."""
    customer_id = getattr(conv.state, "customer_id", None)
    if not customer_id:
        return {"content": "Follow-ups go to known customers only. Offer to read the details out instead."}
    message = {
        "customerId": customer_id,
        "caseId": getattr(conv.state, "case_id", None),
        "channel": channel,
        "body": body,
        "subject": "About your call" if channel == "EMAIL" else None,
        "idempotencyKey": _key(conv, f"follow_up:{channel}:{purpose}"),
    }
    _, instead = _write(conv, "SendFollowUp", message)
    if instead:
        return instead
    return {"utterance": "I've sent you a text with the details." if channel == "SMS" else "I've emailed you the details."}


def log_call(conv: Any, summary: str, outcome: str) -> Reply:
    """End function: logs the call on the customer and their case."""
    # The call's start and length are fixed at the first attempt and kept in conv.state: a retry a
    # second later must send the same input, or the gateway answers "already done with other details".
    if getattr(conv.state, "call_ended_at", None) is None:
        conv.state.call_ended_at = _now().isoformat()
    if getattr(conv.state, "call_started_at", None) is None:
        conv.state.call_started_at = conv.state.call_ended_at
    started_at = datetime.fromisoformat(conv.state.call_started_at)
    ended_at = datetime.fromisoformat(conv.state.call_ended_at)
    call = {
        "customerId": getattr(conv.state, "customer_id", None),
        "caseId": getattr(conv.state, "case_id", None),
        "direction": "INBOUND",
        "from": conv.caller_number,
        "startedAt": started_at.isoformat().replace("+00:00", "Z"),
        "durationSeconds": max(0, min(86_400, int((ended_at - started_at).total_seconds()))),
        "summary": summary,
        "outcome": outcome,
        "externalCallId": conv.id,
        "idempotencyKey": _key(conv, "log_call"),
    }
    _, instead = _write(conv, "LogCall", call, unavailable={"content": "The call could not be logged."})
    if instead:
        return instead
    return {"content": "The call is logged."}
