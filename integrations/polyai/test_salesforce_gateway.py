"""
The kit's functions, run for real: a stand-in `conv` (what PolyAI passes a function) against a
running gateway, whose URL and agent key arrive as the Secrets Vault would give them. Started by
test/polyai-kit.test.ts with SALESFORCE_GATEWAY_URL and SALESFORCE_GATEWAY_API_KEY set.
Standard library only.
"""
import json
import os
import sys
import time
import unittest
import urllib.request
import uuid
from datetime import timedelta

sys.path.insert(0, os.path.dirname(__file__))
import salesforce_gateway as kit  # noqa: E402


class State:
    """conv.state: attribute access, like PolyAI's."""


class Utils:
    def __init__(self, secrets):
        self._secrets = secrets

    def get_secret(self, name):
        return self._secrets[name]


class Log:
    """conv.log: what a function logged, by level."""

    def __init__(self):
        self.lines = []

    def error(self, message):
        self.lines.append(("error", message))

    def warning(self, message):
        self.lines.append(("warning", message))


class Conv:
    def __init__(self, caller_number, conv_id=None, url=None, key=None):
        self.id = conv_id or f"CA{uuid.uuid4().hex}"
        self.caller_number = caller_number
        self.state = State()
        self.log = Log()
        self.utils = Utils({
            "salesforce_gateway_url": url or os.environ["SALESFORCE_GATEWAY_URL"],
            "salesforce_gateway_api_key": key or os.environ["SALESFORCE_GATEWAY_API_KEY"],
        })


ADA = "+14155550134"


def setUpModule():
    # PolyAI's budget for a start function is about a second; a busy test machine gets more, so
    # that a slow lookup is not mistaken for a wrong one.
    kit.LOOKUP_TIMEOUT_S = 5.0


