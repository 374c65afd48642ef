/**
 * DistributionModel — the one editor model behind <bit-entropy>, <bit-cross-entropy> and <bit-kl>
 * (a Lit reactive controller: the host owns the attributes, the model reads, checks and edits them).
 *
 * State lives in the host's string properties: `p` (and `q` when the host compares two
 * distributions) and `labels`, exactly as they stand in the attributes, so a permalink restores
 * them byte for byte. The reader's edits go through the model:
 *   - typing: the text is a draft until the core reads it; a valid draft becomes the attribute,
 *     an invalid one stays in the field (never lost) with its error, and the picture keeps the last
 *     valid distribution, marked stale by the host;
 *   - dragging and keys: values move on a grid of 0.01 (0.001 with Shift); the other outcomes give
 *     or take in proportion, apportioned in whole grid steps so the text stays short and sums to 1;
 *   - add / remove / rename outcomes, and "Q = P".
 * Everything numeric comes from the core: readDistribution (weights, probabilities, whether they
 * were rescaled, where each entry stands in the text) and infoTerms (each outcome's surprisals and
 * contributions, and the totals from the same kernel).
 */
import { formatList } from '../shared/format.js';

/**
 * Outcomes an editor takes. Measured (tests/bench/outcomes.mjs): at 64 outcomes, panel open (table,
 * Huffman code and every field drawn), an edit takes a median 19-28 ms from attribute to laid-out
 * picture in headless Chromium on a busy 2-core machine, growing about linearly; 64 keeps every
 * edit under 50 ms with room for a slower phone, and is more than any picture can label legibly.
 */
export const MAX_OUTCOMES = 64;

/** Splits a labels attribute: commas (also ，、), trimmed; blanks stay blank (a default name shows). */
export function parseLabels(text) {
  if (text == null) return [];
  return String(text).split(/[,，、]/).map((s) => s.trim());
}

/** A labels attribute from names (separators inside a name would split it: they become spaces). */
export function labelsText(names) {
  return names.map((s) => String(s ?? '').replace(/[,，、]/g, ' ').trim()).join(',');
}

/**
 * Integer grid counts for probabilities `values` that sum to `total` counts, by the largest
 * remainder (Hamilton) method: proportional, whole, and summing exactly to `total`.
 */
export function apportion(values, total) {
  const sum = values.reduce((a, b) => a + b, 0);
  if (!(sum > 0)) {
    const base = Math.floor(total / values.length);
    return values.map((_, i) => base + (i < total - base * values.length ? 1 : 0));
  }
  const exact = values.map((v) => (v / sum) * total);
  const counts = exact.map(Math.floor);
  let left = total - counts.reduce((a, b) => a + b, 0);
  const order = exact.map((e, i) => [e - counts[i], i]).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (let k = 0; left > 0; k = (k + 1) % order.length, left -= 1) counts[order[k][1]] += 1;
  return counts;
}

const GRID = { coarse: 100, fine: 1000 };

export class DistributionModel {
  /**
   * @param host   the element (p, q?, labels properties; requestUpdate; api; lang)
   * @param which  ['p'] or ['p', 'q']
   * @param defaultLabel (lang, i) → the name of an unnamed outcome
   */
  constructor(host, { which = ['p'], defaultLabel }) {
    this.host = host;
    this.which = which;
    this.defaultLabel = defaultLabel;
    this.drafts = {};          // which → text typed but not (yet) valid
    this.read = {};            // which → { text, value } last readDistribution of a text
    this.good = {};            // which → last valid reading
    this.lastEdited = which[which.length - 1];
    this.terms = null;         // last good infoTerms
    host.addController(this);
  }

  hostConnected() {}

  /** The text shown in the field for `which`: the draft while there is one, else the attribute. */
  fieldText(which) {
    return this.drafts[which] ?? this.host[which] ?? '';
  }

  _read(which, text) {
    const cached = this.read[which];
    if (cached && cached.text === text) return cached.value;
    let value;
    try {
      const d = this.host.api.readDistribution(text);
      value = d.probabilities.length > MAX_OUTCOMES
        ? { error: { code: 'OUT_OF_RANGE', reason: 'TOO_MANY_OUTCOMES', limit: MAX_OUTCOMES } }
        : { distribution: d };
    } catch (error) {
      value = { error };
    }
    this.read[which] = { text, value };
    return value;
  }

