import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { fillCard } from "../cards.js";
import { renderBar, renderStaticTexts, renderTitle } from "../controls.js";
import { shapeIcon } from "../icons.js";
import { fillLegend } from "../legend.js";
import { sourceItem } from "../sources.js";
import { fakeDocument } from "./fake-dom.js";

const HOSTILE = [
  "<script>alert(1)</script>",
  '<img src=x onerror="alert(1)">',
  "javascript:alert(1)",
  "</dd><b onclick=alert(1)>x</b>",
  // biome-ignore lint/suspicious/noTemplateCurlyInString: data text that looks like a template, on purpose
  "{{ config }} & ${x}",
];

const cfg = {
  markerRadius: 13, markerOutline: 3, minOpacity: 0.3,
  shapes: { circle: "M12 4a8 8 0 1 0 0.01 0z", triangle: "M12 3L21 20H3z" },
  statusStyles: {
    confirmed: { filled: true, fillOpacity: 0.9, stroke: 1, dash: null, opacity: 1 },
    claimed: { filled: false, fillOpacity: 0.5, stroke: 2.5, dash: null, opacity: 0.9 },
  },
};

const s = (key, values) => (values ? `${key} ${JSON.stringify(values)}` : key);
const words = { s, translated: (_prefix, value) => value, longDate: (iso) => `long ${iso}`, lang: "en" };