class KitTest(unittest.TestCase):
    def test_a_whole_call_and_its_retries(self):
        conv = Conv(ADA, conv_id=os.environ.get("KIT_CONV_ID"))
        greeting = kit.lookup_caller(conv)
        self.assertIn("Ada Lovelace", greeting["content"])
        self.assertEqual(conv.state.customer_first_name, "Ada")
        self.assertTrue(conv.state.open_case_numbers)

        # "Any news on my case?": a comment on the open case; PolyAI retrying it adds nothing.
        added = kit.add_to_case(conv, "Caller asked for news; still not starting.")
        self.assertEqual(added["utterance"], "I've added that to your case.")
        self.assertEqual(kit.add_to_case(conv, "Caller asked for news; still not starting."), added)

        case = kit.create_case(conv, "Punch card reader jams", "Reported on the phone.", "High")
        self.assertIn("Your case number is", case["utterance"])
        number = conv.state.case_number
        # A retried function call answers the same case, never a second one.
        self.assertEqual(kit.create_case(conv, "Punch card reader jams", "Reported on the phone.", "High"), case)
        self.assertEqual(conv.state.case_number, number)

        consent = kit.record_consent(conv, "SMS", True, "said yes to a text on the call")
        self.assertEqual(consent["utterance"], "Thanks, I've noted that.")
        self.assertEqual(kit.record_consent(conv, "SMS", True, "said yes to a text on the call"), consent)

        sent = kit.send_follow_up(conv, f"Your case number is {number}.")
        self.assertEqual(sent["utterance"], "I've sent you a text with the details.")
        self.assertEqual(kit.send_follow_up(conv, f"Your case number is {number}."), sent)

        logged = kit.log_call(conv, "Opened a case and texted its number.", "case created")
        self.assertEqual(logged, {"content": "The call is logged."})
        self.assertEqual(kit.log_call(conv, "Opened a case and texted its number.", "case created"), logged)
        print("KIT_CONV_ID=" + conv.id)

    def test_an_unknown_caller_gets_a_case_with_who_called(self):
        conv = Conv("+14155550999")
        self.assertIn("not a known customer", kit.lookup_caller(conv)["content"])
        conv.state.caller_name = "Pat Doe"
        self.assertIn("Your case number is", kit.create_case(conv, "Wrong delivery")["utterance"])
        self.assertIn("known customers only", kit.send_follow_up(conv, "hello")["content"])

    def test_several_customers_on_one_number(self):
        conv = Conv("+14155550177")
        self.assertIn("Several customers share this number", kit.lookup_caller(conv)["content"])
        self.assertFalse(hasattr(conv.state, "customer_id"))

    def test_refusals_become_what_to_say(self):
        conv = Conv(ADA)
        kit.lookup_caller(conv)
        bad = kit.create_case(conv, "x", priority="Whenever")
        self.assertIn("not accepted", bad["content"])
        self.assertIn("priority", bad["content"])
        # Opted out of SMS: the agent offers another channel.
        kit.record_consent(conv, "SMS", False, "said no texts")
        refused = kit.send_follow_up(conv, "hello", purpose="after-opt-out")
        self.assertIn("opted out", refused["content"])

    def test_an_unreachable_gateway_never_holds_the_caller(self):
        conv = Conv(ADA, url="http://127.0.0.1:9")
        self.assertIn("could not be looked up", kit.lookup_caller(conv)["content"])
        self.assertEqual(kit.create_case(conv, "anything")["utterance"], kit.SORRY["utterance"])

    def test_a_retried_log_call_a_second_later_is_a_replay(self):
        conv = Conv(ADA)
        kit.lookup_caller(conv)
        real_now = kit._now
        try:
            start = real_now()
            kit._now = lambda: start + timedelta(seconds=61.9)
            first = kit.log_call(conv, "Asked about a case.", "answered")
            # PolyAI retries the end function 1.2 s later: the call's length must not change.
            kit._now = lambda: start + timedelta(seconds=63.1)
            self.assertEqual(kit.log_call(conv, "Asked about a case.", "answered"), first)
            self.assertEqual(first, {"content": "The call is logged."})
        finally:
            kit._now = real_now

    @unittest.skipUnless(os.environ.get("KIT_STALE_GATEWAY_URL"), "needs a gateway with its cache on")
    def test_a_stale_lookup_greets_by_name_and_states_no_status(self):
        url = os.environ["KIT_STALE_GATEWAY_URL"]
        emulator = os.environ["KIT_EMULATOR_URL"]
        fresh = kit.lookup_caller(Conv(ADA, url=url))
        self.assertIn("Their open cases", fresh["content"])
        # The cached answer expires (its TTL is 0.3 s); then Salesforce fails every call.
        time.sleep(0.5)
        faults = urllib.request.Request(emulator + "/__emulator/faults", data=json.dumps({"errorRate": 1}).encode(), method="PUT", headers={"content-type": "application/json"})
        urllib.request.urlopen(faults).read()
        try:
            conv = Conv(ADA, url=url)
            stale = kit.lookup_caller(conv)
        finally:
            urllib.request.urlopen(urllib.request.Request(emulator + "/__emulator/faults", method="DELETE")).read()
        self.assertIn("Greet them by first name (Ada)", stale["content"])
        self.assertIn("may be out of date", stale["content"])
        self.assertNotRegex(stale["content"], r"\((New|Working|Escalated)\)")
        self.assertTrue(conv.state.records_as_of)

    def test_a_setup_fault_is_not_told_as_an_outage_and_is_logged(self):
        # A wrong key: UNAUTHENTICATED.
        conv = Conv(ADA, key="not-the-agent-key-0123456789")
        looked = kit.lookup_caller(conv)
        self.assertIn("setup problem", looked["content"])
        self.assertEqual(kit.create_case(conv, "anything"), kit.NOT_FROM_HERE)
        self.assertTrue(any(level == "error" and "UNAUTHENTICATED" in line for level, line in conv.log.lines))
        # A stale document hash: TRUSTED_DOCUMENT_NOT_FOUND.
        saved = kit.DOCUMENTS["CreateCase"]
        kit.DOCUMENTS["CreateCase"] = "0" * 64
        try:
            stale = Conv(ADA)
            kit.lookup_caller(stale)
            self.assertEqual(kit.create_case(stale, "anything"), kit.NOT_FROM_HERE)
            self.assertTrue(any("TRUSTED_DOCUMENT_NOT_FOUND" in line for _, line in stale.log.lines))
        finally:
            kit.DOCUMENTS["CreateCase"] = saved
        # An outage is still an outage.
        down = Conv(ADA, url="http://127.0.0.1:9")
        self.assertEqual(kit.create_case(down, "anything")["utterance"], kit.SORRY["utterance"])

    def test_consent_answer_follows_the_gateway(self):
        # Rosalind's record says Do Not Call: a yes to texts is recorded, but she stays opted out.
        conv = Conv("+14155550150")
        kit.lookup_caller(conv)
        reply = kit.record_consent(conv, "SMS", True, "said yes to a text on the call")
        self.assertNotEqual(reply.get("utterance"), "Thanks, I've noted that.")
        self.assertIn("can't use it", reply["utterance"])
        self.assertIn("Do not send", reply["content"])
        self.assertEqual(conv.state.sms_consent, "OPTED_OUT")

    def test_custom_fields_pass_through(self):
        # A gateway over an org with its own required Case field (the strict example org file).
        url = os.environ["KIT_STRICT_GATEWAY_URL"]
        conv = Conv(ADA, url=url)
        kit.lookup_caller(conv)
        made = kit.create_case(conv, "Slow line", custom={"productLine": "Broadband", "region": "APAC"})
        self.assertIn("Your case number is", made["utterance"])
        refused = kit.create_case(Conv(ADA, url=url), "Slow line", custom={"productLine": "Satellite"})
        self.assertIn("custom.productLine", refused["content"])
        changed = kit.add_to_case(conv, "It is the mobile line, not broadband.", custom={"productLine": "Mobile"})
        self.assertEqual(changed["utterance"], "I've added that to your case.")

    def test_idempotency_keys_fit_the_gateway(self):
        conv = Conv(ADA, conv_id="conv with spaces/and slashes " + "x" * 80)
        key = kit._key(conv, "create_case")
        self.assertLessEqual(len(key), 64)
        self.assertRegex(key, r"^[A-Za-z0-9][A-Za-z0-9._:@+=~-]{0,63}$")
        self.assertEqual(key, kit._key(conv, "create_case"))
        self.assertNotEqual(key, kit._key(conv, "log_call"))


if __name__ == "__main__":
    unittest.main()
