import type { Band } from '@anxin/common';

export interface TrendPoint {
  at: string;
  total: number;
  band: string | null;
}

export interface Size {
  width: number;
  height: number;
}

/** Room for the score axis on the left and the dates below; the rest is the plot. */
export const PLOT_MARGIN = { left: 32, right: 8, top: 8, bottom: 24 } as const;
export const DEFAULT_SIZE: Size = { width: 360, height: 200 };

export interface PlottedPoint extends TrendPoint {
  x: number;
  y: number;
}

export interface PlottedBand {
  code: string;
  /** Top and bottom of the band's stripe (SVG y grows downwards). */
  top: number;
  bottom: number;
  /** Where its label's baseline sits: the stripe's middle. */
  labelY: number;
}

export interface TrendGeometry {
  size: Size;
  plot: { left: number; right: number; top: number; bottom: number };
  points: PlottedPoint[];
  /** The line through the points, as an SVG path; empty for fewer than two points. */
  path: string;
  bands: PlottedBand[];
  /** Scores marked on the axis: where each band starts, and the maximum. */
  ticks: { value: number; y: number }[];
}

const round = (value: number) => Math.round(value * 10) / 10;

/** A score's height on the plot, 0 at the bottom and `max` at the top; outliers pinned. */
export function scoreY(total: number, max: number, top: number, bottom: number): number {
  const clamped = Math.min(Math.max(total, 0), max);
  return round(bottom - (clamped / max) * (bottom - top));
}

/**
 * Horizontal positions by time, so uneven gaps between questionnaires show as such. One point
 * sits in the middle; points all at the same instant are spread evenly instead.
 */
export function timeXs(times: readonly number[], left: number, right: number): number[] {
  if (times.length === 0) return [];
  if (times.length === 1) return [round((left + right) / 2)];
  const first = Math.min(...times);
  const span = Math.max(...times) - first;
  const step = (right - left) / (times.length - 1);
  return times.map((time, index) =>
    round(span === 0 ? left + index * step : left + ((time - first) / span) * (right - left)),
  );
}

/**
 * The trend chart of one sum-scored instrument: its bands as stripes from each band's lower
 * bound to the next one's (the last to the maximum), the scores as points in time order.
 */
export function trendGeometry(
  points: readonly TrendPoint[],
  scoring: { max: number; bands: readonly Band[] },
  size: Size = DEFAULT_SIZE,
): TrendGeometry {
  const plot = {
    left: PLOT_MARGIN.left,
    right: size.width - PLOT_MARGIN.right,
    top: PLOT_MARGIN.top,
    bottom: size.height - PLOT_MARGIN.bottom,
  };
  const y = (value: number) => scoreY(value, scoring.max, plot.top, plot.bottom);
  const ordered = [...points].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  const xs = timeXs(
    ordered.map((point) => Date.parse(point.at)),
    plot.left + 6,
    plot.right - 6,
  );
  const plotted = ordered.map((point, index) => ({
    ...point,
    x: xs[index] ?? plot.left,
    y: y(point.total),
  }));
  const sorted = [...scoring.bands].sort((a, b) => a.min - b.min);
  const bands = sorted.map((band, index) => {
    const upper = sorted[index + 1]?.min ?? scoring.max;
    const top = y(upper);
    const bottom = y(band.min);
    return { code: band.code, top, bottom, labelY: round((top + bottom) / 2) };
  });
  const ticks = [...new Set([...sorted.map((band) => band.min), scoring.max])].map((value) => ({
    value,
    y: y(value),
  }));
  const path =
    plotted.length < 2
      ? ''
      : plotted.map((point, index) => `${index === 0 ? 'M' : 'L'}${point.x} ${point.y}`).join(' ');
  return { size, plot, points: plotted, path, bands, ticks };
}
