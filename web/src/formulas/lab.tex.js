// <bit-learning>'s formulas (TeX compiled to MathML at build time; slots filled at run time).
export default {
  lossA: String.raw`\mathcal{L}(\theta) = -\frac{1}{N}\sum_{n=1}^{N} \raw{log} Q_\theta(y_n \mid x_n)`,
  lossB: String.raw`= \num{L}\ \txt{unit}`,
  identityA: String.raw`H(P_{\text{data}}, Q_\theta)`,
  identityB: String.raw`= H(P_{\text{data}}) + D_{\mathrm{KL}}(P_{\text{data}} \,\|\, Q_\theta)`,
  identityValues: String.raw`\num{ce} = \num{h} + \num{kl}\ \txt{unit}`,
};
