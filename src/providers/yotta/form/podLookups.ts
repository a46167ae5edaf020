import { CachedLoad } from '../../../core/cachedLoad';
import { type Answers, answerString } from '../../../core/createForm';
import type { GpuOffer, Volume } from '../../../core/model';
import type { PodSpec } from '../pods';
import type { RegistryCredential } from '../../../core/registryCredentials';
import type { YottaResources } from '../resources';
import type { PodNames } from './podSummary';

/** Keeps what the cloud said during one pod wizard run, so Back and the region step need no extra requests. */
export class PodLookups {
  private readonly offers: CachedLoad<GpuOffer[]>;
  private readonly volumes: CachedLoad<Volume[]>;
  private readonly creds: CachedLoad<RegistryCredential[]>;
  constructor(res: YottaResources) {
    this.offers = new CachedLoad((signal) => res.listOffers(signal));
    this.volumes = new CachedLoad((signal) => res.listVolumes(signal));
    this.creds = new CachedLoad((signal) => res.listRegistryCredentials(signal));
  }
  /** Stock changes; a fresh look whenever the GPU step shows or a create was refused. */
  forget() {
    this.offers.forget();
    this.volumes.forget();
  }
  /** A credential was added during the run: the step and the summary read the list again. */
  forgetCredentials() {
    this.creds.forget();
  }
  offerList(signal?: AbortSignal) {
    return this.offers.get(signal);
  }
  volumeList(signal?: AbortSignal) {
    return this.volumes.get(signal);
  }
  credList(signal?: AbortSignal) {
    return this.creds.get(signal);
  }
  async offer(answers: Answers) {
    return (await this.offerList()).find((o) => o.id === answerString(answers, 'gpu'));
  }
  /** The names of the credential and volume the spec names by id; a list that cannot be read leaves the id. */
  async names(s: PodSpec, signal?: AbortSignal): Promise<PodNames> {
    const [creds, vols] = await Promise.all([
      s.containerRegistryAuthId ? this.credList(signal).catch(() => []) : [],
      s.volumeId ? this.volumeList(signal).catch(() => []) : [],
    ]);
    return {
      credential: creds.find((c) => c.id === s.containerRegistryAuthId)?.name,
      volume: vols.find((v) => v.id === s.volumeId)?.name,
    };
  }
}
