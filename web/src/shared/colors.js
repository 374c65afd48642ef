// One colour per team in every chart. A team keeps its colour wherever it appears (by name, in
// either language; "中国夺冠" is China's); other outcomes take the remaining colours in order. The colours themselves are
// CSS classes (.c0 … .c9, light and dark in bitruler.css), so SVG needs no style attributes.
// P is always blue and Q always orange (.dist-p / .dist-q); no team colour is either.
const TEAM_COLOURS = {
  阿根廷: 0, argentina: 0,
  法国: 1, france: 1,
  巴西: 2, brazil: 2,
  英格兰: 3, england: 3,
  西班牙: 4, spain: 4,
  德国: 5, germany: 5,
  葡萄牙: 6, portugal: 6,
  中国: 7, china: 7,
};
export const COLOUR_COUNT = 10;

/** Colour class for each of `names` (teams by name, the rest in order of the unused colours). */
export function colourClasses(names) {
  const fixed = names.map((n) => {
    const name = String(n ?? '').trim().toLowerCase();
    const team = Object.keys(TEAM_COLOURS).find((t) => name === t || name.startsWith(t));
    return team === undefined ? undefined : TEAM_COLOURS[team];
  });
  const used = new Set(fixed.filter((c) => c !== undefined));
  const free = Array.from({ length: COLOUR_COUNT }, (_, c) => c).filter((c) => !used.has(c));
  let k = 0;
  return fixed.map((c) => `c${c !== undefined ? c : free.length ? free[k++ % free.length] : k++ % COLOUR_COUNT}`);
}
