import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { isWebLink, linkText } from "../links.js";

describe("isWebLink: only http(s) becomes a link", () => {
  const cases = [
    ["https://example.org/a", true],
    ["http://example.org", true],
    ["HTTPS://EXAMPLE.ORG", true],
    ["javascript:alert(1)", false],
    ["JavaScript:alert(1)", false],
    [" javascript:alert(1)", false],
    ["data:text/html,<script>alert(1)</script>", false],
    ["vbscript:msgbox", false],
    ["//example.org/x", false],
    ["/relative/path", false],
    ["ftp://example.org", false],
    ["", false],
    [null, false],
    [undefined, false],
    [42, false],
  ];
  for (const [href, expected] of cases) {
    it(`${JSON.stringify(href)} -> ${expected}`, () => assert.equal(isWebLink(href), expected));
  }
});

describe("linkText", () => {
  it("drops the scheme and www., decodes the path", () => {
    assert.deepEqual(linkText("https://www.example.org/%D0%BA%D0%B8%D1%97%D0%B2"), {
      text: "example.org/київ",
      title: "https://www.example.org/київ",
    });
  });
  it("keeps an address that does not decode", () => {
    assert.deepEqual(linkText("http://example.org/%E0%A4%A"), {
      text: "example.org/%E0%A4%A",
      title: "http://example.org/%E0%A4%A",
    });
  });
});
