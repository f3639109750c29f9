/* The project's marker outlines (eventmap.styling.SHAPES: SVG paths in a 24x24 box centred on 12,12),
 * parsed once and placed at a point at a scale, for Leaflet's SVG renderer. No page access.
 */

export function parsePath(d) {
  const commands = [];
  for (const token of d.match(/[a-zA-Z]|-?(?:\d+\.?\d*|\.\d+)(?:e[-+]?\d+)?/g) || []) {
    if (/^[a-zA-Z]$/.test(token)) commands.push({ c: token, n: [] });
    else if (commands.length) commands[commands.length - 1].n.push(+token);
  }
  return commands;
}

// The path moved to (x, y) and scaled by k (absolute M/L/H/V/A commands move; relative ones only scale).
export function placePath(commands, x, y, k) {
  let out = "";
  const X = (v) => (x + (v - 12) * k).toFixed(1);
  const Y = (v) => (y + (v - 12) * k).toFixed(1);
  const S = (v) => (v * k).toFixed(1);
  for (const { c, n } of commands) {
    let parts = [];
    switch (c) {
      case "M":
      case "L":
      case "T":
        for (let i = 0; i + 1 < n.length; i += 2) parts.push(`${X(n[i])},${Y(n[i + 1])}`);
        break;
      case "m":
      case "l":
      case "t":
        for (let i = 0; i + 1 < n.length; i += 2) parts.push(`${S(n[i])},${S(n[i + 1])}`);
        break;
      case "H":
        parts = n.map(X);
        break;
      case "V":
        parts = n.map(Y);
        break;
      case "h":
      case "v":
        parts = n.map(S);
        break;
      case "A":
      case "a":
        for (let i = 0; i + 6 < n.length; i += 7) {
          const end = c === "A" ? `${X(n[i + 5])},${Y(n[i + 6])}` : `${S(n[i + 5])},${S(n[i + 6])}`;
          parts.push(`${S(n[i])},${S(n[i + 1])} ${n[i + 2]} ${n[i + 3]},${n[i + 4]} ${end}`);
        }
        break;
      default:
        parts = [];
    }
    out += c + parts.join(" ");
  }
  return out;
}
