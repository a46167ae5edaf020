import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import { parseSpec } from '../../../src/core/workspaceSpec';

const root = join(__dirname, '../../../..');
const schema = JSON.parse(readFileSync(join(root, 'schemas/gpu-pods.schema.json'), 'utf8')) as object;

/** Specs a user may write, each with what the parser must say (undefined: valid). */
const VALID: object[] = [
  { cloud: 'novita', gpu: { type: 'prod-4090' } },
  {
    cloud: 'yotta',
    account: 'work',
    name: 'trainer',
    gpu: { type: 'NVIDIA_H100', count: 2 },
    region: 'us-east',
    image: 'pytorch/pytorch:latest',
    disks: { systemGb: 100, dataGb: 0 },
    volumes: [{ id: 'vol-1', mountPath: '/data' }],
    ports: [
      { port: 22, protocol: 'ssh' },
      { port: 8888, protocol: 'http' },
    ],
    env: [
      { name: 'WANDB_PROJECT', value: 'demo' },
      { name: 'HF_TOKEN', secret: 'hf-token' },
    ],
    command: 'python train.py',
    idle: { stopBelowPercent: 5, stopAfterMinutes: 30 },
    remoteFolder: '/workspace/project',
  },
  { gpu: { minVramGb: 24 } },
  { cloud: 'gpugeek', gpu: { minVramGb: 80, count: 8 }, $schema: './x.json' },
  { cloud: 'neevcloud', gpu: { type: '12' }, disks: {} },
];

const INVALID: Array<[object, RegExp]> = [
  [{}, /^gpu: is required/],
  [{ gpu: { type: 'x' } }, /^cloud: a GPU "type" is one cloud's id/],
  [{ cloud: 'aws', gpu: { minVramGb: 8 } }, /^cloud: must be one of yotta, novita, gpugeek, neevcloud/],
  [{ cloud: 'novita', gpu: { type: 'x', count: 0 } }, /^gpu\.count: must be at least 1/],
  [{ gpu: { minVramGb: 0 } }, /^gpu\.minVramGb: must be above 0/],
  [{ gpu: { size: 'big' } }, /^gpu: give either "type"/],
  [{ gpu: { minVramGb: 8 }, gpus: 1 }, /^\(file\): unknown field\(s\) "gpus"/],
  [{ gpu: { minVramGb: 8 }, disks: { systemGb: 1.5 } }, /^disks\.systemGb: must be a whole number/],
  [{ gpu: { minVramGb: 8 }, ports: [{ port: 70000, protocol: 'tcp' }] }, /^ports\[0\]\.port: must be at most 65535/],
  [
    { gpu: { minVramGb: 8 }, ports: [{ port: 80, protocol: 'udp' }] },
    /^ports\[0\]\.protocol: must be one of ssh, http, tcp/,
  ],
  [
    { gpu: { minVramGb: 8 }, env: [{ name: 'HF_TOKEN', value: 'hf_abc' }] },
    /^env\[0\]\.value: HF_TOKEN looks like a secret/,
  ],
  [{ gpu: { minVramGb: 8 }, env: [{ name: 'api_key', value: 'x' }] }, /^env\[0\]\.value: api_key looks like a secret/],
  [{ gpu: { minVramGb: 8 }, env: [{ name: 'A', value: 'x', secret: 'a' }] }, /^env\[0\]: a variable has a "name"/],
  [{ gpu: { minVramGb: 8 }, env: [{ name: '1A', value: 'x' }] }, /^env\[0\]\.name: use letters, digits and _/],
  [{ gpu: { minVramGb: 8 }, env: [{ name: 'T', secret: 'Has Spaces' }] }, /^env\[0\]\.secret: a secret name is/],
  [
    { gpu: { minVramGb: 8 }, idle: { stopBelowPercent: 5, stopAfterMinutes: 90 } },
    /^idle\.stopAfterMinutes: must be at most 60/,
  ],
  [{ gpu: { minVramGb: 8 }, idle: { stopBelowPercent: 5 } }, /^idle\.stopAfterMinutes: is required/],
  [{ gpu: { minVramGb: 8 }, remoteFolder: 'project' }, /^remoteFolder: must be an absolute path/],
  [{ gpu: { minVramGb: 8 }, remoteFolder: '/workspace/../etc' }, /^remoteFolder: must be an absolute path/],
  [{ gpu: { minVramGb: 8 }, image: '' }, /^image: must not be empty/],
  [{ gpu: { minVramGb: 8 }, account: 7 }, /^account: must be a string/],
];

describe('the workspace pod spec (.vscode/gpu-pods.json)', () => {
  it('reads every documented field of a valid spec', () => {
    for (const spec of VALID) {
      const result = parseSpec(JSON.stringify(spec));
      assert.ok('spec' in result, `${JSON.stringify(spec)}: ${'problems' in result ? result.problems.join('; ') : ''}`);
      assert.deepEqual(result.spec, spec);
    }
  });

  it('names the JSON path of each problem in a spec it refuses, and refuses a secret value', () => {
    for (const [spec, message] of INVALID) {
      const result = parseSpec(JSON.stringify(spec));
      assert.ok('problems' in result, `${JSON.stringify(spec)} was accepted`);
      assert.match(result.problems[0], message, JSON.stringify(spec));
    }
  });

  it('says what is wrong with a file that is not a JSON object', () => {
    assert.deepEqual(parseSpec('[1]'), { problems: ['(file): must be a JSON object'] });
    const broken = parseSpec('{ "gpu": ');
    assert.ok('problems' in broken && /^\(file\): not valid JSON/.test(broken.problems[0]));
  });

  it('the editor schema (jsonValidation) accepts and refuses exactly what the parser does', () => {
    const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);
    for (const spec of [...VALID, ...INVALID.map(([s]) => s)]) {
      const parsed = 'spec' in parseSpec(JSON.stringify(spec));
      assert.equal(validate(spec), parsed, `${JSON.stringify(spec)}: schema and parser disagree`);
    }
  });
});
