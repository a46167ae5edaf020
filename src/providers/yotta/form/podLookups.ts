import { CachedLoad } from '../../../core/cachedLoad';
import { type Answers, answerString } from '../../../core/createForm';
import type { GpuOffer, Volume } from '../../../core/model';
import type { RegistryCredential, YottaResources } from '../resources';

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
}
