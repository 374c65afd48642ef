// <bit-kl> formulas (compiled to MathML at build time); *A / *B: two lines for narrow screens.
export default {
  forwardA: String.raw`D_{\mathrm{KL}}(P \parallel Q) = \sum_i p_i \raw{log} \frac{p_i}{q_i}`,
  forwardB: String.raw`= \num{kl}\ \txt{unit}`,
  reverseA: String.raw`D_{\mathrm{KL}}(Q \parallel P) = \sum_i q_i \raw{log} \frac{q_i}{p_i}`,
  reverseB: String.raw`= \num{rev}\ \txt{unit}`,
};
