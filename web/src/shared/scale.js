// The three continuous scales the charts use, with d3-scale's calling convention
// (scaleLinear().domain([a, b]).range([c, d]); x(v); x.ticks(n); x.nice(n); x.invert(px)).
// d3-scale itself pulls in d3-interpolate, d3-color and d3-format (≈ 10 KB gzipped) for colour
// and string interpolation the charts never use; the page has a 200 KB budget. The tick
// algorithm is d3's own (d3-array's ticks / tickIncrement), not re-implemented here.
import { ticks as d3Ticks, tickIncrement } from 'd3-array';

// Maps t in [0, 1] onto [a, b] the way d3.interpolateNumber does.
const lerp = (a, b, t) => a * (1 - t) + b * t;

/** A scale over a two-point domain and range, through a monotone transform of the domain
 *  (identity, log, symlog) and its inverse. */
function continuous(transform, untransform) {
  let domain = [0, 1];
  let range = [0, 1];

  // Where v falls between the domain ends, 0 at domain[0] and 1 at domain[1]. A collapsed
  // domain maps everything to the middle of the range, as d3 does.
  const t = (v) => {
    const a = transform(domain[0]);
    const b = transform(domain[1]);
    return b - a ? (transform(v) - a) / (b - a) : 0.5;
  };

  const scale = (v) => lerp(range[0], range[1], t(+v));

  scale.invert = (px) => {
    const r = range[1] - range[0];
    const u = r ? (+px - range[0]) / r : 0.5;
    return untransform(lerp(transform(domain[0]), transform(domain[1]), u));
  };

  scale.domain = (d) => {
    if (d === undefined) return domain.slice();
    domain = [+d[0], +d[d.length - 1]];
    return scale;
  };

  scale.range = (r) => {
    if (r === undefined) return range.slice();
    range = [+r[0], +r[r.length - 1]];
    return scale;
  };

  return scale;
}

/** Linear scale: domain, range, call, invert, ticks(count), nice(count). */
export function scaleLinear() {
  const scale = continuous((v) => v, (v) => v);

  scale.ticks = (count = 10) => {
    const [a, b] = scale.domain();
    return d3Ticks(a, b, count);
  };

  // Extends the domain to round tick values; the same loop as d3-scale's linear nice().
  scale.nice = (count = 10) => {
    const d = scale.domain();
    const reversed = d[1] < d[0];
    let start = reversed ? d[1] : d[0];
    let stop = reversed ? d[0] : d[1];
    let previous;
    for (let iter = 0; iter < 10; iter++) {
      const step = tickIncrement(start, stop, count);
      if (step === previous) break;
      if (step > 0) {
        start = Math.floor(start / step) * step;
        stop = Math.ceil(stop / step) * step;
      } else if (step < 0) {
        start = Math.ceil(start * step) / step;
        stop = Math.floor(stop * step) / step;
      } else {
        break;
      }
      previous = step;
    }
    scale.domain(reversed ? [stop, start] : [start, stop]);
    return scale;
  };

  return scale;
}

/**
 * Logarithmic scale over a positive domain: domain, range, call, invert, base(b) (kept for the
 * d3 call shape; the mapping itself does not depend on the base).
 */
export function scaleLog() {
  const scale = continuous(Math.log, Math.exp);
  let logBase = 10;
  scale.base = (b) => {
    if (b === undefined) return logBase;
    logBase = +b;
    return scale;
  };
  return scale;
}

/**
 * Symmetric log scale, sign(v)·log1p(|v|/c): linear near 0, logarithmic far from it, and 0 stays
 * 0 (step counts from 0). domain, range, call, invert, constant(c), ticks(count) (d3's linear
 * ticks over the domain, as d3-scale does for symlog).
 */
export function scaleSymlog() {
  let c = 1;
  const transform = (v) => Math.sign(v) * Math.log1p(Math.abs(v / c));
  const untransform = (v) => Math.sign(v) * Math.expm1(Math.abs(v)) * c;
  const scale = continuous((v) => transform(v), (v) => untransform(v));
  scale.constant = (k) => {
    if (k === undefined) return c;
    c = +k;
    return scale;
  };
  scale.ticks = (count = 10) => {
    const [a, b] = scale.domain();
    return d3Ticks(a, b, count);
  };
  return scale;
}
