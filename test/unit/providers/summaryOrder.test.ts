import * as assert from 'node:assert/strict';
import type { Answers } from '../../../src/core/createForm';
import type { PickItem } from '../../../src/ui/prompts';
import { runWizard } from '../../../src/ui/wizard';
import { AutoInput } from '../../support/autoInput';
import { CTX, type CloudUnderTest, startFourClouds } from './fourClouds';

describe('the create summary on every cloud', () => {
  let clouds: CloudUnderTest[];
  before(async () => (clouds = await startFourClouds()));
  after(() => Promise.all(clouds.map((c) => c.stop())));

  async function summary(c: CloudUnderTest) {
    const form = c.provider().createForm();
    return form.summarize(await c.answers(form), CTX);
  }

  it('opens with GPU × count, image, region, price and name, in that order, on every cloud', async () => {
    for (const c of clouds) {
      const lines = await summary(c);
      assert.deepEqual(
        lines.slice(0, 5).map((l) => l.label),
        ['GPU', c.name === 'NeevCloud' ? 'Template' : 'Image', 'Region', 'Price', 'Name'],
        `${c.name}: ${lines.map((l) => l.label).join(', ')}`,
      );
      assert.match(lines[0].value, / × 2\b/, `${c.name}: the GPU line says how many`);
      assert.ok(lines.findIndex((l) => l.label === 'Name') === 4, `${c.name}: the name is in the same place`);
    }
  });

  it('prices with a unit and a period on every cloud, or says the price is not published', async () => {
    const prices = Object.fromEntries(
      await Promise.all(clouds.map(async (c) => [c.name, (await summary(c)).find((l) => l.label === 'Price')?.value])),
    );
    assert.deepEqual(prices, {
      'Yotta Labs': 'price not published by Yotta Labs; see the console',
      'Novita AI': '$0.70/h (2 × $0.35/GPU·h)',
      GPUGeek: "3.96/h (GPUGeek's quote; no currency stated)",
      NeevCloud: '$3.98/h (2 × $1.99/GPU·h)',
    });
  });

  it('shows names, not ids: the image, cluster, storage and credential picked', async () => {
    const [yotta, novita, gpugeek, neev] = await Promise.all(clouds.map(summary));
    const get = (lines: typeof yotta, label: string) => lines.find((l) => l.label === label)?.value;
    assert.equal(get(gpugeek, 'Image'), 'testimage', "GPUGeek's own image by its name, not 123abc");
    assert.equal(get(gpugeek, 'Region'), 'Suqian-B, East China');
    assert.equal(get(novita, 'Region'), 'US-CA-01', 'the cluster by its name, not cl-us');
    assert.equal(get(novita, 'Network storage'), 'datasets');
    assert.equal(get(yotta, 'Region'), 'Singapore');
    assert.equal(get(yotta, 'Registry credential'), 'my-docker-hub');
    assert.equal(get(neev, 'Template'), 'JupyterLab + PyTorch');
  });

  it("the step counter's total stays the same from the first step to the summary on every cloud, whatever GPU is picked", async () => {
    for (const c of clouds) {
      for (const gpu of ['first', 'last'] as const) {
        const form = c.provider().createForm();
        const choose = (items: PickItem<unknown>[]) =>
          gpu === 'first' ? items.find((i) => !i.disabledReason) : [...items].reverse().find((i) => !i.disabledReason);
        const ui = new AutoInput({ [c.gpuStep]: choose, summary: () => undefined });
        const answers: Answers | undefined = await runWizard(ui, form, CTX, {
          title: c.name,
          confirmLabel: 'Create pod',
        });
        assert.equal(answers, undefined, 'the summary was dismissed');
        const totals = ui.asked.map((q) => `${q.id} ${q.step}/${q.totalSteps}`);
        assert.equal(new Set(ui.asked.map((q) => q.totalSteps)).size, 1, `${c.name}, ${gpu} GPU: ${totals.join(', ')}`);
        assert.equal(ui.asked.at(-1)?.id, 'summary');
      }
    }
  });
});
