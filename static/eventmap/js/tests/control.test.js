import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { controlCard, controlLegend, hatchId, stateOn } from "../control.js";
import { fakeDocument } from "./fake-dom.js";

const HOSTILE = ["<img src=x onerror=alert(1)>", "</dd><script>alert(1)</script>", "javascript:alert(1)"];
const words = {
  change: "Change", date: "Date", place: "Place", claimed_by: "Claimed by", status: "Status",
  disputed_by: "Disputed by", sources: "Sources", area: "About {km2} km²", none: "Held before the war.",
};

function card(overrides) {
  return {
    changeId: "C13", dateText: "8 November 2020", place: "Shusha", claimedBy: "President Ilham Aliyev",
    statusText: "confirmed", disputedBy: "", sources: ["https://example.org/a", "javascript:alert(1)", "a report"],
    ...overrides,
  };
}

describe("control cards", () => {
  it("put every field in as text, link only http(s) sources, leave out empty fields", () => {
    const doc = fakeDocument();
    const patch = { sideText: HOSTILE[0], statusText: "disputed", areaKm2: 838.6,
                    cards: [card({ place: HOSTILE[0], claimedBy: HOSTILE[1], disputedBy: HOSTILE[2] })] };
    const element = controlCard(doc, patch, words);
    const html = element.serialize();
    assert.ok(!html.includes("<img"));
    assert.ok(!html.includes("<script"));
    assert.ok(html.includes("&lt;img src=x onerror=alert(1)&gt;"));
    const links = element.find((e) => e.localName === "a");
    assert.deepEqual(links.map((a) => a.href), ["https://example.org/a"]);
    const items = element.find((e) => e.localName === "li").map((li) => li.textContent);
    assert.deepEqual(items, ["example.org/a", "javascript:alert(1)", "a report"]);
    const terms = element.find((e) => e.localName === "dt").map((dt) => dt.textContent);
    assert.deepEqual(terms, ["Change", "Date", "Place", "Claimed by", "Status", "Disputed by"]);
    assert.ok(element.textContent.includes("About 839 km²"));
    const quiet = controlCard(doc, { ...patch, cards: [card()] }, words);
    assert.ok(!quiet.find((e) => e.localName === "dt").some((dt) => dt.textContent === "Disputed by"));
  });

  it("say when an area is held since before the war", () => {
    const element = controlCard(fakeDocument(), { sideText: "A", statusText: "held before the war", areaKm2: 10,
                                                  cards: [] }, words);
    assert.ok(element.textContent.includes("Held before the war."));
    assert.equal(element.find((e) => e.localName === "section").length, 0);
  });
});

describe("control legend", () => {
  it("draws one swatch per row (hatched rows with hatch lines), texts and the caveat as text", () => {
    const doc = fakeDocument();
    const legend = controlLegend(doc, {
      title: HOSTILE[0], caveat: HOSTILE[1],
      legend: [
        { text: "Held by A", colour: "#0072B2", fillOpacity: 0.38, dash: "", hatched: false, line: false },
        { text: "Claimed only", colour: "#777777", fillOpacity: 0.14, dash: "7,4", hatched: true, line: false },
        { text: "Line of contact", colour: "#222222", fillOpacity: 0, dash: "9,5", hatched: false, line: true },
      ],
    });
    assert.equal(legend.localName, "details");
    assert.equal(legend.children[0].textContent, HOSTILE[0]);
    const swatches = legend.find((e) => e.localName === "svg");
    assert.equal(swatches.length, 3);
    assert.equal(swatches[0].find((e) => e.localName === "line").length, 0);
    assert.equal(swatches[1].find((e) => e.localName === "line").length, 3);
    assert.equal(swatches[1].children[0].getAttribute("stroke-dasharray"), "7,4");
    assert.equal(swatches[2].children[0].localName, "line");
    assert.ok(legend.serialize().includes("&lt;/dd&gt;&lt;script&gt;"));
  });

  it("names a hatch pattern by its colour only", () => {
    assert.equal(hatchId("#0072B2"), "em-hatch-0072B2");
    assert.equal(hatchId('#00"/><script>'), "em-hatch-00script");
  });
});

describe("control states in playback", () => {
  const states = [{ day: "2020-09-26" }, { day: "2020-09-27" }, { day: "2020-11-08" }, { day: "2020-12-01" }];
  for (const [iso, index] of [["2020-09-01", 0], ["2020-09-26", 0], ["2020-09-27", 1], ["2020-11-07", 1],
                               ["2020-11-08", 2], ["2020-11-30", 2], ["2020-12-01", 3], ["2021-01-01", 3]]) {
    it(`picks the state in force on ${iso}`, () => {
      assert.equal(stateOn(states, iso), index);
    });
  }
});
