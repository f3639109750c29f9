import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { grown, labelsNear, leaderCrosses, NAME_GAP_PX, overlapArea, placeLabels, spotBox } from "../placelabels.js";

const label = (x, y, extra = {}) => ({ x, y, w: 60, h: 20, clearance: 12, rank: 1, keep: false, ...extra });
const intersects = (a, b) => overlapArea(a, b) > 0;

describe("boxes", () => {
  const cases = [
    ["apart", [0, 0, 10, 10], [20, 20, 30, 30], 0],
    ["touching edges do not overlap", [0, 0, 10, 10], [10, 0, 20, 10], 0],
    ["a corner", [0, 0, 10, 10], [5, 5, 15, 15], 25],
    ["inside", [0, 0, 10, 10], [2, 2, 4, 4], 4],
  ];
  for (const [name, a, b, area] of cases) it(name, () => assert.equal(overlapArea(a, b), area));

  const spots = [
    ["right of the point", [1, 0], [112, 90, 172, 110]],
    ["left of the point", [-1, 0], [28, 90, 88, 110]],
    ["above", [0, -1], [70, 68, 130, 88]],
    ["below", [0, 1], [70, 112, 130, 132]],
  ];
  for (const [name, spot, box] of spots) it(name, () => assert.deepEqual(spotBox(100, 100, 60, 20, spot, 12), box));
});

describe("placing names", () => {
  it("puts a lone name right beside its point, with no leader line", () => {
    const [spot] = placeLabels([label(100, 100)], [], [0, 0, 500, 500]);
    assert.deepEqual(spot, { box: [112, 90, 172, 110], leader: false });
  });

  it("never over a marker or a cluster icon: it moves round its point", () => {
    const cluster = [110, 80, 160, 120]; // right of the point, where the name would go first
    const [spot] = placeLabels([label(100, 100)], [cluster], [0, 0, 500, 500]);
    assert.equal(intersects(spot.box, cluster), false);
    assert.equal(spot.leader, false);
  });

  it("moves farther, with a leader line, when every spot beside the point is taken", () => {
    const icons = [[104, 85, 118, 115], [82, 85, 96, 115]]; // cluster icons just right and left of the point
    const [spot] = placeLabels([label(100, 100)], icons, [0, 0, 500, 500]);
    assert.equal(spot.leader, true);
    // above the point: a leader line to the right or left would pass under one of the icons
    assert.deepEqual(spot.box.map((v) => Math.round(v * 10) / 10), [70, 57.2, 130, 77.2]);
    assert.equal(leaderCrosses(100, 100, spot.box, icons), false);
  });

  it("no two names intersect; the higher rank gets its room and the lower gives way", () => {
    const labels = [label(100, 100, { rank: 1 }), label(100, 100, { rank: 9 }), label(103, 101, { rank: 5 })];
    const spots = placeLabels(labels, [], [0, 0, 500, 500]);
    assert.deepEqual(spots[1], { box: [112, 90, 172, 110], leader: false });
    const placed = spots.filter(Boolean).map((s) => s.box);
    for (let i = 0; i < placed.length; i++) {
      for (let j = i + 1; j < placed.length; j++) assert.equal(intersects(placed[i], placed[j]), false);
    }
  });

  it("a name never covers another place's point", () => {
    const spots = placeLabels([label(100, 100, { rank: 9 }), label(140, 100)], [], [0, 0, 500, 500]);
    const otherPoint = [136, 96, 144, 104];
    assert.equal(intersects(spots[0].box, otherPoint), false);
  });

  it("a kept name (the story's place) is never dropped, even with no free room", () => {
    const everywhere = [[0, 0, 500, 500]];
    const spots = placeLabels([label(100, 100, { keep: true }), label(300, 300, { rank: 99 })], everywhere, [0, 0, 500, 500]);
    assert.notEqual(spots[0], null);
    assert.equal(spots[1], null);
  });

  it("a kept name is placed before a higher rank", () => {
    const spots = placeLabels([label(100, 100, { rank: 99 }), label(100, 100, { keep: true })], [], [0, 0, 500, 500]);
    assert.deepEqual(spots[1].box, [112, 90, 172, 110]);
  });

  it("a name stays inside the view, and a point outside it is not named", () => {
    const spots = placeLabels([label(490, 100), label(600, 100)], [], [0, 0, 500, 500]);
    assert.ok(spots[0].box[2] <= 500);
    assert.equal(spots[1], null);
  });
});

