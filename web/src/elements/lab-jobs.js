// The jobs the lab worker runs (and the main thread, when no worker can be made): the same plain
// functions of the core in both places.
import { trainChunk } from '../model/lab.js';
import { computeRuler, transferables } from '../model/ruler.js';

const clock = () => performance.now();

export const HANDLERS = {
  train: (api, job) => trainChunk(api, { ...job, now: clock }),
  // step 0 of a new setting (draws the N samples: about 20–30 ms at N = 100,000)
  start: (api, { n, seed, degree }) => api.labEvaluate({ n, seed, degree, step: 0, base: Math.E }),
  ruler: (api, job) => computeRuler(api, job),
  fit: (api, { P, base }) => api.fitPoisson(P, { base }),
};

/** Buffers of a result that move to the other thread instead of being copied. */
export function transferList(type, value) {
  if (type === 'ruler') return transferables(value);
  if (type === 'train') return [value.theta.buffer];
  return [];
}

/** An error as plain data (a BitRulerError's code and details survive structured cloning). */
export function errorRecord(e) {
  return {
    code: typeof e?.code === 'string' ? e.code : 'INTERNAL',
    reason: e?.reason,
    limit: e?.limit,
    message: String(e?.message ?? e),
  };
}
