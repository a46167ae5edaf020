import * as assert from 'node:assert/strict';
import type { CreateForm } from '../../../src/core/createForm';
import type { GpuOffer } from '../../../src/core/model';
import { matchesModel, modelChoices, type SourceResult } from '../../../src/core/offers';
import type { InputStep, PickStep } from '../../../src/ui/prompts';
import { BackToCaller, runWizard } from '../../../src/ui/wizard';
import { ScriptedInput } from '../../support/scriptedInput';
import { startNovitaHarness, type NovitaHarness } from '../../simulator/novita/harness';

function offer(gpuName: string, vramGb: number | undefined, price?: number, available = true): GpuOffer {
  return { cloud: 'novita', id: gpuName, gpuName, vramGb, pricePerGpuHour: price, regions: [], available };
}

function result(where: string, offers: GpuOffer[]): SourceResult {
  return { source: { key: where, cloud: 'novita', where, list: async () => offers }, offers, cached: false, ms: 1 };
}

describe('Create Pod on the Best Offer', () => {
  let novita: NovitaHarness;
  before(async () => (novita = await startNovitaHarness()));
  after(() => novita.stop());

  it('lists the A100 with 40 GB and with 80 GB as two models, each with its own cheapest price', () => {
    const choices = modelChoices([
      result('Novita AI', [offer('A100 SXM 80GB', 80, 1.39), offer('A100 PCIe 40GB', 40, 0.99)]),
      result('GPUGeek', [offer('A100-PCIE-40G', 40)]),
      result('NeevCloud', [offer('A100', 80, 1.29)]),
    ]);
    assert.deepEqual(
      choices.map((c) => [c.family, c.vramGb, c.cheapest, c.clouds.join(', ')]),
      [
        ['a100', 40, 0.99, 'Novita AI, GPUGeek'],
        ['a100', 80, 1.29, 'Novita AI, NeevCloud'],
      ],
    );
    const [forty] = choices;
    const all = [offer('A100 SXM 80GB', 80), offer('A100 PCIe 40GB', 40), offer('A100-PCIE-40G', 40)];
    assert.deepEqual(
      all.filter((o) => matchesModel(o, { key: forty.key })).map((o) => o.gpuName),
      ['A100 PCIe 40GB', 'A100-PCIE-40G'],
    );
    assert.deepEqual(
      all.filter((o) => matchesModel(o, { text: 'A100 80' })).map((o) => o.gpuName),
      ['A100 SXM 80GB'],
      'a typed "A100 80" finds the 80 GB ones only',
    );
  });

  it('shows the price Novita gives a sold-out GPU (marked sold out), never "price unknown"', async () => {
    const offers = await novita.provider().listOffers();
    const rtx3090 = offers.find((o) => o.gpuName === 'RTX 3090 24GB');
    assert.equal(rtx3090?.available, false, "the seed's RTX 3090 is sold out");
    const choice = modelChoices([result('Novita AI', offers)]).find((c) => c.family === '3090');
    assert.equal(choice?.cheapest, undefined, 'nothing to order now');
    assert.equal(choice?.cheapestSoldOut, 0.21, 'but its price is known');
  });

  it('says why a model has no price: Yotta does not publish one', () => {
    const [yotta] = modelChoices([
      result('Yotta Labs', [{ ...offer('H100', 80), cloud: 'yotta', priceMissing: 'notPublished' }]),
    ]);
    assert.equal(yotta.priceMissing, 'notPublished');
  });

  it("Back on the first step of the cloud's wizard goes back to the offers (the caller)", async () => {
    const form: CreateForm<unknown> = {
      fields: [
        { kind: 'pick', id: 'gpu', title: 'GPU', options: async () => [{ label: 'H100', value: 'h100' }] },
        { kind: 'text', id: 'name', title: 'Name', initial: () => 'pod' },
      ],
      summarize: async () => [],
      create: async () => undefined,
    };
    const offered: boolean[] = [];
    class Recording extends ScriptedInput {
      override pick<T>(step: PickStep<T>) {
        offered.push(!!step.canGoBack);
        return super.pick(step);
      }
      override input(step: InputStep) {
        offered.push(!!step.canGoBack);
        return super.input(step);
      }
    }
    // The offer answered the GPU: the first step asked is the name; Back there leaves the wizard.
    const ui = new Recording([{ id: 'name', input: 'BACK' }]);
    await assert.rejects(
      runWizard(
        ui,
        form,
        { jupyterPassword: 'x' },
        {
          title: 'Create pod on Novita AI',
          confirmLabel: 'Create pod',
          prefilled: { gpu: 'h100' },
          backToCaller: true,
        },
      ),
      BackToCaller,
    );
    assert.deepEqual(offered, [true], 'the first step shows a Back button');
    // Opened from the account (no caller), the first step has no Back, as before.
    const plain = new Recording([{ id: 'gpu', pick: undefined }]);
    offered.length = 0;
    await runWizard(plain, form, { jupyterPassword: 'x' }, { title: 'Create', confirmLabel: 'Create pod' });
    assert.deepEqual(offered, [false]);
  });
});
