// Webfleet writes msgids as bare 64-bit integers, which JSON.parse rounds above 2^53 (two messages
// would then share a de-duplication key). Node 20 has no reviver source access, so the raw text is
// scanned once, strings skipped, and the integer after a msgid key is quoted before parsing.

const ID_KEYS = new Set(["msgid", "lastmsgid"]);

/** Quotes the integer values of msgid keys outside strings; everything else is copied verbatim. */
const quoteIdIntegers = (text: string): string => {
  let out = "";
  let copiedTo = 0;
  let lastKey: string | null = null;
  let index = 0;
  while (index < text.length) {
    const char = text[index];
    if (char === '"') {
      const start = index;
      index += 1;
      while (index < text.length && text[index] !== '"') index += text[index] === "\\" ? 2 : 1;
      index += 1;
      let after = index;
      while (/\s/.test(text[after] ?? "")) after += 1;
      // Only a key (a string followed by ':') can name the value that follows.
      lastKey = text[after] === ":" ? text.slice(start + 1, index - 1) : null;
      continue;
    }
    if (lastKey !== null && ID_KEYS.has(lastKey) && /[-\d]/.test(char ?? "")) {
      const match = /^-?\d+(?![.eE\d])/.exec(text.slice(index, index + 40));
      if (match) {
        out += `${text.slice(copiedTo, index)}"${match[0]}"`;
        index += match[0].length;
        copiedTo = index;
        lastKey = null;
        continue;
      }
      // A fraction or exponent is not an id; only the value's first character may start one.
      lastKey = null;
    }
    if (char === "," || char === "{" || char === "[" || char === "}" || char === "]") lastKey = null;
    index += 1;
  }
  return out + text.slice(copiedTo);
};

/** Parses a Webfleet JSON body with msgids kept exact as strings; not ok when the text is not JSON. */
export const parseWebfleetJson = (text: string): { ok: true; value: unknown } | { ok: false } => {
  try {
    return { ok: true, value: JSON.parse(quoteIdIntegers(text)) as unknown };
  } catch {
    return { ok: false };
  }
};
