import {
  numberOf,
  portsFromText,
  suggest,
  textOf,
  type PodPrefill,
  type SuggestedAnswers,
} from '../../../core/podPrefill';
import { ENV_FIELD } from '../../../core/formSteps/environment';
import { prefillEnv } from '../../../core/formSteps/envVars';
import { formatPorts, JUPYTER_PORT } from '../ports';

/**
 * The wizard's answers for Create Pod Like This… (field ids of gpuSteps, imageStep, diskSteps, portSteps,
 * storageStep). Jupyter is on when the pod serves HTTP on its port; the other ports go in the ports step.
 */
export function novitaAnswersLike(p: PodPrefill): SuggestedAnswers {
  const s = suggest();
  if (p.gpu) {
    s.set('productId', p.gpu.id);
    s.set('gpuNum', p.gpu.count);
  } else s.note(['productId'], 'gpu');
  s.set('clusterId', p.region);
  if (p.image) s.set('image', p.image);
  else s.note(['image'], 'image');
  if (p.disks?.systemGb !== undefined) s.set('rootfsSize', p.disks.systemGb);
  else s.note(['rootfsSize'], 'disk');
  if (p.disks?.dataGb !== undefined) s.set('diskSize', p.disks.dataGb);
  else s.note(['diskSize'], 'disk');
  if (p.ports) {
    const jupyter = p.ports.some((x) => x.port === JUPYTER_PORT && x.protocol === 'http');
    s.set('jupyter', jupyter);
    const rest = p.ports.filter((x) => !(jupyter && x.port === JUPYTER_PORT) && x.protocol !== 'ssh');
    s.set('ports', formatPorts(rest.map((x) => ({ port: x.port, type: x.protocol === 'http' ? 'http' : 'tcp' }))));
  } else s.note(['ports'], 'ports');
  if (p.volumes)
    s.set(
      'networkStorages',
      p.volumes.map((v) => v.id),
    );
  else s.note(['networkStorages'], 'volumes');
  if (p.env?.length) {
    const env = prefillEnv(p.env);
    s.set(ENV_FIELD, { vars: env.vars });
    if (env.hidden) s.note([ENV_FIELD], 'envSecrets');
  }
  return { answers: s.answers, notes: s.notes };
}

/** The way back (Save These Answers to the Workspace): the pod's parts the wizard's answers give. */
export function novitaPrefillOf(a: Readonly<Record<string, unknown>>): PodPrefill {
  const gpu = textOf(a.productId);
  const systemGb = numberOf(a.rootfsSize);
  const dataGb = numberOf(a.diskSize);
  const storages = Array.isArray(a.networkStorages)
    ? a.networkStorages.filter((s): s is string => typeof s === 'string')
    : [];
  return {
    gpu: gpu ? { id: gpu, count: numberOf(a.gpuNum) } : undefined,
    region: textOf(a.clusterId),
    image: textOf(a.image),
    disks: systemGb !== undefined || dataGb !== undefined ? { systemGb, dataGb } : undefined,
    ports: [
      ...(a.jupyter === true ? [{ port: JUPYTER_PORT, protocol: 'http' as const }] : []),
      ...portsFromText(a.ports),
    ],
    volumes: storages.length ? storages.map((id) => ({ id })) : undefined,
  };
}
