// <bit-entropy>'s formulas (TeX compiled to MathML at build time; slots filled at run time).
export default {
  definitionA: String.raw`H(P) = \sum_i p_i\,\bigl(-\raw{log} p_i\bigr)`,
  definitionB: String.raw`= \num{H}\ \txt{unit}`,
  uniform: String.raw`= \num{n} \times \prob{p} \times \num{s} = \num{H}`,
  terms1: String.raw`= \num{p1} \times \num{s1}`,
  terms2: String.raw`= \num{p1} \times \num{s1} + \num{p2} \times \num{s2}`,
  terms3: String.raw`= \num{p1} \times \num{s1} + \num{p2} \times \num{s2} + \num{p3} \times \num{s3}`,
  terms3more: String.raw`= \num{p1} \times \num{s1} + \num{p2} \times \num{s2} + \num{p3} \times \num{s3} + \cdots`,
  bound: String.raw`H(P) \le \raw{log} \num{n} = \num{max}\ \txt{unit}`,
};
