// Words every "adjust and details" panel shares (en); each panel's words (<element>-panel.js)
// bring them along, fetched when a reader first opens that panel (see base.js).

export default {
  examples: 'Examples',
  codeTitle: 'The same number in code',
  copyCode: 'Copy code',
  codeCopied: 'Copied',
  unitLabel: 'Unit',
  unitBit: 'bit (base 2)',
  unitNat: 'nat (base e)',
  unitHartley: 'hartley (base 10)',
  tableScroll: 'the table scrolls sideways',
};
