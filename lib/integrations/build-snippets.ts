// Ready-to-run examples that sign the specification's example envelope with a
// connection's secret and POST it to its inbound URL. Each signs the exact
// bytes it sends: re-serialising JSON after signing breaks the signature.
import { EXAMPLE_ENVELOPE } from "./example-envelope";

export type TSnippets = { curl: string; node: string; python: string };

const SIGNATURE_HEADER = "x-betakom-signature";

/** Builds the curl, Node.js and Python snippets for one URL and secret. */
export const buildSnippets = ({ url, secret }: { url: string; secret: string }): TSnippets => {
  const body = JSON.stringify(EXAMPLE_ENVELOPE);
  const pretty = JSON.stringify(EXAMPLE_ENVELOPE, null, 2);
  const curl = `URL='${url}'
SECRET='${secret}'
BODY='${body}'
SIGNATURE=$(printf '%s' "$BODY" | openssl dgst -sha256 -hmac "$SECRET" -hex | sed 's/^.*= //')
curl -sS -X POST "$URL" \\
  -H 'content-type: application/json' \\
  -H "${SIGNATURE_HEADER}: $SIGNATURE" \\
  --data-binary "$BODY"
`;
  const node = `// Node.js 18 or newer. Save as send.mjs and run: node send.mjs
import { createHmac } from "node:crypto";

const url = "${url}";
const secret = "${secret}";
const body = JSON.stringify(${pretty.replace(/\n/g, "\n")});

const signature = createHmac("sha256", secret).update(body).digest("hex");
const response = await fetch(url, {
  method: "POST",
  headers: { "content-type": "application/json", "${SIGNATURE_HEADER}": signature },
  body,
});
console.log(response.status, await response.text());
`;
  const python = `# Python 3, standard library only. Save as send.py and run: python3 send.py
import hashlib, hmac, json, urllib.request

url = "${url}"
secret = "${secret}"
body = json.dumps(${pretty.replace(/\btrue\b/g, "True").replace(/\bfalse\b/g, "False")}).encode()

signature = hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
request = urllib.request.Request(url, data=body, method="POST", headers={
    "content-type": "application/json",
    "${SIGNATURE_HEADER}": signature,
})
with urllib.request.urlopen(request) as response:
    print(response.status, response.read().decode())
`;
  return { curl, node, python };
};
