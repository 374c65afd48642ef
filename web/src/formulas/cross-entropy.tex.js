// <bit-cross-entropy> formulas (compiled to MathML at build time); *A / *B: two lines for narrow screens.
export default {
  definitionA: String.raw`H(P,Q) = -\sum_i p_i \raw{log} q_i`,
  definitionB: String.raw`= \num{ce}\ \txt{unit}`,
  splitA: String.raw`H(P,Q) = H(P) + D_{\mathrm{KL}}(P \parallel Q)`,
  splitB: String.raw`= \num{h} + \num{kl}`,
};
