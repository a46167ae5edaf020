import type { PodPrefill } from '../../core/podPrefill';
import { isValidPort } from '../../core/sshCommand';
import { safeHttpUrl } from './mapping';
import type { RawInstance } from './schemas';

const GIB = 1024 ** 3;

/** Bytes (the instance answer's disk sizes) → whole GB, as the create takes them (30 GB: 32212254720). */
const wholeGb = (bytes: number | undefined) => (bytes === undefined ? undefined : Math.round(bytes / GIB));

/**
 * What a GPUGeek instance answer carries of its settings (the OpenAPI's instance fields): gpuName, gpuNum, dcId,
 * skuName, imageId, systemDiskSize and dataDiskSize (bytes), and its custom services by public URL only. An HTTP
 * service's host names its port inside the instance ("…-http-8099.…", as mapping.ts reads it); a TCP service's
 * does not, so TCP ports are not readable (`unreadablePorts`).
 */
export function gpuGeekPrefill(raw: RawInstance): PodPrefill {
  const systemGb = wholeGb(raw.systemDiskSize);
  const dataGb = wholeGb(raw.dataDiskSize);
  const http = (raw.httpServices ?? []).flatMap((value) => {
    const inner = Number(/-http-(\d+)\./.exec(safeHttpUrl(value)?.hostname ?? '')?.[1]);
    return isValidPort(inner) ? [{ port: inner, protocol: 'http' as const }] : [];
  });
  const tcpListed = (raw.customServices ?? []).length > 0;
  const httpUnread = (raw.httpServices ?? []).length > http.length;
  return {
    gpu: raw.gpuName ? { id: raw.gpuName, count: raw.gpuNum } : undefined,
    region: raw.dcId || undefined,
    image: raw.imageId ?? undefined,
    disks: systemGb !== undefined || dataGb !== undefined ? { systemGb, dataGb } : undefined,
    ports: http,
    unreadablePorts: [...(tcpListed ? (['tcp'] as const) : []), ...(httpUnread ? (['http'] as const) : [])],
    billing: raw.skuName ?? undefined,
  };
}
