/* Stepping through a story (a list of event ids) with no page access. */

// The indices of the story's events that the data has, in the story's order.
export function storyIndices(ids, rowIds) {
  const byId = new Map();
  rowIds.forEach((id, i) => {
    byId.set(id, i);
  });
  return ids.filter((id) => byId.has(id)).map((id) => byId.get(id));
}

// The story position after a step of `delta` from `current` (-1: not started), kept within the story.
export function storyStepIndex(current, delta, length) {
  if (!length) return -1;
  const next = current < 0 ? (delta > 0 ? 0 : length - 1) : current + delta;
  return Math.min(Math.max(next, 0), length - 1);
}