// No element of a kind that runs or loads anything, no event-handler attribute, links only http(s).
function assertInert(root) {
  for (const element of root.all()) {
    assert.ok(!["script", "img", "iframe", "object", "b", "style"].includes(element.localName), element.localName);
    for (const [name] of element.attributes) assert.ok(!/^on/i.test(name), name);
    if (element.localName === "a") assert.match(element.getAttribute("href"), /^https?:\/\//);
  }
}

function hostileEvent(text, doc) {
  const values = {
    id: text, place: text, report_date: "2024-03-02", side: text, status: text, claimed_by: text, disputed_by: text,
    description: text, description_original: text, language: "uk", event_type: text, sub_event_type: text,
    actor: text, target: text, verification: text, fatalities: text, injured: text, notes: text,
    sources: [["", text], ["", "javascript:alert(1)"], ["https://example.org/a?b=<c>", text]],
  };
  return {
    field: (name) => values[name], iso: "2024-03-01", located: false, storyLine: text,
    sideIcon: shapeIcon(doc, cfg, "circle", "#cc0000", "confirmed", 26),
  };
}

describe("the event card", () => {
  for (const text of HOSTILE) {
    it(`puts ${JSON.stringify(text)} in as text only`, () => {
      const doc = fakeDocument();
      const body = doc.createElement("div");
      fillCard(doc, body, hostileEvent(text, doc), words);
      assertInert(body);
      const html = body.serialize();
      assert.ok(!html.includes("<script"), html);
      assert.ok(!html.includes("<img"), html);
      assert.ok(body.textContent.includes(text));
      const links = body.find((e) => e.localName === "a");
      assert.equal(links.length, 1);
      assert.equal(links[0].href, "https://example.org/a?b=<c>");
      assert.equal(links[0].rel, "noopener noreferrer");
    });
  }

  it("lays out the fields in order, leaving empty ones out", () => {
    const doc = fakeDocument();
    const body = doc.createElement("div");
    const values = {
      place: "Kupiansk", side: "Ukraine", status: "confirmed", event_type: "shelling", description: "Shelling.", fatalities: 0,
    };
    const event = { field: (n) => values[n] ?? "", iso: "2024-03-01", located: true, storyLine: null, sideIcon: null };
    fillCard(doc, body, event, words);
    const tags = body.children.map((e) => e.localName);
    assert.deepEqual(tags, ["h2", "p", "dl", "h3", "p", "dl"]);
    assert.equal(body.children[0].textContent, "Kupiansk");
    assert.equal(body.children[1].textContent, "long 2024-03-01");
    const terms = body.find((e) => e.localName === "dt").map((e) => e.textContent);
    assert.deepEqual(terms, ["card.side", "card.status", "card.disputed_by", "card.type", "card.fatalities"]);
  });

  it("puts the source's own words first when they are in the page's language", () => {
    const doc = fakeDocument();
    const values = { description: "English", description_original: "Українською", language: "uk" };
    const event = { field: (n) => values[n] ?? "", iso: "2024-03-01", located: true, storyLine: null, sideIcon: null };
    const order = (lang) => {
      const body = doc.createElement("div");
      fillCard(doc, body, event, { ...words, lang });
      return body.children.map((e) => e.className || e.localName).filter((c) => /description|original/.test(c));
    };
    assert.deepEqual(order("en"), ["pb-card-description", "pb-card-original"]);
    assert.deepEqual(order("uk"), ["pb-card-original", "pb-card-description"]);
  });

  it("a source without a web address is its name, as text", () => {
    const doc = fakeDocument();
    for (const href of ["javascript:alert(1)", "data:text/html,<b>x</b>", "//evil.example", "", null]) {
      const item = sourceItem(doc, [href, "<b>Name</b>"]);
      assert.equal(item.find((e) => e.localName === "a").length, 0);
      assert.equal(item.serialize(), '<li><span dir="auto">&lt;b&gt;Name&lt;/b&gt;</span></li>');
    }
  });
});

describe("the legend", () => {
  for (const text of HOSTILE) {
    it(`names sides, types and statuses ${JSON.stringify(text)} as text`, () => {
      const doc = fakeDocument();
      const legend = doc.createElement("section");
      const data = { sides: [[text, "#cc0000"]], types: [[text, "triangle"]], statuses: ["confirmed"] };
      const icon = (shape, colour, status, size) => shapeIcon(doc, cfg, shape, colour, status, size);
      fillLegend(doc, legend, { data, cfg, mode: "cumulative", icon }, words);
      assertInert(legend);
      const spans = legend.find((e) => e.localName === "span").map((e) => e.textContent);
      assert.deepEqual(spans, [text, text, "confirmed", "legend.today", "legend.older"]);
    });
  }
  it("shows no ages in day mode", () => {
    const doc = fakeDocument();
    const legend = doc.createElement("section");
    const data = { sides: [], types: [], statuses: [] };
    fillLegend(doc, legend, { data, cfg, mode: "day", icon: () => doc.createElement("i") }, words);
    assert.equal(legend.find((e) => e.className.includes("pb-legend-ages")).length, 0);
  });
  it("is folded to the sides at first; its title unfolds the rest and the choice outlives a new language", () => {
    const doc = fakeDocument();
    const legend = doc.createElement("section");
    const data = { sides: [["Armenia", "#cc0000"]], types: [["Battles", "diamond"]], statuses: ["confirmed"] };
    const parts = { data, cfg, mode: "cumulative", icon: () => doc.createElement("i") };
    fillLegend(doc, legend, parts, words);
    const toggle = () => legend.find((e) => e.className === "pb-legend-toggle")[0];
    assert.equal(legend.getAttribute("data-open"), "false");
    assert.equal(toggle().getAttribute("aria-expanded"), "false");
    assert.equal(toggle().textContent, "legend.title");
    const folded = legend.find((e) => e.className.includes("pb-legend-more")).map((e) => e.textContent);
    assert.ok(folded.some((text) => text.includes("Battles")));
    assert.ok(!folded.some((text) => text.includes("Armenia")));
    toggle().dispatch("click");
    assert.equal(legend.getAttribute("data-open"), "true");
    assert.equal(toggle().getAttribute("aria-expanded"), "true");
    fillLegend(doc, legend, parts, words);
    assert.equal(toggle().getAttribute("aria-expanded"), "true");
    toggle().dispatch("click");
    assert.equal(legend.getAttribute("data-open"), "false");
  });
});

describe("icons", () => {
  it("draw the shape's path in the side's colour", () => {
    const doc = fakeDocument();
    const svg = shapeIcon(doc, cfg, "triangle", "#cc0000", "confirmed", 32);
    assert.equal(svg.namespaceURI, "http://www.w3.org/2000/svg");
    const path = svg.children[0];
    assert.equal(path.getAttribute("d"), cfg.shapes.triangle);
    assert.equal(path.getAttribute("fill"), "#cc0000");
    assert.equal(shapeIcon(doc, cfg, "nonsense", "#000", "claimed", 10).children[0].getAttribute("d"), cfg.shapes.circle);
  });
});

function skeleton(doc) {
  const ids = [
    "pb-title-text", "pb-date", "pb-dayof", "pb-range", "pb-filters", "pb-count", "pb-play", "pb-play-text", "pb-slider",
    "pb-window-wrap", "pb-story", "pb-story-pos", "pb-bar", "pb-back", "pb-fwd", "pb-speed-label", "pb-mode-label",
    "pb-window-label", "pb-speed", "pb-mode", "pb-window", "pb-story-prev", "pb-story-next", "pb-story-label",
    "pb-langs", "pb-keys", "pb-help", "pb-card-close",
  ];
  for (const id of ids) doc.add(id);
}

describe("the title block and the control bar", () => {
  for (const text of HOSTILE) {
    it(`write titles, filters, story and language names ${JSON.stringify(text)} as text`, () => {
      const doc = fakeDocument();
      skeleton(doc);
      const state = { lang: "en", day: 3, mode: "window", windowDays: 7, speed: 1, playing: false, storyIndex: 0 };
      const config = {
        firstDay: 0, lastDay: 9, withoutPlace: 2, titles: { en: text }, filters: { en: text }, speeds: [0.5, 1],
        story: { ids: ["a", "b"], titles: { en: text } }, languageSwitch: true, languages: [["en", text], ["ar", "عربي"]],
      };
      const page = {
        doc, $: (id) => doc.getElementById(id), cfg: config, state, s, longDate: words.longDate,
        isoOf: (day) => `2024-03-0${day + 1}`, perLang: (table) => table.en,
      };
      const chosen = [];
      renderStaticTexts(page, (code) => chosen.push(code));
      renderTitle(page, 5);
      renderBar(page);
      const $ = page.$;
      assert.equal($("pb-title-text").textContent, text);
      assert.equal($("pb-filters").textContent, text);
      assert.equal($("pb-story").getAttribute("title"), text);
      assert.equal($("pb-date").getAttribute("data-date"), "2024-03-04");
      assert.equal($("pb-story-pos").textContent, 'story.position {"n":1,"total":2}');
      assert.equal($("pb-window-wrap").hidden, false);
      assert.equal($("pb-count").textContent, 'playback.events_shown {"count":5} · playback.not_on_map {"count":2}');
      const buttons = $("pb-langs").children;
      assert.deepEqual(buttons.map((b) => b.textContent), [text, "عربي"]);
      assert.deepEqual(buttons.map((b) => b.getAttribute("aria-pressed")), ["true", "false"]);
      buttons[1].dispatch("click");
      assert.deepEqual(chosen, ["ar"]);
      assert.deepEqual($("pb-speed").children.map((o) => o.value), ["0.5", "1"]);
      assert.equal($("pb-mode").value, "window");
      for (const id of ["pb-title-text", "pb-filters", "pb-langs"]) assertInert($(id));
    });
  }
});
