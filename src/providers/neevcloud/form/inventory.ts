import { type Answers, answerString } from '../../../core/createForm';
import type { NeevCloudApi } from '../api';
import { isRuntimeItem } from '../mapping';
import type { RawInventoryItem } from '../schemas';
import { isGpuChoice } from './gpuChoice';

/** The GPU step loads the inventory; the region and count steps reuse what it loaded. */
export class NeevInventory {
  private items: RawInventoryItem[] = [];

  async load(api: NeevCloudApi, signal?: AbortSignal): Promise<RawInventoryItem[]> {
    this.items = (await api.listInventory({}, signal)).filter(isRuntimeItem);
    return this.items;
  }

  /** Every region's entry of the GPU configuration picked. */
  itemsFor(answers: Answers): RawInventoryItem[] {
    const gpu = answers.gpu;
    return isGpuChoice(gpu) ? this.items.filter((i) => i.config_id === gpu.configId) : [];
  }

  /** The entry of the region picked, else of the region the GPU option named. */
  chosen(answers: Answers): RawInventoryItem | undefined {
    const gpu = answers.gpu;
    if (!isGpuChoice(gpu)) return undefined;
    // A region answer left over from another GPU (after Back) does not count.
    const items = this.itemsFor(answers);
    return (
      items.find((i) => i.region === answerString(answers, 'region')) ?? items.find((i) => i.region === gpu.regionId)
    );
  }
}
