/* Link safety, with no page access: only http(s) addresses become links; anything else stays text. */

const WEB = /^https?:\/\//i;

export function isWebLink(href) {
  return typeof href === "string" && WEB.test(href);
}

// What a link shows: the address decoded (readable non-Latin paths), without the scheme and "www.".
export function linkText(href) {
  let shown;
  try {
    shown = decodeURI(href);
  } catch {
    shown = href;
  }
  return { text: shown.replace(/^https?:\/\/(www\.)?/i, ""), title: shown };
}
