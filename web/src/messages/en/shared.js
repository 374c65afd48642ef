// Words every element shares (en): interface strings, what a field accepts, what went wrong.
// One file per language, so a page loads only the language it shows (web/src/shared/i18n.js).

export const shared = {
  controls: 'Adjust and details',
  controlsHint: 'values, table and code',
  panelLoading: 'Loading…',
  panelFailed: 'This part could not be loaded (the network may be down). The picture and numbers above still work; fold and unfold it to try again.',
  stale: 'Invalid input: the result below is the last valid one',
  ignored: ({ name, value, allowed }) => `Attribute ${name}=${value} is not valid and was ignored: ${allowed}`,
  langAllowed: 'use zh or en.',
  unitAllowed: 'use bit, nat or hartley; computing in bits.',
  };

export const allowed = {
  probability: 'Type a probability between 0 and 1, such as 1/8, 0.125 or 12.5%.',
  distribution: 'Separate entries with commas, such as 1/2, 1/4, 1/4, or weights such as 2, 1, 1 (rescaled to sum to 1).',
  number: ({ range }) => (range ? `Type a number ${range}.` : 'Type a number.'),
  whole: ({ range }) => `Type a whole number ${range}.`,
  };

export const wrong = {
  EMPTY: ({ what }) => `${what[0].toUpperCase()}${what.slice(1)} is empty.`,
  EMPTY_ENTRY: ({ index }) => `Entry ${index + 1} is empty (two separators in a row).`,
  TYPE: ({ bad }) => `${bad} is not a number.`,
  NOT_FINITE: ({ bad }) => `${bad} is not a finite number (a division by 0, or too large).`,
  NEGATIVE: ({ bad }) => `${bad} is negative; probabilities and weights cannot be below 0.`,
  NOT_NORMALIZED: ({ sum }) => `These probabilities add up to ${sum}, not 1.`,
  LENGTH_MISMATCH: ({ n, m }) => `P has ${n} entries and Q has ${m}: they must match entry for entry.`,
  OUT_OF_RANGE: ({ bad }) => `${bad} is outside the allowed range.`,
  ALL_ZERO: () => 'Every weight is 0: at least one must be above 0.',
  EMPTY_TEXT: ({ what }) => `${what[0].toUpperCase()}${what.slice(1)} is empty.`,
  ONLY_SEPARATORS: () => 'There are only separators here, no numbers.',
  UNEXPECTED_CHARACTER: ({ bad }) => `${bad} contains a character that has no place in a number.`,
  EXPECTED_NUMBER: ({ bad }) => `${bad} is not a number.`,
  EXPONENT_DIGITS: ({ bad }) => `The exponent of ${bad} (after the e) has no digits.`,
  SIGN: ({ bad }) => `A sign is out of place in ${bad}.`,
  MORE_TEXT: ({ bad }) => `${bad} has something extra after the number.`,
  DIVISION_BY_ZERO: ({ bad }) => `${bad} divides by 0.`,
  TOO_LARGE: ({ bad }) => `${bad} is too large for a double-precision number.`,
  TOO_SMALL: ({ bad }) => `${bad} is so small it would become 0 (an impossible event).`,
  PERCENT_OVER_100: ({ bad }) => `${bad} is more than 100%.`,
  ABOVE_ONE: ({ bad }) => `${bad} is more than 1.`,
  BAD_UTF8: () => 'The text holds a character encoding that cannot be read.',
  TOO_LONG: ({ limit }) => `The text is too long: at most ${limit} bytes.`,
  TOO_MANY_OUTCOMES: ({ limit }) => `Too many outcomes: this calculator takes at most ${limit}.`,
  EXPONENT_RANGE: ({ bad }) => `${bad} is beyond the range of a double-precision number.`,
  LONE_SURROGATE: ({ start }) => `Character ${(start ?? 0) + 1} is broken (a lone UTF-16 surrogate): delete it or complete it.`,
  BAD_BASE: ({ bad }) => `Unknown unit ${bad}.`,
  PARSE: ({ bad }) => `Could not read ${bad}.`,
  DIVERGED: ({ step }) => `Training diverged at step ${step} (the numbers became infinite) and stopped.`,
  INTERNAL: () => 'Something unexpected went wrong in the calculation.',
  };

export const what = { probability: 'the probability', distribution: 'the distribution', number: 'the number', whole: 'the number' };

