/**
 * <bit-learning n="200" seed="1" rate="1" degree="2"> — the cross-entropy loss lab.
 *
 * A true P_data(y | x) (win / draw / loss given the rating difference x), N samples drawn from it
 * with a seed, and a softmax model Q_θ(y | x) trained by full-batch gradient descent in the core.
 * The picture: the true cross-entropy H(P_data, Q_θ) = H(P_data) + D(P_data‖Q_θ) as two stacked
 * areas over the steps — blue, the floor H(P_data) no model can go under; orange, the KL divergence
 * the training removes — with the training loss as a line; beside it the model's curves against the
 * true ones. Every setting starts with a short run (model/lab.js PRERUN_STEPS, computed here
 * synchronously, so the prerendered page shows the loss falling onto the floor).
 *
 * Training after that runs in the lab worker (lab-client.js; on the main thread in short slices
 * when no worker can be made); this element only draws, once per animation frame. It pauses while
 * the element is off screen or the tab hidden, and stops by itself when the loss has converged,
 * when it diverges (a clear message, never NaN or ∞) and at model/lab.js MAX_STEPS.
 *
 * State: n, seed, rate, degree, speed, unit, open. Result (in the element's unit): { step,
 * trainLoss, crossEntropy, entropy, kl, identityResidual, maxIdentityResidual, likelihood,
 * logLikelihood, n, seed, degree, learningRate, unit, status }.
 */
import { html, nothing, isServer } from 'lit';
import { BitElement, languagesOf } from './base.js';
import { formatNumber, formatCount } from '../shared/format.js';
import { rangeText } from '../shared/i18n.js';
import { readNumber } from '../shared/number.js';
import {
  MAX_N, COLUMNS, CONVERGE_WINDOW, CONVERGE_TOL, DIVERGE_FACTOR, LN3, MAX_STEPS, prerunSteps, trainChunk,
} from '../model/lab.js';
import { labClient } from './lab-client.js';
import { lossChart, NARROW } from './lab-charts.js';
import F from '../formulas/lab.tex.js';

const DEFAULTS = { n: '200', seed: '1', rate: '1', degree: '2', speed: '10' };
const SPEEDS = ['1', '10', '100', 'max'];
const FIELDS = ['n', 'seed', 'rate'];
/** Samples drawn as a rug under the fit chart (beyond this, too many ticks to read). */
const RUG_MAX = 2000;
/** History points kept (older ones are thinned to every other point beyond this). */
const HISTORY_MAX = 2400;
const GRID_POINTS = 61;
/** While training, the numbers (cards, formulas, result) change at most this often; the charts
 *  every frame. Digits changing 60 times a second cannot be read, and re-laying text and MathML
 *  every frame would take the main thread's time from the worker. */
const NUMBERS_MS = 120;
/** Training per worker job at full speed (ms): a few frames' worth, so the worker rarely waits for
 *  the main thread between jobs. On the main thread (no worker) a slice is kept short. */
const WORKER_JOB_MS = 40;
const MAIN_JOB_MS = 6;

let runCount = 0;

/** Appends a trained chunk ({ columns, theta, step, recent, stop, msPerStep }) to a run. */
function append(run, chunk) {
  const c = chunk.columns;
  const m = c.step.length;
  const h = run.hist;
  for (let i = 0; i < m; i++) {
    for (const k of ['step', 'trainLoss', 'crossEntropy', 'entropy']) h[k].push(c[k][i]);
    run.maxResidual = Math.max(run.maxResidual, Math.abs(c.identityResidual[i]));
  }
  if (m) run.last = Object.fromEntries(COLUMNS.map((k) => [k, c[k][m - 1]]));
  run.theta = Float64Array.from(chunk.theta);
  run.step = chunk.step;
  run.recent = chunk.recent;
  run.msPerStep = chunk.msPerStep;
  run.stop = chunk.stop;
  run.version += 1;
  if (!run.view || chunk.stop) snapshot(run);
  if (h.step.length > HISTORY_MAX) {
    for (const k of Object.keys(h)) h[k] = h[k].filter((_, i, a) => i % 2 === 0 || i === a.length - 1);
  }
}

/** What the numbers show: the run as it is now (the charts always do). */
function snapshot(run) {
  run.view = { step: run.step, last: run.last, maxResidual: run.maxResidual };
}

