// Words every element shares (zh): interface strings, what a field accepts, what went wrong.
// One file per language, so a page loads only the language it shows (web/src/shared/i18n.js).

export const shared = {
  controls: '调整与细节',
  controlsHint: '输入数值、表格与代码',
  panelLoading: '正在载入……',
  panelFailed: '这部分没能载入（可能是网络断了）。上面的图和数照常可用；稍后收起再展开即可重试。',
  stale: '输入有误：下面显示的是上一次有效的结果',
  ignored: ({ name, value, allowed }) => `属性 ${name}=${value} 无效，已忽略：${allowed}`,
  langAllowed: '可用 zh 或 en。',
  unitAllowed: '可用 bit、nat 或 hartley，现按 bit 计算。',
  };

export const allowed = {
  probability: '请输入 0 到 1 之间的概率，例如 1/8、0.125 或 12.5%。',
  distribution: '请用逗号分隔各项，例如 1/2, 1/4, 1/4 或权重 2, 1, 1（会按比例缩放到总和 1）。',
  number: ({ range }) => (range ? `请输入 ${range} 的数。` : '请输入一个数。'),
  whole: ({ range }) => `请输入 ${range} 的整数。`,
  };

export const wrong = {
  EMPTY: ({ what }) => `${what}还空着。`,
  EMPTY_ENTRY: ({ index }) => `第 ${index + 1} 项是空的（两个分隔符挨在一起）。`,
  TYPE: ({ bad }) => `${bad}不是数。`,
  NOT_FINITE: ({ bad }) => `${bad}不是有限的数（例如除以 0 或太大）。`,
  NEGATIVE: ({ bad }) => `${bad}是负数，概率和权重都不能小于 0。`,
  NOT_NORMALIZED: ({ sum }) => `这些概率加起来是 ${sum}，不是 1。`,
  LENGTH_MISMATCH: ({ n, m }) => `P 有 ${n} 项，Q 有 ${m} 项：两者必须一一对应。`,
  OUT_OF_RANGE: ({ bad }) => `${bad}超出了允许的范围。`,
  ALL_ZERO: () => '所有权重都是 0：至少要有一项大于 0。',
  EMPTY_TEXT: ({ what }) => `${what}还空着。`,
  ONLY_SEPARATORS: () => '这里只有分隔符，没有数。',
  UNEXPECTED_CHARACTER: ({ bad }) => `${bad}里有不能出现在数里的字符。`,
  EXPECTED_NUMBER: ({ bad }) => `${bad}不是一个数。`,
  EXPONENT_DIGITS: ({ bad }) => `${bad}的指数（e 后面）缺少数字。`,
  SIGN: ({ bad }) => `${bad}的正负号位置不对。`,
  MORE_TEXT: ({ bad }) => `${bad}后面还有多余的内容。`,
  DIVISION_BY_ZERO: ({ bad }) => `${bad}除以了 0。`,
  TOO_LARGE: ({ bad }) => `${bad}太大了，超出了双精度数的范围。`,
  TOO_SMALL: ({ bad }) => `${bad}太小了，会变成 0（一个不可能的事件）。`,
  PERCENT_OVER_100: ({ bad }) => `${bad}超过了 100%。`,
  ABOVE_ONE: ({ bad }) => `${bad}大于 1。`,
  BAD_UTF8: () => '输入里有无法识别的字符编码。',
  TOO_LONG: ({ limit }) => `输入太长了：最多 ${limit} 个字节。`,
  TOO_MANY_OUTCOMES: ({ limit }) => `结果太多了：这个计算器最多接受 ${limit} 项。`,
  EXPONENT_RANGE: ({ bad }) => `${bad}的数量级超出了双精度数能表示的范围。`,
  LONE_SURROGATE: ({ start }) => `第 ${(start ?? 0) + 1} 个字符是残缺的（孤立的 UTF-16 代理项），请删掉它或补全。`,
  BAD_BASE: ({ bad }) => `不认识单位${bad}。`,
  PARSE: ({ bad }) => `无法识别${bad}。`,
  DIVERGED: ({ step }) => `训练在第 ${step} 步发散了（数值变成了无穷大），已停止。`,
  INTERNAL: () => '计算时出了意外的问题。',
  };

export const what = { probability: '概率', distribution: '分布', number: '这个数', whole: '这个数' };

