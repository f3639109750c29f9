/* The event card in pages that each fit the card's box: a long card (the event, its original words, its
 * sources, its details) is read page by page instead of scrolled, from the back of a classroom.
 *
 *   pageStarts(heights, room)  pure: the index of the first block of each page
 *   paginateCard(body, nav)    splits the card body's blocks into pages and shows the first
 *
 * A heading is kept with the block after it. A block taller than the box gets a page of its own (and
 * scrolls: nothing is cut off).
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

// The body's children as blocks: a heading (h2/h3) joins the block that follows it.
function blocksOf(body) {
  const blocks = [];
  let pending = [];
  for (const child of Array.from(body.children)) {
    pending.push(child);
    if (!/^H[1-6]$/.test(child.tagName)) {
      blocks.push(pending);
      pending = [];
    }
  }
  if (pending.length) blocks.push(pending);
  return blocks;
}

// Shows page `index` of `pages` (lists of blocks), and the pager's position.
function showPage(pages, index, nav, words) {
  pages.forEach((page, i) => {
    for (const block of page) for (const element of block) element.hidden = i !== index;
  });
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
  for (const block of blocks) for (const element of block) element.hidden = false;
  nav.root.hidden = true;
  let pages = [blocks];
  if (body.scrollHeight > body.clientHeight + 1) {
    nav.root.hidden = false; // the pager takes its room before the page's room is measured
    const room = body.clientHeight - ROOM_SLACK_PX;
    const tops = blocks.map((block) => block[0].offsetTop);
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
