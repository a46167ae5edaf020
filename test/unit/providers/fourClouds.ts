import type { Answers, CreateContext, CreateForm, PickField } from '../../../src/core/createForm';
import type { Pod } from '../../../src/core/model';
import type { Provider } from '../../../src/core/provider';
import { DEFAULT_IMAGE } from '../../../src/providers/novita/form/catalog';
import { startGpuGeek } from '../../simulator/gpugeek/testing';
import { startNeevCloud } from '../../simulator/neevcloud/testing';
import { startNovitaHarness } from '../../simulator/novita/harness';
import { startYotta } from '../../simulator/yotta/harness';

const KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIG9rZXktZm9yLXRlc3Rz user@laptop';
export const CTX: CreateContext = { jupyterPassword: 'jp-secret', sshPublicKey: KEY };

/** One cloud of the four, behind its simulator, with what its wizard needs for a complete summary. */
export interface CloudUnderTest {
  name: string;
  provider(): Provider;
  /** The id of the GPU step. */
  gpuStep: string;
  /** Every answer of a complete wizard run, read after the GPU step loaded (a real run always loads it). */
  answers(form: CreateForm<Pod>): Promise<Answers>;
  /** Marks one GPU sold out in the simulator. */
  soldOut(): void;
  stop(): Promise<void>;
}

export function pickField(form: CreateForm<Pod>, id: string): PickField {
  const f = form.fields.find((x) => x.id === id);
  if (!f || f.kind !== 'pick') throw new Error(`no pick step ${id}`);
  return f;
}

/** The four clouds' simulators, started once for a suite. */
export async function startFourClouds(): Promise<CloudUnderTest[]> {
  const [yotta, novita, gpugeek, neev] = await Promise.all([
    startYotta(),
    startNovitaHarness(),
    startGpuGeek(),
    startNeevCloud(),
  ]);
  return [
    {
      name: 'Yotta Labs',
      provider: () => yotta.provider(),
      gpuStep: 'gpu',
      answers: async (form) => {
        await pickField(form, 'gpu').options({});
        return {
          gpu: 'NVIDIA_RTX_4090_24G',
          gpuCount: 2,
          region: 'ap-southeast-1',
          image: 'me/private:1',
          registryAuth: '101',
          containerDisk: '60',
          volume: 'none',
          ports: ['22/SSH', '8888/HTTP'],
          customPorts: '',
          env: '',
          name: 'yotta-pod',
        };
      },
      soldOut: () => yotta.control.setSoldOut('NVIDIA_B200_180G'),
      stop: () => yotta.stop(),
    },
    {
      name: 'Novita AI',
      provider: () => novita.provider(),
      gpuStep: 'productId',
      answers: async (form) => {
        await pickField(form, 'productId').options({});
        await pickField(form, 'clusterId').options({ productId: 'prod-4090', gpuNum: 2 });
        await pickField(form, 'image').options({});
        return {
          productId: 'prod-4090',
          gpuNum: 2,
          clusterId: 'cl-us',
          image: DEFAULT_IMAGE,
          rootfsSize: '50',
          diskSize: '100',
          jupyter: true,
          ports: '8080/tcp',
          networkStorages: ['ns-0001'],
          name: 'novita-pod',
        };
      },
      soldOut: () => undefined, // the RTX 3090 is sold out in Novita's seed
      stop: () => novita.stop(),
    },
    {
      name: 'GPUGeek',
      provider: () => gpugeek.provider(),
      gpuStep: 'gpuName',
      answers: async () => ({
        gpuName: 'G40-24G',
        gpuNum: '2',
        dcId: 'suqian-b',
        skuName: 'payg',
        imageId: '123abc',
        systemDiskSize: '50',
        dataDiskSize: '100',
        tcpPorts: '',
        httpPorts: '',
        name: 'gpugeek-pod',
      }),
      soldOut: () => undefined, // GPUGeek publishes no stock
      stop: () => gpugeek.sim.stop(),
    },
    {
      name: 'NeevCloud',
      provider: () => neev.provider(),
      gpuStep: 'gpu',
      answers: async (form) => {
        const gpus = await pickField(form, 'gpu').options({});
        const gpu = gpus.find((o) => (o.value as { configId: string }).configId === 'gpu-h100-80g-20cpu-125g')!.value;
        return {
          gpu,
          region: 'as-south-1',
          count: 2,
          template: 'tpl-jupyterlab-pytorch',
          plan: 'gpu-h100-on-demand-1h',
          name: 'neev-pod',
        };
      },
      soldOut: () => undefined, // the L40S is sold out in NeevCloud's seed
      stop: () => neev.sim.stop(),
    },
  ];
}
