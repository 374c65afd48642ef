// <bit-cross-entropy> formulas (compiled to MathML at build time).
export default {
  definition: String.raw`H(P,Q) = -\sum_i p_i \raw{log} q_i = \num{ce}\ \txt{unit}`,
  split: String.raw`H(P,Q) = H(P) + D_{\mathrm{KL}}(P \parallel Q) = \num{h} + \num{kl}`,
};
