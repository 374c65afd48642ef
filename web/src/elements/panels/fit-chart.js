// The learning lab's fit chart as a Lit SVG template: the model's curves against the true ones, in
// <bit-learning>'s panel (panels/learning-panel.js), so it is fetched with the panel. A pure function
// of the run and the width, with one aspect ratio at every width (the same ratios stand in
// bitruler.css, svg.chart.lab-fit).
import { svg, nothing } from 'lit';
import { scaleLinear, yAxis, xAxis, px, polyline } from '../../shared/chart.js';

/** Height / width of the chart, wide and narrow (below NARROW px). */
export const FIT_ASPECT = { wide: 0.38, narrow: 0.6 };

/**
 * The fit chart: P_data(y|x) (blue, dashed) and Q_θ(y|x) (orange) for win, draw and loss against
 * the rating difference x, and the samples as three rows of ticks under the axis.
 * truth, model: Float64Array [win, draw, loss] per grid point.
 */
export function fitChart({ width, grid, truth, model, data, xMin, xMax, t, narrow }) {
  const W = width;
  const H = Math.round(W * FIT_ASPECT[narrow ? 'narrow' : 'wide']);
  const m = { l: narrow ? 40 : 48, r: narrow ? 26 : 34, t: 24, b: data ? 66 : 28 };
  const x = scaleLinear().domain([xMin, xMax]).range([m.l, W - m.r]);
  const y = scaleLinear().domain([0, 1]).range([H - m.b, m.t]);
  const curve = (table, c) => polyline(Array.from(grid, (g, i) => [x(g), y(table[3 * i + c])]));
  const names = [t('win'), t('draw'), t('loss')];
  // label each outcome where its true curve is highest: win on the right, loss on the left, draw at the top
  const labels = [0, 1, 2].map((c) => {
    let best = 0;
    for (let i = 1; i < grid.length; i++) if (truth[3 * i + c] > truth[3 * best + c]) best = i;
    const at = Math.min(Math.max(best, 2), grid.length - 3);
    return { c, x: x(grid[at]), y: y(truth[3 * at + c]) };
  });
  const rows = [];
  if (data) {
    const paths = ['', '', ''];
    const base = H - m.b + 28;
    for (let i = 0; i < data.x.length; i++) {
      const c = data.y[i];
      paths[c] += `M${px(x(data.x[i]))},${px(base + c * 11)}v8`;
    }
    for (let c = 0; c < 3; c++) {
      rows.push(svg`<path class="rug" d=${paths[c]}></path>
        <text class="rug-label" x=${px(W - m.r + 4)} y=${px(base + c * 11 + 4)} dy="0.32em">${names[c]}</text>`);
    }
  }
  return svg`<svg class="chart lab-fit" viewBox="0 0 ${W} ${H}" role="img" aria-label=${t('fitPicture')}>
    ${yAxis(y, { x: m.l, ticks: [0, 0.5, 1], gridTo: W - m.r, label: t('axisProb') })}
    ${[0, 1, 2].map((c) => svg`<path class="truth" d=${curve(truth, c)}></path>`)}
    ${model ? [0, 1, 2].map((c) => svg`<path class="model" d=${curve(model, c)}></path>`) : nothing}
    ${labels.map((l) => svg`<text class="outcome" x=${px(l.x)} y=${px(Math.max(m.t + 10, l.y - 8))} text-anchor="middle">${names[l.c]}</text>`)}
    ${xAxis(x, { y: H - m.b, ticks: x.ticks(6) })}
    ${rows}
  </svg>`;
}

