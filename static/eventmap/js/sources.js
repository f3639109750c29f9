/* One source of an event, for the map's popup and the playback's card alike: a link only when its address
 * is http(s) (shown decoded, without the scheme; the whole address as its title), else its text as text.
 *
 *   sourceItem(doc, [address or "", text]) -> <li>      (eventmap.scene.cards.Source: url, text)
 */

import { make, webLink } from "./dom.js";
import { isWebLink, linkText } from "./links.js";

export function sourceItem(doc, source) {
  const item = make(doc, "li");
  const [href, text] = source;
  if (isWebLink(href)) {
    item.appendChild(webLink(doc, href, linkText(href)));
  } else {
    const shown = make(doc, "span", null, text === null || text === undefined ? "" : String(text));
    shown.setAttribute("dir", "auto");
    item.appendChild(shown);
  }
  return item;
}
