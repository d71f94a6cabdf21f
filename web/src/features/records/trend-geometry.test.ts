import { PHQ9, GAD7 } from '@anxin/common';
import { describe, expect, it } from 'vitest';
import { scoreY, timeXs, trendGeometry } from './trend-geometry.ts';

const sum = (def: typeof PHQ9) => {
  if (def.scoring.kind !== 'sum') throw new Error('not sum-scored');
  return def.scoring;
};

describe('scoreY', () => {
  it('puts 0 at the bottom and the maximum at the top', () => {
    expect(scoreY(0, 27, 8, 156)).toBe(156);
    expect(scoreY(27, 27, 8, 156)).toBe(8);
    expect(scoreY(13.5, 27, 8, 156)).toBe(82);
  });

  it('pins scores outside the range to its edges', () => {
    expect(scoreY(-3, 27, 8, 156)).toBe(156);
    expect(scoreY(40, 27, 8, 156)).toBe(8);
  });
});

describe('timeXs', () => {
  it('places one point in the middle', () => {
    expect(timeXs([Date.parse('2030-01-01')], 40, 300)).toEqual([170]);
  });

  it('spaces points by time, so uneven gaps look uneven', () => {
    const day = 86_400_000;
    expect(timeXs([0, day, 4 * day], 0, 400)).toEqual([0, 100, 400]);
  });

  it('spreads points at one instant evenly', () => {
    expect(timeXs([5, 5, 5], 0, 100)).toEqual([0, 50, 100]);
  });

  it('draws nothing for no points', () => {
    expect(timeXs([], 0, 100)).toEqual([]);
  });
});

describe('trendGeometry', () => {
  const points = [
    { at: '2030-03-01T00:00:00Z', total: 6, band: 'mild' },
    { at: '2030-01-01T00:00:00Z', total: 18, band: 'moderately_severe' },
    { at: '2030-02-01T00:00:00Z', total: 11, band: 'moderate' },
  ];

  it('plots the points in time order and joins them with a line', () => {
    const g = trendGeometry(points, sum(PHQ9));
    expect(g.points.map((p) => p.total)).toEqual([18, 11, 6]);
    const xs = g.points.map((p) => p.x);
    expect(xs).toEqual([...xs].sort((a, b) => a - b));
    expect(g.path.startsWith(`M${String(g.points[0]?.x)} `)).toBe(true);
    expect(g.path.match(/L/g)).toHaveLength(2);
    // Higher scores sit higher on the plot (smaller y).
    expect(g.points[0]?.y).toBeLessThan(g.points[2]?.y ?? 0);
  });

  it('draws no line for a single point', () => {
    expect(trendGeometry(points.slice(0, 1), sum(PHQ9)).path).toBe('');
  });

  it('stripes each band from its lower bound to the next band, the last to the maximum', () => {
    const g = trendGeometry([], sum(GAD7));
    expect(g.bands.map((b) => b.code)).toEqual(['minimal', 'mild', 'moderate', 'severe']);
    const { plot } = g;
    expect(g.bands[0]?.bottom).toBe(plot.bottom);
    expect(g.bands.at(-1)?.top).toBe(plot.top);
    for (let i = 1; i < g.bands.length; i += 1) {
      expect(g.bands[i]?.bottom).toBe(g.bands[i - 1]?.top);
    }
    for (const band of g.bands) {
      expect(band.labelY).toBeGreaterThan(band.top);
      expect(band.labelY).toBeLessThan(band.bottom);
    }
    expect(g.ticks.map((tick) => tick.value)).toEqual([0, 5, 10, 15, 21]);
  });
});
