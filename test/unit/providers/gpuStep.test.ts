import * as assert from 'node:assert/strict';
import { type CloudUnderTest, pickField, startFourClouds } from './fourClouds';

/**
 * "name" as the label; "VRAM · price with its unit · stock" as the description, on every cloud; a GPU a cloud also
 * offers on spot capacity names that price after its own (Novita).
 */
const LAYOUT =
  /^(\d+(\.\d+)? GB VRAM|VRAM not published) · (\$\d+\.\d+\/GPU·h|price not published|price quoted in the summary)( · spot \$\d+\.\d+\/GPU·h)? · (stock: .+|stock not published)$/;
/** A sold-out GPU: the same, without the stock (the reason it cannot be picked says it). */
const SOLD_OUT_LAYOUT =
  /^(\d+(\.\d+)? GB VRAM|VRAM not published) · (\$\d+\.\d+\/GPU·h|price not published|price quoted in the summary)$/;

describe('the GPU step on every cloud', () => {
  let clouds: CloudUnderTest[];
  before(async () => (clouds = await startFourClouds()));
  after(() => Promise.all(clouds.map((c) => c.stop())));

  it('shows every GPU as its name, then VRAM · price with its unit · stock, in one layout', async () => {
    for (const c of clouds) {
      c.soldOut();
      const options = await pickField(c.provider().createForm(), c.gpuStep).options({});
      assert.ok(options.length > 0, c.name);
      for (const o of options) {
        assert.doesNotMatch(o.label, /·/, `${c.name}: the label is the GPU's name only ("${o.label}")`);
        assert.match(o.description ?? '', o.disabledReason ? SOLD_OUT_LAYOUT : LAYOUT, `${c.name}: ${o.label}`);
      }
    }
  });

  it('says "sold out" once, as the reason, and never the same words twice', async () => {
    let soldOut = 0;
    for (const c of clouds) {
      c.soldOut();
      for (const o of await pickField(c.provider().createForm(), c.gpuStep).options({})) {
        // What the quick pick shows: the description, then the reason it cannot be picked.
        const shown = [o.description, o.disabledReason].filter(Boolean).join(' · ');
        const parts = shown.split(' · ');
        assert.equal(new Set(parts).size, parts.length, `${c.name}: "${shown}" repeats itself`);
        assert.ok((shown.match(/sold out/gi) ?? []).length <= 1, `${c.name}: "${shown}"`);
        if (o.disabledReason) soldOut++;
      }
    }
    assert.ok(soldOut >= 3, 'Yotta, Novita and NeevCloud each list a sold-out GPU');
  });

  it("GPUGeek's GPUs show their VRAM and say the price comes in the summary; Yotta's say the price is not published", async () => {
    const [yotta, , gpugeek] = clouds;
    const geek = await pickField(gpugeek.provider().createForm(), 'gpuName').options({});
    assert.deepEqual(
      geek.map((o) => `${o.label} | ${o.description}`),
      [
        'G40-24G | 24 GB VRAM · price quoted in the summary · stock not published',
        'G30-24G | 24 GB VRAM · price quoted in the summary · stock not published',
        'A100-PCIE-40G | 40 GB VRAM · price quoted in the summary · stock not published',
      ],
    );
    const h100 = (await pickField(yotta.provider().createForm(), 'gpu').options({})).find(
      (o) => o.value === 'NVIDIA_H100_80G',
    );
    assert.equal(h100?.description, '80 GB VRAM · price not published · stock: available in 2 regions');
  });

  it('the count step names the GPU and prices each count per hour where the cloud prices it', async () => {
    const [yotta, novita, , neev] = clouds;
    const yForm = yotta.provider().createForm();
    await pickField(yForm, 'gpu').options({});
    const yCounts = await pickField(yForm, 'gpuCount').options({ gpu: 'NVIDIA_H100_80G' });
    assert.deepEqual(
      yCounts.map((o) => `${o.label} | ${o.description}`),
      [
        '1 × H100 | price not published',
        '2 × H100 | price not published',
        '4 × H100 | price not published',
        '8 × H100 | price not published',
      ],
    );
    const nForm = novita.provider().createForm();
    await pickField(nForm, 'productId').options({});
    const nCounts = await pickField(nForm, 'gpuNum').options({ productId: 'prod-4090' });
    assert.equal(`${nCounts[1].label} | ${nCounts[1].description}`, '2 × RTX 4090 24GB | $0.70/h · spot $0.36/h');
    const eForm = neev.provider().createForm();
    const answers = await neev.answers(eForm);
    const eCounts = await pickField(eForm, 'count').options(answers);
    assert.match(`${eCounts[0].label} | ${eCounts[0].description}`, /^1 × H100 \| \$1\.99\/h$/);
  });
});
