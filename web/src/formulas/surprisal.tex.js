// <bit-surprisal> / <bit-additivity> formulas (compiled to MathML at build time). Each formula is
// in pieces (xA, xB, xC) that flow onto one line or wrap, whatever the width (base.js formulaLines).
export default {
  singleA: String.raw`I(\txt{label})`,
  singleB: String.raw`= -\raw{log} \prob{p} = \num{I}\ \txt{unit}`,
  productA: String.raw`P(\txt{ab})`,
  productB: String.raw`= P(\txt{a})`,
  productC: String.raw`\cdot P(\txt{b})`,
  productD: String.raw`= \prob{pa} \times \prob{pb} = \prob{p}`,
  sumA: String.raw`I(\txt{ab})`,
  sumB: String.raw`= I(\txt{a})`,
  sumC: String.raw`+ I(\txt{b})`,
  sumD: String.raw`= \num{ia} + \num{ib} = \num{I}\ \txt{unit}`,
};
