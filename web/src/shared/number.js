// Reading a parameter a reader typed (σ, λ, n, N, a seed, a learning rate) with the core's own
// number grammar: the text is read by the core's list parser as a one-entry list, so "1e9", "3/2",
// "40%", "１０" mean here what they mean everywhere else on the page. The list parser takes no sign
// (weights cannot be negative), so a leading minus is read here and the rest by the core.
const MINUS = /^[-−－]/;

/**
 * The number in `text`, or throws a BitRulerError-like { code, reason?, start?, end? } whose offsets
 * point into `text` (EMPTY, PARSE, NOT_FINITE, ...). Two entries ("2,3") are a PARSE error.
 */
export function readNumber(api, text) {
  const raw = String(text ?? '');
  const lead = raw.length - raw.trimStart().length;
  const body = raw.trim();
  const negative = MINUS.test(body);
  const offset = lead + (negative ? 1 : 0);
  const rest = negative ? body.slice(1) : body;
  if (negative && rest.trim() === '') throw { code: 'PARSE', start: lead, end: lead + 1 };
  let values;
  try {
    values = api.parseDistribution(rest);
  } catch (e) {
    const shifted = { code: e?.code ?? 'INTERNAL', reason: e?.reason, limit: e?.limit };
    if (Number.isInteger(e?.start) && Number.isInteger(e?.end)) {
      shifted.start = e.start + offset;
      shifted.end = e.end + offset;
    }
    throw shifted;
  }
  if (values.length !== 1) throw { code: 'PARSE', reason: 'ONE_NUMBER' };
  const x = values[0];
  return negative ? -x : x;
}