/**
 * The cross-entropy loss lab: a softmax model trained by gradient descent, its loss falling onto
 * the floor H(P_data) it cannot cross.
 * @tagname bit-learning
 * @attr {string} n - Number of samples N. Default: 200.
 * @attr {string} seed - Seed of the samples (a whole number). Default: 1.
 * @attr {string} rate - Learning rate. Default: 1.
 * @attr {string} degree - Model capacity: polynomial degree 1, 2 or 3. Default: 2.
 * @attr {string} speed - Steps per frame while training: 1, 10, 100 or max. Default: 10.
 * @prop {{ step: number, trainLoss: number, crossEntropy: number, entropy: number, kl: number, unit: string } | null} result - The model's state after the last step, in `unit`. Read-only.
 */
export class BitLearning extends BitElement {
  static properties = {
    ...BitElement.properties,
    n: { reflect: true },
    seed: { reflect: true },
    rate: { reflect: true },
    degree: { reflect: true },
    speed: { reflect: true },
    playing: { state: true },
    visible: { state: true },
  };

  static state = ['n', 'seed', 'rate', 'degree', 'speed', ...BitElement.state];

  static languages = languagesOf('learning');

  static panel = {
    code: () => import('./panels/learning-panel.js'),
    languages: { zh: () => import('../messages/zh/learning-panel.js'), en: () => import('../messages/en/learning-panel.js') },
  };

  /** The default run: the first preset the panel offers. */
  static defaultExample = { key: 'presetDefault', ...DEFAULTS };

  /** The settings typed as numbers, and the speeds offered (the panel's fields and select). */
  static fields = FIELDS;

  static speeds = SPEEDS;

  constructor() {
    super();
    Object.assign(this, DEFAULTS);
    this.drafts = {};
    this.run = null;
    this.playing = false;
    this.visible = true;
    this._generation = 0;
    this._inflight = false;
    this._pending = null;   // { key, n } while a new setting's step 0 is computed in the worker
    this._dirty = false;
    this._raf = 0;
    this._onFrame = this._onFrame.bind(this);
    this._onVisibility = () => this._caughtUp();
  }

  // ------------------------------------------------------------------ settings
  get facts() {
    return this.api.facts;
  }

  /** The degree in use: the attribute when the core has such a model, else 2 (and a note). */
  get degreeValue() {
    const d = Number(this.degree);
    const { minDegree, maxDegree } = this.facts.lab;
    return Number.isInteger(d) && d >= minDegree && d <= maxDegree ? d : Number(DEFAULTS.degree);
  }

  get speedValue() {
    return SPEEDS.includes(String(this.speed)) ? String(this.speed) : DEFAULTS.speed;
  }

  checkAttributes() {
    const notes = [];
    if (!this.api) return notes;
    const { minDegree, maxDegree } = this.facts.lab;
    if (this.degree != null && String(this.degreeValue) !== String(this.degree).trim()) {
      notes.push(this.ignoredNote('degree', this.degree, this.t('degreeAllowed', { lo: minDegree, hi: maxDegree })));
    }
    if (this.speed != null && !SPEEDS.includes(String(this.speed))) {
      notes.push(this.ignoredNote('speed', this.speed, this.t('speedAllowed')));
    }
    return notes;
  }

  _limits() {
    const { lab, maxSeed } = this.facts;
    const maxN = Math.min(MAX_N, lab.maxSamples);
    return {
      n: { kind: 'whole', lo: 1, hi: maxN, range: rangeText(this.lang, 1, maxN) },
      seed: { kind: 'whole', lo: 0, hi: maxSeed, range: this.t('seedRange', { max: String(maxSeed) }) },
      rate: { kind: 'number', lo: 0, hi: lab.maxLearningRate, low: 'open', range: rangeText(this.lang, 0, lab.maxLearningRate, { exclusiveLow: true }) },
    };
  }

