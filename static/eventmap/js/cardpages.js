/* The event card in pages that each fit the card's box: a long card (the event, its original words, its
 * sources, its details) is read page by page instead of scrolled, from the back of a classroom.
 *
 *   pageStarts(heights, room)  pure: the index of the first block of each page
 *   paginateCard(body, nav)    splits the card body's blocks into pages and shows the first
 *
 * A heading is kept with the block after it; a list (sources, facts) may go on over pages, item by item
 * (a term with its definitions). A block taller than the box gets a page of its own (and scrolls: nothing
 * is cut off).
 */

import { setText } from "./dom.js";

// The margins at a page's ends and rounding: a page is measured from its blocks' tops.
const ROOM_SLACK_PX = 16;

// Greedy: each page takes blocks while their heights fit in `room`.
export function pageStarts(heights, room) {
  const starts = [0];
  let used = 0;
  heights.forEach((height, i) => {
    if (i > 0 && used + height > room) {
      starts.push(i);
      used = 0;
    }
    used += height;
  });
  return starts;
}

const LISTS = /^(UL|OL|DL)$/;
const HEADINGS = /^H[1-6]$/;

// A list's items as units: an item, or a term with its definitions.
function unitsOfList(list) {
  const units = [];
  for (const child of Array.from(list.children)) {
    if (list.tagName === "DL" && child.tagName === "DD" && units.length) units[units.length - 1].push(child);
    else units.push([child]);
  }
  return units;
}

// The body's children as blocks { shown: elements, within: the lists they are items of }: a heading
// joins the block that follows it; a list of several items is one block per item.
function blocksOf(body) {
  const blocks = [];
  let pending = [];
  for (const child of Array.from(body.children)) {
    if (HEADINGS.test(child.tagName)) {
      pending.push(child);
      continue;
    }
    const units = LISTS.test(child.tagName) && child.children.length > 1 ? unitsOfList(child) : [];
    if (units.length > 1) {
      units.forEach((items, k) => {
        blocks.push({ shown: k === 0 ? [...pending, ...items] : items, within: [child] });
      });
    } else {
      blocks.push({ shown: [...pending, child], within: [] });
    }
    pending = [];
  }
  if (pending.length) blocks.push({ shown: pending, within: [] });
  return blocks;
}

function setShown(block, shown) {
  for (const element of block.within) element.hidden = !shown;
  for (const element of block.shown) element.hidden = !shown;
}

// Shows page `index` of `pages` (lists of blocks), and the pager's position.
function showPage(pages, index, nav, words) {
  for (const page of pages) for (const block of page) setShown(block, false);
  for (const block of pages[index]) setShown(block, true);
  nav.root.hidden = pages.length < 2;
  nav.root.setAttribute("data-page", String(index));
  nav.root.setAttribute("data-pages", String(pages.length));
  setText(nav.position, words.s("card.page", { n: index + 1, total: pages.length }));
  nav.prev.disabled = index === 0;
  nav.next.disabled = index === pages.length - 1;
}

// Lays the card body out in pages that fit its box; returns { count, page(), turn(delta) }.
// `nav` is { root, prev, next, position } (the pager's elements); `words.s(key, values)` the strings.
export function paginateCard(body, nav, words) {
  const blocks = blocksOf(body);
  for (const block of blocks) setShown(block, true);
  nav.root.hidden = true;
  let pages = [blocks];
  if (body.scrollHeight > body.clientHeight + 1) {
    nav.root.hidden = false; // the pager takes its room before the page's room is measured
    const room = body.clientHeight - ROOM_SLACK_PX;
    const tops = blocks.map((block) => block.shown[0].offsetTop);
    const heights = tops.map((top, i) => (i + 1 < tops.length ? tops[i + 1] : body.scrollHeight) - top);
    const starts = pageStarts(heights, room);
    pages = starts.map((start, i) => blocks.slice(start, i + 1 < starts.length ? starts[i + 1] : blocks.length));
  }
  let index = 0;
  showPage(pages, index, nav, words);
  return {
    get count() {
      return pages.length;
    },
    get page() {
      return index;
    },
    turn(delta) {
      const next = Math.min(Math.max(index + delta, 0), pages.length - 1);
      if (next === index) return false;
      index = next;
      showPage(pages, index, nav, words);
      body.scrollTop = 0;
      return true;
    },
  };
}
