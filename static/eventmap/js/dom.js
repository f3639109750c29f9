/* Building page elements from data: text goes in only as text nodes (textContent), never as markup.
 * Every function takes the document (`doc`) it builds in, so tests can pass a small fake one.
 */

export const SVG_NS = "http://www.w3.org/2000/svg";

export function make(doc, tag, className, text) {
  const element = doc.createElement(tag);
  if (className) element.className = className;
  if (text !== undefined && text !== null) element.textContent = String(text);
  return element;
}

export function setText(element, text) {
  element.textContent = text;
  return element;
}

// An <a> to an http(s) address, or null for anything else (javascript:, data:, relative ...).
export function webLink(doc, href, shown) {
  const link = make(doc, "a", null, shown.text);
  link.href = href;
  link.target = "_blank";
  link.rel = "noopener noreferrer";
  link.title = shown.title;
  link.setAttribute("dir", "ltr");
  return link;
}

// A text as HTML that shows it literally: only for the Leaflet calls that take markup and no element (the
// layer switch's names, the attribution line). Everything else builds elements with `make`.
export function escapeHtml(text) {
  return String(text ?? "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}
