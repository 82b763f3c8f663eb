import { describe, expect, it } from "vitest";
import { parseWebfleetJson } from "./parse-webfleet-json";

describe("parseWebfleetJson", () => {
  it("keeps msgids above 2^53 exact (JSON.parse alone would round 9007199254740993 to …992)", () => {
    expect(JSON.parse('{"msgid":9007199254740993}').msgid).toBe(9007199254740992);
    expect(parseWebfleetJson('[{"msgid":9007199254740993,"lastmsgid" : 18446744073709551615,"speed":102}]')).toEqual({
      ok: true, value: [{ msgid: "9007199254740993", lastmsgid: "18446744073709551615", speed: 102 }],
    });
  });

  it("leaves look-alikes inside strings, other keys, fractions and quoted msgids alone", () => {
    const text = '[{"msg_text":"note \\"msgid\\":12345678901234567890","msgid":"77","odometer":9007199254740993,"x":{"msgid":-1.5}}]';
    expect(parseWebfleetJson(text)).toEqual({ ok: true, value: [{ msg_text: 'note "msgid":12345678901234567890', msgid: "77", odometer: 9007199254740992, x: { msgid: -1.5 } }] });
  });

  it("is not ok for text that is not JSON", () => {
    expect(parseWebfleetJson("1001, Invalid credentials")).toEqual({ ok: false });
    expect(parseWebfleetJson('[{"msgid":12')).toEqual({ ok: false });
  });
});
