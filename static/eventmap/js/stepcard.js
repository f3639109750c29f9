/* A teacher's story in steps on the playback page: where a step's map looks, and its card. No page access
 * beyond the document it is given; every text goes in as text.
 *
 *   stepView(step, points)                        { bbox } | { center, zoom } | { points } | null
 *   fillStepCard(doc, body, shown)                the step's card: the story and "Step n of N", the title, the
 *                                                 dates, the text
 */

import { make } from "./dom.js";

// Where the map looks for `step` ({ view: { bbox: [S, W, N, E] } | { center: [lat, lon], zoom } | null }):
// its own view, or else the places of its highlighted events (`points`, [[lat, lon]]), or else nowhere new.
export function stepView(step, points) {
  const view = step.view;
  if (view?.bbox) {
    const [south, west, north, east] = view.bbox;
    return { bbox: [[south, west], [north, east]] };
  }
  if (view?.center) return { center: view.center, zoom: view.zoom };
  return points.length ? { points } : null;
}

// shown: { storyTitle, position (e.g. "Step 2 of 3"), title, dates, text } in the page's language.
export function fillStepCard(doc, body, shown) {
  body.textContent = "";
  body.appendChild(make(doc, "p", "pb-card-story", [shown.storyTitle, shown.position].filter(Boolean).join(" · ")));
  const title = body.appendChild(make(doc, "h2", "pb-card-place pb-step-title", shown.title));
  title.setAttribute("dir", "auto");
  body.appendChild(make(doc, "p", "pb-card-date pb-step-dates", shown.dates));
  const text = body.appendChild(make(doc, "p", "pb-step-text", shown.text));
  text.setAttribute("dir", "auto");
}