  /** The settings as numbers, or null after recording what is wrong on each field. */
  _readConfig() {
    const limits = this._limits();
    const values = {};
    let ok = true;
    for (const key of FIELDS) {
      const text = this.drafts[key] ?? this[key] ?? DEFAULTS[key];
      const spec = limits[key];
      const ctx = { kind: spec.kind, input: text, range: spec.range };
      const [read, x] = this.attempt(key, () => readNumber(this.api, text), ctx);
      if (!read) { ok = false; continue; }
      const bad = (spec.kind === 'whole' && !Number.isInteger(x)) || x > spec.hi || (spec.low === 'open' ? x <= spec.lo : x < spec.lo);
      if (bad) {
        this.fail(key, { code: 'OUT_OF_RANGE' }, ctx);
        ok = false;
        continue;
      }
      values[key] = x;
      if (this.drafts[key] != null) {
        this[key] = this.drafts[key];
        delete this.drafts[key];
      }
    }
    return ok ? { ...values, degree: this.degreeValue } : null;
  }

  errorText(key) {
    const sentence = super.errorText(key);
    if (!sentence || !FIELDS.includes(key)) return sentence;
    return `${this.t(`f_${key}`)}${this.lang === 'zh' ? '：' : ': '}${sentence}`;
  }

  // ------------------------------------------------------------------ runs
  /** A fresh run at step 0, and its default training when `prerun` (synchronous, see the header). */
  _newRun(cfg, prerun, start = null) {
    const api = this.api;
    const { n, seed, degree, rate } = cfg;
    start ??= api.labEvaluate({ n, seed, degree, step: 0, base: Math.E });
    const run = {
      id: ++runCount,
      key: `${n}|${seed}|${degree}|${rate}`,
      cfg,
      theta: new Float64Array(api.labParameterCount(degree)),
      step: 0,
      hist: { step: [0], trainLoss: [start.trainLoss], crossEntropy: [start.crossEntropy], entropy: [start.entropy] },
      last: start,
      recent: [start.trainLoss],
      maxResidual: Math.abs(start.identityResidual),
      stop: null,
      msPerStep: undefined,
      version: 0,
      prerun: 0,
      data: n <= RUG_MAX ? api.labDataset({ n, seed }) : null,
    };
    const k = prerun ? prerunSteps(n) : 0;
    if (k) {
      append(run, trainChunk(api, { n, seed, degree, rate, theta: run.theta, step: 0, recent: run.recent, maxSteps: k }));
      run.prerun = run.step;
    }
    snapshot(run);
    return run;
  }

  compute() {
    const cfg = this._readConfig();
    if (!this._grid) {
      const { xMin, xMax } = this.facts.lab;
      this._grid = Float64Array.from({ length: GRID_POINTS }, (_, i) => xMin + ((xMax - xMin) * i) / (GRID_POINTS - 1));
      this._truth = this.api.labTrueConditional(this._grid);
    }
    if (!cfg) {
      this._pending = null;
      this._halt();
      return;
    }
    const key = `${cfg.n}|${cfg.seed}|${cfg.degree}|${cfg.rate}`;
    if (this._pending && this._pending.key !== key) this._pending = null;
    if (this.run && this.run.key !== key && this._startElsewhere(cfg, key)) return;
    if (!this.run || this.run.key !== key) {
      const [ok, run] = this.attempt('_run', () => this._newRun(cfg, true), {});
      if (!ok) {
        this._halt();
        return;
      }
      this._halt();
      this.run = run;
    }
    const run = this.run;
    if (this._modelFor !== `${run.id}|${run.version}`) {
      this._modelFor = `${run.id}|${run.version}`;
      this._model = this.api.labModelConditional(run.theta, run.cfg.degree, this._grid);
    }
    this.succeed(this._resultOf(run));
  }

  /**
   * A switch to a large N (no default run to compute) while the worker is there: its step 0, which
   * draws the N samples (20–30 ms at N = 100,000), is computed in the worker, and the new run
   * replaces the old one when it arrives (the same function of the core, so the same numbers).
   * Meanwhile the old run stays on screen, its buttons off. False when step 0 is computed here.
   */
  _startElsewhere(cfg, key) {
    if (isServer || prerunSteps(cfg.n) > 0) return false;
    if (this._pending?.key === key) return true;
    const client = labClient();
    if (client.mode === 'main') return false;
    this._halt();
    const pending = { key, n: cfg.n };
    this._pending = pending;
    const { n, seed, degree } = cfg;
    client.request('start', { n, seed, degree }).then((start) => {
      if (this._pending !== pending) return;
      const [ok, run] = this.attempt('_run', () => this._newRun(cfg, false, start), {});
      this._pending = null;
      if (ok) this.run = run;
      this.requestUpdate();
    }, (error) => {
      if (this._pending !== pending) return;
      this._pending = null;
      this.fail('_run', error, {});
      this.requestUpdate();
    });
    return true;
  }

