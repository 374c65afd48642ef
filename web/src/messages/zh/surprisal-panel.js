// The words of <bit-surprisal> and <bit-additivity>'s panel (zh), fetched when a reader first opens it.
import panel from './panel.js';

export default {
  ...panel,
  china: '中国夺冠 1/1024', argentina: '阿根廷夺冠 1/8',
  fieldP: '概率 p（可写 1/1024、0.125 或 12.5%）', fieldLabel: '事件的名字',
  fieldA: (n) => `P(${n})`, fieldB: (n) => `P(${n})（A 发生之后）`,
  codeComment: '信息量',
};
