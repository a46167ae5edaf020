import type { PodPrefill } from '../../core/podPrefill';
import { isValidPort } from '../../core/sshCommand';
import { str } from './form/catalog';
import type { RawInstance } from './schemas';

/**
 * What a Novita instance answer (gpu-instance-get-instance) carries of its settings: productId, gpuNum,
 * clusterId, imageUrl, rootfsSize, the local disk (diskSize, or the volume mount without an id), portMappings and
 * the network storages among volumeMounts (those with an id), and the environment variables (`envs`).
 */
export function novitaPrefill(raw: RawInstance): PodPrefill {
  const mounts = raw.volumeMounts ?? undefined;
  // The local disk is the mount without an id; network storages carry theirs.
  const local = mounts?.find((m) => !str(m.id));
  const systemGb = raw.rootfsSize ?? undefined;
  const dataGb = raw.diskSize ?? local?.size ?? undefined;
  return {
    gpu: raw.productId ? { id: raw.productId, count: raw.gpuNum ?? undefined } : undefined,
    region: raw.clusterId || undefined,
    image: str(raw.imageUrl),
    disks: systemGb !== undefined || dataGb !== undefined ? { systemGb, dataGb } : undefined,
    ports: raw.portMappings
      ?.filter((m) => m.port !== undefined && isValidPort(m.port))
      .map((m) => ({ port: m.port as number, protocol: str(m.type) === 'http' ? 'http' : 'tcp' })),
    volumes: mounts?.filter((m) => str(m.id)).map((m) => ({ id: str(m.id) as string, mountPath: str(m.mountPath) })),
    env: raw.envs?.map((e) => ({ key: str(e.key) ?? '', value: str(e.value) ?? '' })),
  };
}