  /** Before the first render of a prerendered lab, in a task of its own: the default run. */
  prepare() {
    this.compute();
  }

  /** The fit chart's curves: rating differences, and the true and the model's [win, draw, loss] at each. */
  get fitCurves() {
    return { grid: this._grid, truth: this._truth, model: this._model };
  }

  _resultOf(run) {
    const lb = Math.log(this.base);
    const { last: r, step, maxResidual } = run.view;
    return {
      step,
      trainLoss: r.trainLoss / lb,
      crossEntropy: r.crossEntropy / lb,
      entropy: r.entropy / lb,
      kl: r.kl / lb,
      identityResidual: r.identityResidual / lb,
      maxIdentityResidual: maxResidual / lb,
      likelihood: r.likelihood,
      logLikelihood: r.logLikelihood / lb,
      n: run.cfg.n,
      seed: run.cfg.seed,
      degree: run.cfg.degree,
      learningRate: run.cfg.rate,
      unit: this.unitName,
      status: this.status,
    };
  }

  /** 'training' | 'offscreen' | 'converged' | 'diverged' | 'limit' | 'paused' | 'start' | 'prerun' | 'drawing' | 'invalid' */
  get status() {
    const run = this.run;
    if (!run) return 'invalid';
    if (this._pending) return 'drawing';
    if (run.stop) return run.stop.kind;
    if (this.playing) return this._canRun() ? 'training' : 'offscreen';
    if (run.step === 0) return 'start';
    if (run.prerun && run.step === run.prerun) return 'prerun';
    return 'paused';
  }

  // ------------------------------------------------------------------ training (browser only)
  connectedCallback() {
    super.connectedCallback();
    if (isServer) return;
    this._seen = new IntersectionObserver(([entry]) => {
      this.visible = entry.isIntersecting;
      this._caughtUp();
    });
    this._seen.observe(this);
    document.addEventListener('visibilitychange', this._onVisibility);
  }

  disconnectedCallback() {
    this.pause();
    this._seen?.disconnect();
    document.removeEventListener('visibilitychange', this._onVisibility);
    super.disconnectedCallback();
  }

  /** Visibility changed: the numbers show where training stands, and it goes on if it may. */
  _caughtUp() {
    if (this.run) snapshot(this.run);
    this.requestUpdate();
    this._schedule();
  }

  _canRun() {
    return this.visible && !(typeof document !== 'undefined' && document.hidden) && this.isConnected;
  }

  /** Starts training (from step 0 again when the last run converged or hit the step limit). */
  play() {
    if (this.playing || !this.run || this._pending || this.stale || this.run.stop?.kind === 'diverged') return;
    if (this.run.stop) this.run = this._newRun(this.run.cfg, false);
    this._generation += 1;
    this.playing = true;
    this._schedule();
  }

  /** Stops training at once: nothing computed after this is applied. */
  pause() {
    if (this._raf) cancelAnimationFrame(this._raf);
    this._raf = 0;
    this._generation += 1;
    if (this.run) snapshot(this.run);
    if (!this.playing) return;
    this.playing = false;
    this._dirty = false;
    this.requestUpdate();
    this.announceStep();
  }

  _halt() {
    if (this.playing) this.pause();
  }

  /** One gradient step, here and now (cheap: at most a few ms at the largest N). */
  stepOnce() {
    this.pause();
    const run = this.run;
    if (!run || this._pending || this.stale || run.stop?.kind === 'diverged') return;
    const { n, seed, degree, rate } = run.cfg;
    append(run, trainChunk(this.api, { n, seed, degree, rate, theta: run.theta, step: run.step, recent: run.recent, maxSteps: 1 }));
    snapshot(run);
    this.requestUpdate();
    this.announceStep();
  }

  /** Back to step 0 (the uniform model), paused. */
  reset() {
    this.pause();
    if (!this.run || this._pending) return;
    this.run = this._newRun(this.run.cfg, false);
    this.requestUpdate();
  }

