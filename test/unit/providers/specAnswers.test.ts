import assert from 'node:assert/strict';
import type { Answers, CreateForm } from '../../../src/core/createForm';
import { answersFromSpec, cheapestOffer, specFromAnswers } from '../../../src/core/specAnswers';
import type { GpuOffer } from '../../../src/core/model';
import { parseSpec, specText } from '../../../src/core/workspaceSpec';
import { gpuGeekAnswersLike, gpuGeekPrefillOf } from '../../../src/providers/gpugeek/form/podLike';
import { neevAnswersLike, neevPrefillOf } from '../../../src/providers/neevcloud/form/podLike';
import { novitaAnswersLike, novitaPrefillOf } from '../../../src/providers/novita/form/podLike';
import { podAnswersLike, podPrefillOf } from '../../../src/providers/yotta/form/podLike';

type Mapping = Pick<CreateForm, 'answersLike' | 'prefillOf'>;

/** Each cloud's wizard answers (as its steps give them) and its form's two mappings. */
const CLOUDS: Array<{ cloud: 'yotta' | 'novita' | 'gpugeek' | 'neevcloud'; form: Mapping; answers: Answers }> = [
  {
    cloud: 'yotta',
    form: { answersLike: (p) => podAnswersLike(p, false), prefillOf: podPrefillOf },
    answers: {
      gpu: 'NVIDIA_H100_80GB',
      gpuCount: 2,
      region: 'us-east-1',
      image: 'pytorch/pytorch:2.4.0-cuda12.4-cudnn9-runtime',
      containerDisk: 80,
      ports: ['22/SSH', '8888/HTTP'],
      customPorts: '9000/tcp',
    },
  },
  {
    cloud: 'novita',
    form: { answersLike: novitaAnswersLike, prefillOf: novitaPrefillOf },
    answers: {
      productId: 'prod-4090',
      gpuNum: 1,
      clusterId: 'cl-us',
      image: 'nvcr.io/nvidia/pytorch:24.05-py3',
      rootfsSize: 60,
      diskSize: 120,
      jupyter: true,
      ports: '8080/tcp,8081/http',
      networkStorages: ['ns-1'],
    },
  },
  {
    cloud: 'gpugeek',
    form: { answersLike: gpuGeekAnswersLike, prefillOf: gpuGeekPrefillOf },
    answers: {
      gpuName: 'RTX 4090',
      gpuNum: 1,
      dcId: 'dc-1',
      imageId: 'img-7',
      systemDiskSize: 30,
      dataDiskSize: 50,
      tcpPorts: '22, 6006',
      httpPorts: '7860',
    },
  },
  {
    cloud: 'neevcloud',
    form: { answersLike: neevAnswersLike, prefillOf: neevPrefillOf },
    answers: { gpu: { configId: '42' }, count: 1, region: 'in-1', template: 'tpl-pytorch' },
  },
];

describe('Save These Answers to the Workspace, then Create Pod from Workspace Spec, on each cloud', () => {
  for (const { cloud, form, answers } of CLOUDS)
    it(`${cloud}: the saved spec is valid and brings back the same answers`, () => {
      const { spec } = specFromAnswers(form, answers, { cloud, account: 'work' });
      const reread = parseSpec(specText(spec));
      assert.ok('spec' in reread, 'problems' in reread ? reread.problems.join('; ') : '');
      assert.equal(reread.spec.cloud, cloud);
      assert.equal(reread.spec.account, 'work');
      const back = answersFromSpec(form, reread.spec);
      for (const [id, value] of Object.entries(answers)) assert.deepEqual(back[id], value, `${cloud} ${id}`);
    });

  it('keeps a secret variable by its secret name, and saves a plain value named like a secret by name only', () => {
    const { spec, madeSecret } = specFromAnswers(
      CLOUDS[1].form,
      {
        ...CLOUDS[1].answers,
        env: {
          vars: [
            { name: 'HF_TOKEN', secret: 'hf-token' },
            { name: 'WANDB_API_KEY', value: 'wandb-plaintext-value' },
            { name: 'PROJECT', value: 'demo' },
          ],
          command: 'python app.py',
        },
      },
      { cloud: 'novita', account: 'work' },
    );
    const text = specText(spec);
    assert.doesNotMatch(text, /wandb-plaintext-value/);
    assert.deepEqual(madeSecret, ['WANDB_API_KEY']);
    assert.deepEqual(spec.env, [
      { name: 'HF_TOKEN', secret: 'hf-token' },
      { name: 'WANDB_API_KEY', secret: 'wandb-api-key' },
      { name: 'PROJECT', value: 'demo' },
    ]);
    assert.equal(spec.command, 'python app.py');
    assert.deepEqual(answersFromSpec(CLOUDS[1].form, spec).env, {
      vars: spec.env,
      command: 'python app.py',
    });
  });

  it('"at least N GB VRAM" takes the cheapest available offer with enough VRAM and room for the count', () => {
    const offer = (cloud: GpuOffer['cloud'], id: string, vramGb: number, price: number, more: Partial<GpuOffer> = {}) =>
      ({ cloud, id, gpuName: id, vramGb, pricePerGpuHour: price, regions: [], available: true, ...more }) as GpuOffer;
    const source = (key: string, cloud: GpuOffer['cloud']) => ({ key, cloud, where: key, list: async () => [] });
    const results = [
      {
        source: source('a', 'novita'),
        cached: false,
        ms: 1,
        offers: [
          offer('novita', 'small', 16, 0.1),
          offer('novita', 'big-sold', 80, 0.5, { available: false }),
          offer('novita', 'big', 48, 0.9),
        ],
      },
      {
        source: source('b', 'yotta'),
        cached: false,
        ms: 1,
        offers: [offer('yotta', 'mid', 24, 0.7), offer('yotta', 'one-only', 24, 0.2, { maxCount: 1 })],
      },
    ];
    assert.equal(cheapestOffer(results, { minVramGb: 24 })?.offer.id, 'one-only');
    assert.equal(cheapestOffer(results, { minVramGb: 24, count: 2 })?.offer.id, 'mid');
    assert.equal(cheapestOffer(results, { minVramGb: 24, cloud: 'novita' })?.offer.id, 'big');
    assert.equal(cheapestOffer(results, { minVramGb: 100 }), undefined);
  });
});
