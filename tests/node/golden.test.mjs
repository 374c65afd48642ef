// The module gives, call for call, what it gave before the size work: every value bit for bit,
// every refusal with the same code, message, reason, limit, index and byte range (the corpus and
// its record: tests/node/golden.mjs, tests/node/golden.json.gz).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { gunzipSync } from 'node:zlib';
import { recordAll } from './golden.mjs';
import { loadModule, root } from './helpers.mjs';

const { api } = await loadModule('release');
const golden = JSON.parse(gunzipSync(readFileSync(join(root, 'tests/node/golden.json.gz'))).toString('utf8'));

test(`${golden.records.length} calls give the recorded values and refusals (${golden.from})`, () => {
  const records = recordAll(api);
  assert.equal(records.length, golden.records.length, 'the corpus changed: regenerate golden.json.gz on purpose');
  const differences = [];
  for (let i = 0; i < records.length; i++) {
    const [label, got] = records[i];
    const [goldenLabel, expected] = golden.records[i];
    assert.equal(label, goldenLabel, `call ${i}`);
    if (JSON.stringify(got) !== JSON.stringify(expected)) differences.push({ label, got, expected });
  }
  assert.deepEqual(differences.slice(0, 5), [], `${differences.length} of ${records.length} calls differ`);
});