  /**
   * Reads the current texts and computes the terms. Returns true when the picture shows the
   * current input, false when it shows the last valid one (errors are on the host's fields).
   */
  compute() {
    const host = this.host;
    let valid = true;
    const current = {};
    for (const w of this.which) {
      const text = this.fieldText(w);
      const r = this._read(w, text);
      if (r.error) {
        host.fail(w, r.error, { kind: 'distribution', input: text });
        valid = false;
      } else {
        host.clearError(w);
        current[w] = r.distribution;
      }
    }
    if (valid && this.which.length === 2 && current.p.probabilities.length !== current.q.probabilities.length) {
      const other = this.lastEdited === 'p' ? 'q' : 'p';
      host.clearError(other);
      host.fail(this.lastEdited, { code: 'LENGTH_MISMATCH', n: current.p.probabilities.length, m: current.q.probabilities.length },
        { kind: 'distribution', input: this.fieldText(this.lastEdited) });
      valid = false;
    }
    if (valid) {
      const [ok, terms] = host.attempt('_terms', () => host.api.infoTerms(
        current.p.probabilities, this.which.length === 2 ? current.q.probabilities : undefined, { base: host.base }), {});
      if (ok) {
        this.good = current;
        this.terms = terms;
        // a valid draft becomes the attribute (permalink); the field keeps the reader's text
        for (const w of this.which) {
          if (this.drafts[w] != null) {
            host[w] = this.drafts[w];
            delete this.drafts[w];
          }
        }
      } else valid = false;
    }
    return valid;
  }

  get probabilities() {
    return this.good.p?.probabilities ?? [];
  }

  get modelProbabilities() {
    return this.good.q?.probabilities ?? [];
  }

  get size() {
    return this.probabilities.length;
  }

  /** Whether the distribution has as many outcomes as it may (add() does nothing then). */
  get full() {
    return this.size >= MAX_OUTCOMES;
  }

  /** Outcome names: the labels attribute, a default name where it is blank or short. */
  labels() {
    const given = parseLabels(this.host.labels);
    return Array.from({ length: this.size }, (_, i) => given[i] || this.defaultLabel(this.host.lang, i));
  }

  // ------------------------------------------------------------------ edits
  /** The reader typed into a field. */
  type(which, text) {
    this.drafts[which] = text;
    this.lastEdited = which;
    this.host.requestUpdate();
  }

  _write(which, values) {
    delete this.drafts[which];
    this.lastEdited = which;
    this.host[which] = formatList(values);
  }

  _grid(fine) {
    return fine ? GRID.fine : GRID.coarse;
  }

  /** Sets outcome i of `which` to `value` (snapped); the others share the rest in proportion. */
  setProbability(which, i, value, { fine = false } = {}) {
    const values = which === 'q' ? this.modelProbabilities : this.probabilities;
    if (!values.length) return;
    const g = this._grid(fine);
    const own = Math.min(g, Math.max(0, Math.round(value * g)));
    const others = values.filter((_, k) => k !== i);
    const rest = others.length ? apportion(others, g - own) : [];
    const counts = values.length === 1 ? [g] : values.map((_, k) => (k === i ? own : rest[k < i ? k : k - 1]));
    this._write(which, counts.map((c) => c / g));
  }

  /** Moves the boundary after outcome i of `which` to cumulative position x (on the grid). */
  moveBoundary(which, i, x, { fine = false } = {}) {
    const values = which === 'q' ? this.modelProbabilities : this.probabilities;
    if (i < 0 || i >= values.length - 1) return;
    const g = this._grid(fine);
    const counts = apportion(values, g);
    const before = counts.slice(0, i).reduce((a, b) => a + b, 0);
    const pair = counts[i] + counts[i + 1];
    const at = Math.min(before + pair, Math.max(before, Math.round(x * g)));
    counts[i] = at - before;
    counts[i + 1] = pair - counts[i];
    this._write(which, counts.map((c) => c / g));
  }

  /** Adds an outcome with probability 0 (to every distribution), named by default. */
  add() {
    if (this.full) return;
    for (const w of this.which) {
      const values = w === 'q' ? this.modelProbabilities : this.probabilities;
      this._write(w, [...values, 0]);
    }
    const names = parseLabels(this.host.labels);
    if (names.some(Boolean)) this.host.labels = labelsText([...Array.from({ length: this.size }, (_, i) => names[i] ?? ''), '']);
  }

  /** Removes outcome i; the others are rescaled to sum to 1 on the grid. */
  remove(i) {
    if (this.size <= 2) return;
    for (const w of this.which) {
      const values = (w === 'q' ? this.modelProbabilities : this.probabilities).filter((_, k) => k !== i);
      const counts = apportion(values, GRID.fine);
      this._write(w, counts.map((c) => c / GRID.fine));
    }
    const names = parseLabels(this.host.labels);
    if (names.length) this.host.labels = labelsText(Array.from({ length: this.size }, (_, k) => names[k] ?? '').filter((_, k) => k !== i));
  }

  rename(i, name) {
    const names = Array.from({ length: this.size }, (_, k) => parseLabels(this.host.labels)[k] ?? '');
    names[i] = name;
    this.host.labels = labelsText(names);
  }

  /** Q becomes exactly P (D = 0). */
  snapModelToTruth() {
    this._write('q', this.probabilities);
  }

  /** A preset: texts replace everything (drafts and errors go). */
  applyTexts(texts) {
    for (const w of this.which) delete this.drafts[w];
    Object.assign(this.host, texts);
  }
}
