/* The playback page's keys. `keyAction` is pure: a keydown event -> the name of an action, or null.
 *
 * Space plays or pauses; ArrowLeft is one day earlier and ArrowRight one day later in every language
 * (the timeline runs left to right in right-to-left pages too, as media timelines do). Home / End: first /
 * last day. PageDown / PageUp (what presentation clickers send) or N / P: next / previous story event.
 * Escape closes the card; ArrowDown / ArrowUp turn its pages when it has several. Keys typed into a form field (not the slider) stay with the field.
 */

const ACTIONS = {
  " ": "toggle",
  Spacebar: "toggle",
  ArrowLeft: "back",
  ArrowRight: "forward",
  Home: "first",
  End: "last",
  PageDown: "storyNext",
  n: "storyNext",
  N: "storyNext",
  PageUp: "storyPrev",
  p: "storyPrev",
  P: "storyPrev",
  Escape: "close",
  ArrowDown: "cardNext",
  ArrowUp: "cardPrev",
};

export function isTyping(target) {
  if (!target || !target.tagName) return false;
  const tag = target.tagName.toLowerCase();
  return tag === "select" || tag === "textarea" || (tag === "input" && target.type !== "range");
}

export function keyAction(event) {
  if (event.altKey || event.ctrlKey || event.metaKey || isTyping(event.target)) return null;
  return Object.hasOwn(ACTIONS, event.key) ? ACTIONS[event.key] : null;
}

// Listens on `target` (the window) before anything else; `handlers` maps action names to functions.
export function listenForKeys(target, handlers) {
  target.addEventListener(
    "keydown",
    (event) => {
      const action = keyAction(event);
      if (!action) return;
      handlers[action]();
      event.preventDefault();
      event.stopPropagation();
    },
    true,
  );
}
