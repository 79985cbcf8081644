/**
 * Memory over time for the soak benchmark: this process's RSS and V8 heap read every second and kept per
 * window of `windowSeconds`, and whether they stay flat after a warm-up.
 *
 * heapUsed is a sawtooth between collections; a leak shows in what survives them. So at the end of each
 * window a full collection is forced (gc(), exposed at run time) and the heap read after it: the live
 * heap. The pause is timed and reported: it stalls the server it measures, once a window. With
 * `forceGc` false the window's figure is its floor (the least of its one-second reads) instead, which
 * only scavenges lower: the old generation then grows until V8 decides to collect it.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

const MB = 1024 * 1024;

export interface Window {
  /** Seconds since sampling started, at the window's end. */
  t: number;
  rssMB: number;
  heapFloorMB: number;
  heapMaxMB: number;
  /** Heap used right after a forced full collection at the window's end (NaN without forceGc). */
  heapAfterGcMB: number;
  gcMs: number;
  externalMB: number;
  /** Whatever the caller counts (answered requests so far), read at the window's end. */
  count: number;
}

export function sampleMemory(windowSeconds: number, count: () => number, forceGc: boolean): { stop(): Window[] } {
  let gc: (() => void) | undefined;
  if (forceGc) {
    setFlagsFromString('--expose-gc');
    gc = runInNewContext('gc') as () => void;
  }
  const windows: Window[] = [];
  const started = performance.now();
  let reads: NodeJS.MemoryUsage[] = [];
  const close = (rs: NodeJS.MemoryUsage[]): Window => {
    const t = (performance.now() - started) / 1000;
    const before = performance.now();
    gc?.();
    const gcMs = gc ? performance.now() - before : NaN;
    const after = process.memoryUsage();
    return {
      t, rssMB: after.rss / MB, externalMB: after.external / MB, count: count(), gcMs,
      heapFloorMB: Math.min(...rs.map((r) => r.heapUsed)) / MB,
      heapMaxMB: Math.max(...rs.map((r) => r.heapUsed)) / MB,
      heapAfterGcMB: gc ? after.heapUsed / MB : NaN,
    };
  };
  const timer = setInterval(() => {
    reads.push(process.memoryUsage());
    if (reads.length < windowSeconds) return;
    windows.push(close(reads));
    reads = [];
  }, 1000);
  return {
    stop() {
      clearInterval(timer);
      // A last partial window only if it holds most of a window: a short one's floor is not comparable.
      if (reads.length >= windowSeconds / 2) windows.push(close(reads));
      return windows;
    },
  };
}

/** Least-squares slope of y over x (per unit of x); NaN with fewer than two points. */
export function slope(points: readonly { x: number; y: number }[]): number {
  const n = points.length;
  if (n < 2) return NaN;
  const mx = points.reduce((a, p) => a + p.x, 0) / n;
  const my = points.reduce((a, p) => a + p.y, 0) / n;
  const sxy = points.reduce((a, p) => a + (p.x - mx) * (p.y - my), 0);
  const sxx = points.reduce((a, p) => a + (p.x - mx) ** 2, 0);
  return sxx === 0 ? NaN : sxy / sxx;
}

export interface Flatness {
  /** Windows after the warm-up, and the minutes they span. */
  windows: number;
  minutes: number;
  heapMBPerMinute: number;
  rssMBPerMinute: number;
  /** Mean heap (after GC, else floor) of the last span ÷ that of the first span after warm-up (span: a minute, or a third of what is left if shorter). */
  heapLastFirst: number;
  rssLastFirst: number;
  spanSeconds: number;
  flat: boolean;
}

/**
 * Flat: neither the heap (after GC, else its floor) nor RSS grows faster than `maxMBPerMinute` after the warm-up, and the
 * heap of the last span is within `maxRatio` of the first's.
 */
export function flatness(windows: readonly Window[], warmupSeconds: number, maxMBPerMinute: number, maxRatio = 1.1): Flatness {
  const after = windows.filter((w) => w.t > warmupSeconds);
  const from = after[0]?.t ?? NaN;
  const to = after[after.length - 1]?.t ?? NaN;
  const span = Math.min(60, (to - from) / 3);
  const mean = (ws: readonly Window[], f: (w: Window) => number) => ws.reduce((a, w) => a + f(w), 0) / ws.length;
  const first = after.filter((w) => w.t <= from + span);
  const last = after.filter((w) => w.t >= to - span);
  const live = (w: Window) => (Number.isFinite(w.heapAfterGcMB) ? w.heapAfterGcMB : w.heapFloorMB);
  const heap = slope(after.map((w) => ({ x: w.t / 60, y: live(w) })));
  const rss = slope(after.map((w) => ({ x: w.t / 60, y: w.rssMB })));
  const heapRatio = mean(last, live) / mean(first, live);
  const rssRatio = mean(last, (w) => w.rssMB) / mean(first, (w) => w.rssMB);
  return {
    windows: after.length, minutes: (to - from) / 60, heapMBPerMinute: heap, rssMBPerMinute: rss, heapLastFirst: heapRatio, rssLastFirst: rssRatio, spanSeconds: span,
    flat: heap <= maxMBPerMinute && rss <= maxMBPerMinute && heapRatio <= maxRatio,
  };
}
