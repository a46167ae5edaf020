import * as z from '../../core/zod';
import { zId, zLooseNumber, zMaybe } from '../../core/schema';

/** Raw Yotta responses. Objects strip unknown fields; everything optional that a cloud might omit. */

export const zEnvelope = z.object({
  message: zMaybe(z.string()),
  code: z.number(),
  data: z.optional(z.unknown()),
});

export const zExpose = z.object({
  port: zLooseNumber,
  proxyPort: zMaybe(zLooseNumber),
  protocol: zMaybe(z.string()),
  host: zMaybe(z.string()),
  healthy: zMaybe(z.boolean()),
  ingressUrl: zMaybe(z.string()),
  serviceName: zMaybe(z.string()),
});
export type RawExpose = z.infer<typeof zExpose>;

/**
 * Fields both pod API versions share (OpenAPI Pod: id..sshCmd; `expose` as Yotta's SDK and SkyPilot plugin read
 * it). No documented field gives a pod's region (v2), a failure reason or a price.
 */
const podCommon = {
  id: zId,
  image: zMaybe(z.string()),
  imageRegistry: zMaybe(z.string()),
  gpuType: zMaybe(z.string()),
  gpuDisplayName: zMaybe(z.string()),
  gpuCount: zMaybe(zLooseNumber),
  sshCmd: zMaybe(z.string()),
  expose: zMaybe(z.array(zExpose)),
};

export const zPodV2 = z.object({
  ...podCommon,
  name: zMaybe(z.string()),
  status: zMaybe(z.string()),
  createdAt: zMaybe(zLooseNumber),
});
export type RawPodV2 = z.infer<typeof zPodV2>;

/** v1 names (API guide's v1/v2 table): podName, a single region, epoch seconds (an ISO string is read too). */
export const zPodV1 = z.object({
  ...podCommon,
  podName: zMaybe(z.string()),
  name: zMaybe(z.string()),
  region: zMaybe(z.string()),
  status: zMaybe(z.union([z.number(), z.string()])),
  createdAt: zMaybe(z.union([z.number(), z.string()])),
});
export type RawPodV1 = z.infer<typeof zPodV1>;

export const zPodListV2 = z.array(zPodV2);
export const zPodListV1 = z.array(zPodV1);

export const zVolume = z.object({
  id: zId,
  name: zMaybe(z.string()),
  sizeInGb: zMaybe(zLooseNumber),
  region: zMaybe(z.string()),
  storageType: zMaybe(z.string()),
  status: zMaybe(z.string()),
  vendorVolumeType: zMaybe(z.string()),
  mountCount: zMaybe(zLooseNumber),
  cost: zMaybe(zLooseNumber),
  createdAt: zMaybe(zLooseNumber),
});
export type RawVolume = z.infer<typeof zVolume>;

export const zVolumePage = z.object({
  items: zMaybe(z.array(zVolume)),
  page: zMaybe(zLooseNumber),
  size: zMaybe(zLooseNumber),
  total: zMaybe(zLooseNumber),
  pages: zMaybe(zLooseNumber),
});

export const zVmType = z.object({
  gpuType: z.string(),
  regions: zMaybe(
    z.array(
      z.object({
        region: z.string(),
        regionName: zMaybe(z.string()),
        available: zMaybe(z.boolean()),
        vmTypeId: zMaybe(zId),
      }),
    ),
  ),
});
export const zVmTypes = z.array(zVmType);
export type RawVmType = z.infer<typeof zVmType>;

export const zEndpoint = z.object({
  id: zId,
  name: zMaybe(z.string()),
  image: zMaybe(z.string()),
  status: zMaybe(z.string()),
  totalWorkers: zMaybe(zLooseNumber),
  runningWorkers: zMaybe(zLooseNumber),
  cost: zMaybe(zLooseNumber),
  serviceMode: zMaybe(z.string()),
});
export const zEndpointList = z.array(zEndpoint);
export type RawEndpoint = z.infer<typeof zEndpoint>;

export const zRegistryAuth = z.object({
  id: zId,
  name: zMaybe(z.string()),
  type: zMaybe(z.string()),
  createdAt: zMaybe(z.union([z.string(), z.number()])),
});
export const zRegistryAuthList = z.array(zRegistryAuth);

/** v1 create answers with the new pod's id only. */
export const zNewPodIdV1 = zId;

/**
 * GET /v2/metrics/gpu/pods/{pod_id} (and …/memory): one series per GPU, labelled with `gpu_show_index`;
 * points are {timestamp (ms), value}. The memory answer adds `latest_total` (bytes) per series.
 */
const zDataPoint = z.object({ timestamp: zLooseNumber, value: zLooseNumber });
export const zGpuMetric = z.object({
  metric_name: zMaybe(z.string()),
  series: z.array(
    z.object({
      labels: zMaybe(z.record(z.string(), z.unknown())),
      data_points: zMaybe(z.array(zDataPoint)),
      latest_total: zMaybe(zLooseNumber),
    }),
  ),
});
export type RawGpuMetric = z.infer<typeof zGpuMetric>;
