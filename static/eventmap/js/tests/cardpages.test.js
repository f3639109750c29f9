import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { paginateCard, pageStarts } from "../cardpages.js";
import { fakeDocument } from "./fake-dom.js";

describe("page breaks", () => {
  const cases = [
    ["everything fits", [100, 200, 300], 600, [0]],
    ["a break before the block that does not fit", [100, 200, 300], 400, [0, 2]],
    ["one block a page", [300, 300, 300], 400, [0, 1, 2]],
    ["a block taller than the room gets a page of its own", [100, 900, 100], 400, [0, 1, 2]],
    ["exactly full", [200, 200, 200, 200], 400, [0, 2]],
    ["no blocks", [], 400, [0]],
  ];
  for (const [name, heights, room, expected] of cases) {
    it(name, () => assert.deepEqual(pageStarts(heights, room), expected));
  }
});

// A card body whose blocks have the given heights, laid out one under the other in a box of `room` px.
function cardBody(doc, blocks, room) {
  const body = doc.createElement("div");
  let top = 0;
  for (const [tag, height] of blocks) {
    const element = body.appendChild(doc.createElement(tag));
    element.offsetTop = top;
    top += height;
  }
  body.scrollHeight = top;
  body.clientHeight = Math.min(top, room);
  return body;
}

function pager(doc) {
  const root = doc.createElement("div");
  return { root, prev: doc.createElement("button"), next: doc.createElement("button"), position: doc.createElement("span") };
}

const words = { s: (key, values) => `${key} ${values.n}/${values.total}` };
const shown = (body) => body.children.map((element) => !element.hidden);

describe("the card in pages", () => {
  it("a card that fits is one page with no pager", () => {
    const doc = fakeDocument();
    const body = cardBody(doc, [["h2", 50], ["p", 100]], 500);
    const nav = pager(doc);
    const pages = paginateCard(body, nav, words);
    assert.equal(pages.count, 1);
    assert.equal(nav.root.hidden, true);
    assert.deepEqual(shown(body), [true, true]);
  });

  it("a long card shows one page at a time, a heading stays with its block, and turns", () => {
    const doc = fakeDocument();
    const body = cardBody(doc, [["h2", 60], ["dl", 200], ["h3", 40], ["p", 250], ["h3", 40], ["ul", 120]], 400);
    const nav = pager(doc);
    const pages = paginateCard(body, nav, words);
    assert.equal(pages.count, 3);
    assert.equal(nav.root.hidden, false);
    assert.deepEqual(shown(body), [true, true, false, false, false, false]);
    assert.equal(nav.position.textContent, "card.page 1/3");
    assert.equal(nav.prev.disabled, true);
    assert.equal(pages.turn(1), true);
    assert.deepEqual(shown(body), [false, false, true, true, false, false]);
    assert.equal(pages.turn(1), true);
    assert.deepEqual(shown(body), [false, false, false, false, true, true]);
    assert.equal(nav.next.disabled, true);
    assert.equal(pages.turn(1), false); // the last page stays
    assert.equal(pages.turn(-2), true);
    assert.equal(pages.page, 0);
  });

  it("a long list goes on over pages item by item, its heading with its first item", () => {
    const doc = fakeDocument();
    const body = doc.createElement("div");
    const title = body.appendChild(doc.createElement("h2"));
    title.offsetTop = 0;
    const heading = body.appendChild(doc.createElement("h3"));
    heading.offsetTop = 100;
    const list = body.appendChild(doc.createElement("ul"));
    const items = [130, 280, 430].map((top) => {
      const item = list.appendChild(doc.createElement("li"));
      item.offsetTop = top;
      return item;
    });
    body.scrollHeight = 580;
    body.clientHeight = 400;
    const nav = pager(doc);
    const pages = paginateCard(body, nav, words);
    assert.equal(pages.count, 2);
    const state = () => [title, heading, list, ...items].map((element) => !element.hidden);
    assert.deepEqual(state(), [true, true, true, true, false, false]);
    pages.turn(1);
    assert.deepEqual(state(), [false, false, true, false, true, true]);
  });
});