  _schedule() {
    if (isServer || this._raf) return;
    if (this._dirty || (this.playing && this._canRun() && !this._inflight)) this._raf = requestAnimationFrame(this._onFrame);
  }

  // One redraw per frame; a new job when none is out, sent once this frame is drawn.
  _onFrame() {
    this._raf = 0;
    if (this._dirty) {
      this._dirty = false;
      this.requestUpdate();
    }
    if (this.playing && this._canRun() && !this._inflight) this._afterFrame();
  }

  /**
   * Sends the next job in a task of its own, after this frame's rendering (style, layout, paint
   * and the commit to the compositor run in the frame's task): the worker does not train while
   * the main thread draws. On two cores a worker training without pause leaves the main thread,
   * the compositor and the GC's helper threads one core to share, and a frame of 5 ms of CPU took
   * 50–120 ms waiting for them (tests/bench/lab.mjs).
   */
  _afterFrame() {
    if (this._afterQueued) return;
    this._afterQueued = true;
    if (!this._afterPort) {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => {
        this._afterQueued = false;
        if (this.playing && this._canRun() && !this._inflight) this._sendJob();
      };
      this._afterPort = channel.port2;
    }
    this._afterPort.postMessage(0);
  }

  _sendJob() {
    const run = this.run;
    const client = labClient();
    const speed = this.speedValue;
    const generation = this._generation;
    const from = run.step;
    const { n, seed, degree, rate } = run.cfg;
    this._inflight = true;
    client.request('train', {
      n, seed, degree, rate,
      theta: run.theta,
      step: run.step,
      recent: run.recent,
      msPerStep: run.msPerStep,
      maxSteps: speed === 'max' ? Infinity : Number(speed),
      // the worker may use most of a frame; on the main thread a slice leaves the frame its share
      maxMs: client.mode !== 'worker' ? MAIN_JOB_MS : speed === 'max' ? WORKER_JOB_MS : 12,
    }).then((chunk) => {
      this._inflight = false;
      if (run !== this.run || generation !== this._generation || run.step !== from || !this.playing) return;
      append(run, chunk);
      const now = performance.now();
      if (!(now - (this._viewAt ?? 0) < NUMBERS_MS)) {
        snapshot(run);
        this._viewAt = now;
      }
      this._dirty = true;
      if (chunk.stop) {
        this.playing = false;
        this.announceStep();
      }
      this._schedule();
    }, (error) => {
      this._inflight = false;
      if (run !== this.run) return;
      this.pause();
      this.fail('_run', error, {});
      this.requestUpdate();
    });
  }

  announceStep() {
    const r = this.result;
    if (!r) return;
    const u = this.unitInfo.symbol;
    this.announce(this.t('announce', { step: formatCount(r.step), loss: formatNumber(r.trainLoss), ce: formatNumber(r.crossEntropy), kl: formatNumber(r.kl), u }));
  }

  // ------------------------------------------------------------------ view
  cards(r) {
    const u = this.unitInfo.symbol;
    const card = (cls, label, value) => html`<div class="lab-card ${cls}"><span class="label">${label}</span><span class="value">${value}</span></div>`;
    return html`<div class="lab-cards">
      ${card('step', this.t('cardStep'), formatCount(r.step))}
      ${card('loss', this.t('cardLoss'), `${formatNumber(r.trainLoss)} ${u}`)}
      ${card('ce', this.t('cardCe'), `${formatNumber(r.crossEntropy)} ${u}`)}
      ${card('floor', this.t('cardFloor'), `${formatNumber(r.entropy)} ${u}`)}
      ${card('kl', this.t('cardKl'), `${formatNumber(r.kl)} ${u}`)}
    </div>`;
  }

  formulas(r) {
    const unit = this.unitInfo.symbol;
    return html`${this.formulaLines(F, 'loss', { log: this.logFormula, L: r.trainLoss, unit })}
      ${this.formulaLines(F, 'identity', {})}
      <div class="formula lab-formula">${this.formula(F.identityValues, { ce: r.crossEntropy, h: r.entropy, kl: r.kl, unit })}</div>`;
  }

