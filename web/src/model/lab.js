// The learning lab's training, as plain functions of the core (no DOM): used by <bit-learning> for
// its short default run (in the prerenderer and when the element takes over), by the lab worker
// (elements/lab-worker.js) for everything after that, and by the main-thread fallback when no
// worker can be made. The same function in all three places, so a run is the same run everywhere:
// where it stops (convergence, divergence, the step limit) depends only on the settings, never on
// how the steps were cut into calls.
//
// All losses here are in nats (the core trains on the natural log); elements convert for display.

/** Samples N the element takes: one step at N = 100,000 costs about 2.5 ms (a smooth frame rate
 *  in the worker, and an acceptable slice in the main-thread fallback); the core accepts more. */
export const MAX_N = 100000;

/** The run every new setting starts with, computed synchronously (so it is in the prerendered
 *  picture): PRERUN_STEPS steps when N ≤ PRERUN_MAX_N (about 10–20 ms of WASM), else none. */
export const PRERUN_STEPS = 150;
export const PRERUN_MAX_N = 1000;

/** Converged: the training loss changed by at most CONVERGE_TOL (relative) over CONVERGE_WINDOW steps. */
export const CONVERGE_WINDOW = 100;
export const CONVERGE_TOL = 1e-5;

/** Diverged: a training loss above DIVERGE_FACTOR × ln 3 (the uniform model's loss: knowing
 *  nothing costs ln 3), or a non-finite one, or the core's own divergence flag. */
export const DIVERGE_FACTOR = 4;
export const LN3 = Math.log(3);

/** Training stops by itself at this step when it neither converges nor diverges (overfitting runs). */
export const MAX_STEPS = 20000;

export const COLUMNS = ['step', 'trainLoss', 'crossEntropy', 'entropy', 'kl', 'identityResidual', 'logLikelihood', 'likelihood'];

/** Steps the default run takes for N samples. */
export function prerunSteps(n) {
  return n <= PRERUN_MAX_N ? PRERUN_STEPS : 0;
}

function emptyColumns() {
  return Object.fromEntries(COLUMNS.map((c) => [c, []]));
}

/**
 * Trains from `job.theta` (at step `job.step`) and returns what happened:
 *   { columns: { step: [...], trainLoss: [...], ... }, theta, recent, stop }
 * `recent` is the training loss of the last CONVERGE_WINDOW + 1 steps (carried from call to call:
 * pass it back in the next job), `stop` is null or { kind: 'converged' | 'diverged' | 'limit', step,
 * loss? } (for 'diverged', the steps kept are those before the step that diverged, `loss` that
 * step's loss when it was finite).
 *
 * job: { n, seed, degree, rate, theta, step, recent, maxSteps, maxMs, now } — at most maxSteps
 * steps, and no new call once maxMs have passed (each call is sized from the last one's speed).
 */
export function trainChunk(api, job) {
  const { n, seed, degree, rate } = job;
  const now = job.now ?? (() => Date.now());
  const t0 = now();
  const columns = emptyColumns();
  const recent = Array.from(job.recent ?? []);
  let theta = Float64Array.from(job.theta);
  let step = job.step;
  let left = Math.min(job.maxSteps ?? Infinity, MAX_STEPS - step);
  let msPerStep = job.msPerStep ?? 0.05 + 2.5e-5 * n;
  let stop = step >= MAX_STEPS ? { kind: 'limit', step } : null;
  while (!stop && left > 0) {
    const budget = (job.maxMs ?? Infinity) - (now() - t0);
    if (budget <= 0 && columns.step.length > 0) break;
    const k = Math.max(1, Math.min(left, Math.floor(budget / Math.max(msPerStep, 1e-3)) || 1));
    const before = theta;
    const t1 = now();
    const run = api.labTrain({ n, seed, degree, learningRate: rate, theta: before, step, steps: k, base: Math.E });
    msPerStep = Math.max(1e-3, (now() - t1) / k);
    const m = run.step.length;
    let keep = m;
    for (let i = 0; i < m; i++) {
      const loss = run.trainLoss[i];
      const bad = !Number.isFinite(loss) || !Number.isFinite(run.crossEntropy[i]) || loss > DIVERGE_FACTOR * LN3;
      if (bad) {
        stop = { kind: 'diverged', step: run.step[i], loss: Number.isFinite(loss) ? loss : null };
        keep = i;
        break;
      }
      recent.push(loss);
      if (recent.length > CONVERGE_WINDOW + 1) recent.shift();
      if (recent.length === CONVERGE_WINDOW + 1 && Math.abs(recent[0] - loss) <= CONVERGE_TOL * Math.abs(loss)) {
        stop = { kind: 'converged', step: run.step[i] };
        keep = i + 1;
        break;
      }
      if (run.step[i] >= MAX_STEPS) {
        stop = { kind: 'limit', step: run.step[i] };
        keep = i + 1;
        break;
      }
    }
    if (!stop && run.diverged) {
      // the core stopped before a step whose numbers would not be finite
      stop = { kind: 'diverged', step: run.divergedAt, loss: null };
    }
    for (const c of COLUMNS) for (let i = 0; i < keep; i++) columns[c].push(run[c][i]);
    if (keep === m) {
      theta = Float64Array.from(run.theta);
    } else if (keep > 0) {
      // θ after exactly `keep` steps: the same steps again (the core is deterministic)
      theta = Float64Array.from(api.labTrain({ n, seed, degree, learningRate: rate, theta: before, step, steps: keep, base: Math.E }).theta);
    } else {
      theta = before;
    }
    step += keep;
    left -= keep;
    if (keep < m) break;
  }
  return { columns, theta, step, recent, stop, msPerStep };
}
