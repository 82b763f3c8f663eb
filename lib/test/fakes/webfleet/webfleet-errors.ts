// Webfleet error codes the fake answers with. Webfleet reports errors as HTTP 200 with
// {errorCode, errorMsg} plus X-Webfleet-Errorcode / X-Webfleet-Errormessage headers
// (reference §1.1). Codes tagged "?" have no primary source: every one of them can be
// overridden through the fake's `faults`, so a connector must not special-case their numbers.

export type TWebfleetError = { errorCode: number; errorMsg: string };

/** The error codes of reference §1.1, with the fake's wording (exact texts are open item §7.1). */
export const WEBFLEET_ERRORS = {
  // S: three clients sleep and retry on it.
  quotaExceeded: { errorCode: 8011, errorMsg: "request quota reached" },
  // V: python-wfconnect RetryingWfConnect comment; calls for one user are serialised.
  userBusy: { errorCode: 8015, errorMsg: "Username busy processing other request" },
  // V: same file.
  upstream: { errorCode: 9199, errorMsg: "An upstream system did not respond properly. At the moment we are unable to service this request." },
  // V: same file; the official lib waits 30 s before retrying it.
  resourceBusy: { errorCode: 10000, errorMsg: "resource currently busy, retry later" },
  // V: retryable in the official lib.
  general: { errorCode: 60, errorMsg: "WebFleet general error" },
  // ? only one PHP test fixture shows 1001.
  invalidCredentials: { errorCode: 1001, errorMsg: "Invalid credentials" },
  // S (one client), ?: used here for an unknown or missing action.
  actionNotAllowed: { errorCode: 8, errorMsg: "action not allowed" },
  // ? no source: the fake's own code for a missing or invalid parameter.
  invalidParameter: { errorCode: 20, errorMsg: "invalid or missing parameter" },
  // ? create-on-existing behaviour is open item §7.1; only used when faults.createQueueWhenExists = "error".
  queueExists: { errorCode: 2001, errorMsg: "queue already exists" },
  // ? queue retention is open item §7.1; the fake's code for popping or acking a queue that does not exist.
  queueMissing: { errorCode: 2002, errorMsg: "queue does not exist" },
} as const satisfies Record<string, TWebfleetError>;