  /** When training stops by itself: model/lab.js's rule, its numbers formatted for the words. */
  get stopRule() {
    return { window: formatCount(CONVERGE_WINDOW), tol: formatNumber(CONVERGE_TOL * 100), factor: formatCount(DIVERGE_FACTOR), max: formatCount(MAX_STEPS) };
  }

  statusText(r) {
    const run = this.run;
    const u = this.unitInfo.symbol;
    const lb = Math.log(this.base);
    const rule = this.stopRule;
    switch (this.status) {
      case 'converged': return this.t('converged', { step: formatCount(run.stop.step), window: rule.window, tol: rule.tol });
      case 'limit': return this.t('limit', { step: rule.max });
      case 'diverged': return this.t(run.stop.loss != null ? 'diverged' : 'divergedInf', {
        step: formatCount(run.stop.step), loss: formatNumber(run.stop.loss / lb), u, log: this.unitInfo.log,
        uniform: formatNumber(LN3 / lb), factor: rule.factor, rate: formatNumber(run.cfg.rate),
      });
      case 'drawing': return this.t('drawing', { n: formatCount(this._pending.n) });
      case 'training': return this.t('training');
      case 'offscreen': return this.t('offscreen');
      case 'start': return this.t('start', { log: this.unitInfo.log, uniform: formatNumber(r.trainLoss), u });
      case 'prerun': return this.t('prerun', { steps: formatCount(run.prerun) });
      default: return this.t('paused', { step: formatCount(run.step) });
    }
  }

  buttons() {
    const run = this.run;
    const blocked = !run || this._pending || this.stale || run.stop?.kind === 'diverged';
    const again = run?.stop && run.stop.kind !== 'diverged';
    return html`<div class="lab-buttons">
      <button type="button" class="play" aria-pressed=${this.playing ? 'true' : 'false'} ?disabled=${blocked && !this.playing}
        @click=${() => (this.playing ? this.pause() : this.play())}>${this.t(this.playing ? 'pause' : again ? 'again' : 'play')}</button>
      <button type="button" class="step-one" ?disabled=${blocked} @click=${() => this.stepOnce()}>${this.t('stepOne')}</button>
      <button type="button" class="reset" ?disabled=${!run || this._pending} @click=${() => this.reset()}>${this.t('reset')}</button>
    </div>`;
  }

  picture(r) {
    const run = this.run;
    if (!run || !r) return nothing;
    const u = this.unitInfo.symbol;
    const label = this.t('lossPicture', { step: formatCount(r.step), loss: formatNumber(r.trainLoss), ce: formatNumber(r.crossEntropy), h: formatNumber(r.entropy), kl: formatNumber(r.kl), u });
    const t = (key, p) => this.t(key, p);
    const narrow = this.width < NARROW;
    return html`<h4 class="chart-title">${this.t('lossTitle')}</h4>
      <div class="legend" aria-hidden="true">
        <span><span class="key h"></span>${this.t('legendH')}</span>
        <span><span class="key kl"></span>${this.t('legendKl')}</span>
        <span><span class="line ce"></span>${this.t('legendCe')}</span>
        <span><span class="line loss"></span>${this.t('legendLoss')}</span>
      </div>
      ${lossChart({ width: this.width, h: run.hist, unitLog: Math.log(this.base), stop: run.stop, t, unit: u, narrow, cap: DIVERGE_FACTOR * LN3, label })}`;
  }

  render() {
    const r = this.result;
    const run = this.run;
    const overfit = r && r.trainLoss < r.entropy;
    return this.frame({
      title: this.t('title'),
      headline: r ? this.cards(r) : nothing,
      picture: this.picture(r),
      caption: html`${this.buttons()}
        <p class="lab-status" role="status">${run && r ? this.statusText(r) : ''}</p>
        <p class="field-msg" role=${this.hasError('_run') ? 'alert' : nothing}>${this.errorText('_run')}</p>
        ${r ? this.formulas(r) : nothing}
        ${overfit ? html`<p class="lab-overfit">${this.t('overfit', { loss: formatNumber(r.trainLoss), h: formatNumber(r.entropy), ce: formatNumber(r.crossEntropy), u: this.unitInfo.symbol, n: formatCount(r.n) })}</p>` : nothing}
        <p class="caption">${this.t('caption')}</p>`,
      panel: this.api != null,
    });
  }
}

export default BitLearning;
