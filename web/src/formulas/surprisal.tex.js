// <bit-surprisal> / <bit-additivity> formulas (compiled to MathML at build time).
export default {
  single: String.raw`I(\txt{label}) = -\raw{log} \prob{p} = \num{I}\ \txt{unit}`,
  product: String.raw`P(\txt{ab}) = P(\txt{a})\,P(\txt{b}) = \prob{pa} \times \prob{pb} = \prob{p}`,
  sum: String.raw`I(\txt{ab}) = I(\txt{a}) + I(\txt{b}) = \num{ia} + \num{ib} = \num{I}\ \txt{unit}`,
};