describe("leader lines and the day's places", () => {
  it("a leader line through a placed name counts as crossing it", () => {
    assert.equal(leaderCrosses(0, 0, [100, -10, 160, 10], [[40, -5, 60, 5]]), true);
    assert.equal(leaderCrosses(0, 0, [100, -10, 160, 10], [[40, 20, 60, 30]]), false);
  });

  it("finds the labels at the places of given points", () => {
    const rows = [[39.8177, 46.7528, "Stepanakert", 1011], [40.1777, 44.5126, "Yerevan", 5000], [40.3777, 49.892, "Baku", 5000]];
    assert.deepEqual([...labelsNear(rows, [[39.818, 46.7525], [40.38, 49.89]], 0.02)], [0, 2]);
    assert.deepEqual([...labelsNear(rows, [], 0.02)], []);
  });
});

describe("room between names and across leader lines", () => {
  const gapBetween = (a, b) => Math.max(a[0] - b[2], b[0] - a[2], a[1] - b[3], b[1] - a[3]);

  it("keeps NAME_GAP_PX between two names, so that Arabic names never touch", () => {
    // Two points one name-height apart: without the gap the second name would sit edge to edge with the first.
    const spots = placeLabels([label(100, 100, { rank: 9 }), label(100, 120)], [], [0, 0, 500, 500]);
    assert.ok(spots[0] && spots[1]);
    assert.ok(gapBetween(spots[0].box, spots[1].box) >= NAME_GAP_PX, JSON.stringify(spots));
  });

  it("a gap of 0 lets names touch (the option is what keeps them apart)", () => {
    const spots = placeLabels([label(100, 100, { rank: 9 }), label(100, 120)], [], [0, 0, 500, 500], { gap: 0 });
    assert.equal(gapBetween(spots[0].box, spots[1].box), 0);
  });

  it("no name lies across another name's leader line (200 crowded maps)", () => {
    let seed = 7;
    const random = () => {
      seed = (seed * 16807) % 2147483647;
      return seed / 2147483647;
    };
    let leaders = 0;
    for (let map = 0; map < 200; map++) {
      const labels = Array.from({ length: 14 }, (_, i) =>
        label(60 + random() * 180, 60 + random() * 180, { rank: i, w: 30 + random() * 50, h: 16 }));
      const icons = Array.from({ length: 6 }, () => {
        const [x, y, r] = [60 + random() * 180, 60 + random() * 180, 8 + random() * 14];
        return [x - r, y - r, x + r, y + r];
      });
      const spots = placeLabels(labels, icons, [0, 0, 300, 300]);
      spots.forEach((spot, i) => {
        if (!spot?.leader) return;
        leaders++;
        spots.forEach((other, j) => {
          if (other && j !== i) {
            assert.equal(leaderCrosses(labels[i].x, labels[i].y, spot.box, [other.box]), false, `map ${map}`);
          }
        });
      });
    }
    assert.ok(leaders > 20, `only ${leaders} leader lines: the maps are not crowded enough`);
  });

  it("with `rings: [1]` a name goes beside its point or nowhere (no leader line)", () => {
    const icons = [[104, 85, 118, 115], [82, 85, 96, 115], [85, 70, 115, 130]];
    const [spot] = placeLabels([label(100, 100)], icons, [0, 0, 500, 500], { rings: [1] });
    assert.equal(spot, null);
  });

  it("a leader line goes round another place's cluster icon when it can", () => {
    const own = [70, 75, 130, 125]; // the icon on the label's own point: every spot near the point is under it
    const [alone] = placeLabels([label(100, 100)], [own], [0, 0, 500, 500]);
    assert.equal(alone.leader, true);
    assert.ok(alone.box[0] >= 100, "first choice: right of the point");
    const other = [128, 94, 134, 106]; // another cluster icon on the way to that spot
    const [spot] = placeLabels([label(100, 100)], [own, other], [0, 0, 500, 500]);
    assert.equal(spot.leader, true);
    assert.equal(leaderCrosses(100, 100, spot.box, [other]), false, JSON.stringify(spot));
  });

  it("grows a box on every side", () => assert.deepEqual(grown([10, 20, 30, 40], 4), [6, 16, 34, 44]));
});
