import { l10n } from '../../core/l10n';
import type { Pod } from '../../core/model';
import type { ImageSaveJob, ImageSaveOps } from '../../core/savedImages';
import type { NovitaApi } from './api';
import { type RawJob, zJobList, zSaveImageJob } from './imageSchemas';

/** Job states (gpu-instance-list-jobs): pulling (preparing), running, fail, success, break. */
export function jobOf(raw: RawJob): ImageSaveJob {
  const word = raw.state?.state ?? '';
  const message = raw.state?.message || raw.state?.error || undefined;
  switch (word) {
    case 'success':
      return { state: 'done', rawState: word };
    case 'fail':
      return { state: 'failed', rawState: word, message };
    case 'break':
      return { state: 'failed', rawState: word, message: message ?? l10n.t('the job was stopped') };
    default:
      return { state: 'running', rawState: word || 'pulling' };
  }
}

/**
 * Save Instance Image (gpu-instance-save-image: POST /job/save/image `{instanceId, image, registryAuthId}`,
 * answering `{jobId}`), followed through List Jobs (GET /jobs?jobId=…&type=saveImage). The docs name no pod state
 * a save needs: GPU Pods offers it on running and stopped instances (the container's disk exists in both) and
 * shows the cloud's refusal otherwise.
 */
export function novitaImageSaves(api: NovitaApi): ImageSaveOps {
  return {
    allows: (pod: Pod) => pod.status === 'running' || pod.status === 'stopped',
    async save(podId, image, credentialId, signal) {
      const res = await api.call(zSaveImageJob, {
        method: 'POST',
        path: '/job/save/image',
        body: { instanceId: podId, image, ...(credentialId ? { registryAuthId: credentialId } : {}) },
        what: l10n.t('save the image'),
        idempotent: false,
        signal,
      });
      return res.jobId;
    },
    async job(jobId, signal) {
      const res = await api.call(zJobList, {
        method: 'GET',
        path: '/jobs',
        query: { pageSize: 10, pageNum: 1, jobId, type: 'saveImage' },
        what: l10n.t('read the save job'),
        signal,
      });
      const raw = (res.jobs ?? []).find((j) => j.Id === jobId);
      return raw ? jobOf(raw) : undefined;
    },
  };
}
