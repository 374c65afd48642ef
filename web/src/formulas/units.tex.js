// The logarithm of each unit, as MathML fragments for \raw{log} slots (compiled at build time).
export default {
  bit: { tex: String.raw`\log_2`, inline: true },
  nat: { tex: String.raw`\ln`, inline: true },
  hartley: { tex: String.raw`\log_{10}`, inline: true },
};
