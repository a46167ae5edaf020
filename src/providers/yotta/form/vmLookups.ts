import { CachedLoad } from '../../../core/cachedLoad';
import { type Answers, answerString } from '../../../core/createForm';
import type { Volume } from '../../../core/model';
import type { YottaResources } from '../resources';
import type { RawVmType } from '../schemas';
import type { YottaVms } from '../vms';

/** Keeps what the cloud said during one VM wizard run, so Back and later steps need no extra requests. */
export class VmLookups {
  private readonly types: CachedLoad<RawVmType[]>;
  private readonly volumes: CachedLoad<Volume[]>;
  /** Names of the volumes last listed, for the synchronous default of the mount paths step. */
  volumeNames = new Map<string, string>();
  constructor(vms: YottaVms, res: YottaResources) {
    this.types = new CachedLoad((signal) => vms.types(signal));
    this.volumes = new CachedLoad(async (signal) => {
      const vols = await res.listVolumes(signal);
      for (const v of vols) this.volumeNames.set(v.id, v.name);
      return vols;
    });
  }
  forget() {
    this.types.forget();
    this.volumes.forget();
  }
  typeList(signal?: AbortSignal) {
    return this.types.get(signal);
  }
  volumeList(signal?: AbortSignal) {
    return this.volumes.get(signal);
  }
  async type(answers: Answers) {
    return (await this.typeList()).find((t) => t.gpuType === answerString(answers, 'vmType'));
  }
}
