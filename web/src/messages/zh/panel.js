// Words every "adjust and details" panel shares (zh); each panel's words (<element>-panel.js)
// bring them along, fetched when a reader first opens that panel (see base.js).

export default {
  examples: '例子',
  codeTitle: '用代码算同一个数',
  copyCode: '复制代码',
  codeCopied: '已复制',
  unitLabel: '单位',
  unitBit: 'bit（以 2 为底）',
  unitNat: 'nat（以 e 为底）',
  unitHartley: 'hartley（以 10 为底）',
  tableScroll: '表格可左右滑动',
};
