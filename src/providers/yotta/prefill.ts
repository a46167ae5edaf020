import type { PodPrefill, PrefillPort } from '../../core/podPrefill';
import { isValidPort } from '../../core/sshCommand';
import { joinImage } from './images';
import type { RawExpose, RawPodV1, RawPodV2 } from './schemas';

/** Yotta's create takes SSH, HTTP and TCP ports (OpenAPI PortExpose); anything else is read as TCP. */
function protocolOf(e: RawExpose): PrefillPort['protocol'] {
  const p = (e.protocol ?? '').toUpperCase();
  return p === 'SSH' ? 'ssh' : p === 'HTTP' || p === 'HTTPS' ? 'http' : 'tcp';
}

/**
 * What a Yotta pod answer carries of its settings (OpenAPI Pod: gpuType, gpuCount, image, imageRegistry; the
 * `expose` list as Yotta's SDK and SkyPilot plugin read it; v1 adds the region). It carries no container disk
 * size, no volumes, no environment and (v2) no region: those stay undefined and the wizard asks them.
 */
export function yottaPrefill(raw: RawPodV1 | RawPodV2, version: 'v1' | 'v2'): PodPrefill {
  const region = version === 'v1' ? (raw as RawPodV1).region : undefined;
  return {
    gpu: raw.gpuType ? { id: raw.gpuType, count: raw.gpuCount ?? undefined } : undefined,
    region: region || undefined,
    image: raw.image ? joinImage(raw.imageRegistry, raw.image) : undefined,
    ports: raw.expose
      ?.filter((e) => e.port !== undefined && isValidPort(e.port))
      .map((e) => ({ port: e.port as number, protocol: protocolOf(e) })),
  };
}
