import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  dayOfIso, fillIn, isoOfDay, longDateWith, lookup, perLanguage, translatedWith, utcDay,
} from "../text.js";

const catalogue = {
  en: { "date.long": "{day} {month} {year}", "month.3": "March", "side.ru": "Russia", greet: "Hi {name}" },
  ar: { "month.3": "مارس", "date.long": "{day} {month} {year}" },
};

describe("fillIn", () => {
  const cases = [
    ["Hi {name}", { name: "Ann" }, "Hi Ann"],
    ["{n} of {total}", { n: 2, total: 9 }, "2 of 9"],
    ["{missing} stays", { other: 1 }, "{missing} stays"],
    ["no values", undefined, "no values"],
    ["{a}{a}", { a: "<b>" }, "<b><b>"],
    ["zero {n}", { n: 0 }, "zero 0"],
  ];
  for (const [text, values, expected] of cases) {
    it(`${JSON.stringify(text)} with ${JSON.stringify(values)}`, () => {
      assert.equal(fillIn(text, values), expected);
    });
  }
});

describe("lookup", () => {
  it("takes the language's text", () => assert.equal(lookup(catalogue, "ar", "en", "month.3"), "مارس"));
  it("falls back to the fallback language", () => assert.equal(lookup(catalogue, "ar", "en", "greet", { name: "x" }), "Hi x"));
  it("falls back to the key", () => assert.equal(lookup(catalogue, "xx", "en", "nothing.here"), "nothing.here"));
  it("translated keeps an unknown value as the data has it", () => {
    const s = (key) => lookup(catalogue, "en", "en", key);
    assert.equal(translatedWith(s, "side.", "ru"), "Russia");
    assert.equal(translatedWith(s, "side.", "Wagner <b>"), "Wagner <b>");
  });
});

describe("dates", () => {
  const origin = utcDay("2024-02-27");
  const cases = [
    [0, "2024-02-27"],
    [2, "2024-02-29"],
    [3, "2024-03-01"],
    [-1, "2024-02-26"],
    [366, "2025-02-27"],
  ];
  for (const [day, iso] of cases) {
    it(`day ${day} is ${iso} and back`, () => {
      assert.equal(isoOfDay(origin, day), iso);
      assert.equal(dayOfIso(origin, iso), day);
    });
  }
  it("long dates use the catalogue's pattern and month names", () => {
    const s = (key, values) => lookup(catalogue, "ar", "en", key, values);
    assert.equal(longDateWith(s, "2024-03-05"), "5 مارس 2024");
  });
  it("perLanguage falls back, then gives an empty text", () => {
    assert.equal(perLanguage({ en: "Title", uk: "Назва" }, "uk", "en"), "Назва");
    assert.equal(perLanguage({ en: "Title" }, "ar", "en"), "Title");
    assert.equal(perLanguage(null, "ar", "en"), "");
  });
});
