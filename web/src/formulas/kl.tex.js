// <bit-kl> formulas (compiled to MathML at build time).
export default {
  forward: String.raw`D_{\mathrm{KL}}(P \parallel Q) = \sum_i p_i \raw{log} \frac{p_i}{q_i} = \num{kl}\ \txt{unit}`,
  reverse: String.raw`D_{\mathrm{KL}}(Q \parallel P) = \sum_i q_i \raw{log} \frac{q_i}{p_i} = \num{rev}\ \txt{unit}`,
};
