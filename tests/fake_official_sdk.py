"""Stripe's official Python SDK against the fake: run by tests/fake_official_sdk.rs (ignored by default)."""
import sys, http.server, threading, stripe
base = sys.argv[1]
stripe.api_key = "sk_test_anything"
stripe.api_base = base
received = []
class H(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers["Content-Length"]))
        received.append((body, self.headers["Stripe-Signature"]))
        self.send_response(200); self.end_headers()
    def log_message(self, *a): pass
srv = http.server.HTTPServer(("127.0.0.1", 0), H)
threading.Thread(target=srv.serve_forever, daemon=True).start()
ep = stripe.WebhookEndpoint.create(url=f"http://127.0.0.1:{srv.server_port}/hook", enabled_events=["customer.subscription.updated"])
customer = stripe.Customer.create(email="jenny@example.com", payment_method="pm_card_visa", invoice_settings={"default_payment_method": "pm_card_visa"})
price = stripe.Price.create(currency="usd", unit_amount=1000, recurring={"interval": "month"}, product_data={"name": "Basic"})
sub = stripe.Subscription.create(customer=customer.id, items=[{"price": price.id}])
session = stripe.billing_portal.Session.create(customer=customer.id, return_url="https://example.com", flow_data={"type": "subscription_cancel", "subscription_cancel": {"subscription": sub.id}})
print("session", session.url)
import urllib.request, urllib.parse
req = urllib.request.Request(session.url + "/actions", data=urllib.parse.urlencode({"action": "cancel_subscription"}).encode(), method="POST")
class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *a, **k): return None
try:
    urllib.request.build_opener(NoRedirect).open(req)
except urllib.error.HTTPError as e:
    print("action status", e.code, e.headers["Location"])
import time
for _ in range(50):
    if received: break
    time.sleep(0.1)
body, sig = received[0]
event = stripe.Webhook.construct_event(body, sig, ep.secret)
print("verified", event.type, event.data.object.cancel_at is not None)
subs = stripe.Subscription.list(customer=customer.id, expand=["data.customer"])
print("list", len(subs.data), subs.data[0].customer.email)
try:
    stripe.Customer.retrieve("cus_nope")
except stripe.InvalidRequestError as e:
    print("error", e.http_status, e.code, e.param, e.request_id is not None)
c2 = stripe.Customer.create(email="x@example.com", idempotency_key="k1")
c3 = stripe.Customer.create(email="x@example.com", idempotency_key="k1")
print("idempotent", c2.id == c3.id)
