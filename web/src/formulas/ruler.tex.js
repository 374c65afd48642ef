// <bit-ruler>'s formulas (TeX compiled to MathML at build time; slots filled at run time).
export default {
  forwardA: String.raw`D_{\mathrm{KL}}(P \,\|\, Q) = \sum_k p_k \raw{log} \frac{p_k}{q_k}`,
  forwardB: String.raw`= \num{d}\ \txt{unit}`,
  reverseA: String.raw`D_{\mathrm{KL}}(Q \,\|\, P) = \sum_k q_k \raw{log} \frac{q_k}{p_k}`,
  reverseB: String.raw`= \num{d}\ \txt{unit}`,
  gaussian: String.raw`D_{\mathrm{KL}}\bigl(\mathcal{N}_1 \,\|\, \mathcal{N}_2\bigr) = \Bigl[\ln\frac{\sigma_2}{\sigma_1} + \frac{\sigma_1^2 + (\mu_1 - \mu_2)^2}{2\sigma_2^2} - \frac{1}{2}\Bigr]\raw{conv}`,
  gaussianValues: String.raw`= \Bigl[\ln\frac{\num{s2}}{\num{s1}} + \frac{\num{s1}^2 + (\num{m1} - \num{m2})^2}{2 \cdot \num{s2}^2} - \frac{1}{2}\Bigr]\raw{conv}`,
  gaussianResult: String.raw`= \num{d}\ \txt{unit}`,
  convBit: { tex: String.raw`\cdot \frac{1}{\ln 2}`, inline: true },
  convHartley: { tex: String.raw`\cdot \frac{1}{\ln 10}`, inline: true },
};
