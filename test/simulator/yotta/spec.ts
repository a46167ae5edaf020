import type { CloudSpec, EndpointSpec, FieldSpec } from '../spec/types';

/**
 * Yotta Labs' published API, written from Yotta's own documents (never from our client). Where they disagree
 * or are silent, the entry says what we decided and why.
 */

const OPENAPI = 'yottalabsai/YottaML docs/openapi.yaml ("Yotta SaaS Platform - OpenAPI v2 API" 2.0.0)';
const PODS_GUIDE = 'yottalabsai/docs api-and-sdk/api-guides/pods.md';
const VOLUME_GUIDE = 'yottalabsai/docs api-and-sdk/api-guides/volume.md';
const DATA_MODEL = 'yottalabsai/docs api-and-sdk/api-guides/data-model.md';
const GUIDES =
  'yottalabsai/docs api-and-sdk/api-guides/README.md (docs.yottalabs.ai "API Guides": codes, v1 vs v2 table)';
const API_SPEC = 'docs.yottalabs.ai "API Spec" overview (seed yotta-api-spec.txt): rate limits, pagination, v1 paths';
const V1_PODS = 'yottalabsai/docs api-and-sdk/api-reference-v1/pods.md (create, get, list, pause, resume: no delete)';
const V1_VMS = 'yottalabsai/docs api-and-sdk/api-reference-v1/vms.md (create, list, get, type, terminate)';
const SDK_V1 = 'yottalabsai/YottaML yotta/pod.py (the official v1 SDK)';
const SDK_V2_TESTS = 'yottalabsai/YottaML tests/pod/test_get_pods.py (GET /v2/pods answers with expose[])';
const SKYPILOT =
  'skypilot-org/skypilot sky/provision/yotta/yotta_utils.py (get_ssh_port: an expose item as Yotta returns it)';
const START_SH = 'yottalabsai/container container-template/start.sh (setup_ssh: PUBLIC_KEY → ~/.ssh/authorized_keys)';
const METRICS =
  'yottalabsai/docs api-and-sdk/api-reference-v2/metrics.md (renders the OpenAPI "yotta-platform-api-openapi-updated"; ' +
  'read as docs.yottalabs.ai/api-and-sdk/api-reference-v2/metrics: "Get pod GPU utilization metrics", schemas ' +
  'Response, MetricResultNoCapacity, TimeSeriesNoCapacity, DataPoint)';
const CREDENTIAL_GUIDE =
  'yottalabsai/docs api-and-sdk/api-guides/credential.md ("Credential": list, get, create, update (partial), delete; ' +
  '"Will fail if credential is in use by any Pod or Endpoint")';
const CUSTOM_IMAGES =
  'yottalabsai/docs products/custom-images.md (official images start through /start.sh, which must not be overridden)';

export const YOTTA_SOURCES = [
  OPENAPI,
  PODS_GUIDE,
  VOLUME_GUIDE,
  DATA_MODEL,
  GUIDES,
  API_SPEC,
  V1_PODS,
  V1_VMS,
  SDK_V1,
  SDK_V2_TESTS,
  SKYPILOT,
  START_SH,
  CUSTOM_IMAGES,
  METRICS,
  CREDENTIAL_GUIDE,
] as const;

/**
 * Rate limits (API_SPEC, "Rate Limits & Best Practices"): "Max Requests / Minute 60–120 (depending on plan)",
 * "Concurrent Pod Operations: Up to 5 simultaneous per API key". The simulator enforces the lowest plan.
 * How a refusal looks is not documented: 429 with the envelope and a Retry-After, as rate limiters answer.
 */
export const YOTTA_LIMITS = { requestsPerMinute: 60, concurrentPodOperations: 5, source: API_SPEC } as const;

/** Pod status codes for `statusList` (SDK_V1 get_pods docstring; 5 is not listed there, so it is not accepted). */
export const POD_STATUS_CODES: Readonly<Record<string, number>> = {
  INITIALIZE: 0,
  RUNNING: 1,
  PAUSING: 2,
  PAUSED: 3,
  TERMINATING: 4,
  FAILED: 6,
};

/**
 * METRICS `step` ("Time-series resolution step. Max windows: 30s=3h, 5m=12h, 15m=2d, 1h=7d, 4h=30d, 1d=90d"):
 * the six documented values; the step length is the name's.
 */
export const METRIC_STEPS: Readonly<Record<string, { stepMs: number; maxWindowMs: number }>> = {
  '30s': { stepMs: 30_000, maxWindowMs: 3 * 3_600_000 },
  '5m': { stepMs: 300_000, maxWindowMs: 12 * 3_600_000 },
  '15m': { stepMs: 900_000, maxWindowMs: 2 * 86_400_000 },
  '1h': { stepMs: 3_600_000, maxWindowMs: 7 * 86_400_000 },
  '4h': { stepMs: 4 * 3_600_000, maxWindowMs: 30 * 86_400_000 },
  '1d': { stepMs: 86_400_000, maxWindowMs: 90 * 86_400_000 },
};

const str: FieldSpec = { type: 'string' };
const int: FieldSpec = { type: 'integer' };
const num: FieldSpec = { type: 'number' };
const bool: FieldSpec = { type: 'boolean' };
const id64: FieldSpec = { type: 'integer', int64: true };
const obj = (fields: Record<string, FieldSpec>, extra: Partial<FieldSpec> = {}): FieldSpec => ({
  type: 'object',
  fields,
  ...extra,
});
const arr = (items: FieldSpec, extra: Partial<FieldSpec> = {}): FieldSpec => ({ type: 'array', items, ...extra });
const req = (f: FieldSpec): FieldSpec => ({ ...f, required: true });

/** Every answer: `{message, code, data}`; `data` is null when `code` is not 10000 (OPENAPI ErrorResponse, sent with HTTP 200 too). */
const envelope = (data: FieldSpec): FieldSpec => obj({ message: str, code: int, data: { ...data, nullable: true } });
/** OPENAPI SuccessResponse: `data: true`. */
const success = envelope(bool);
const page = (item: FieldSpec): FieldSpec => obj({ items: arr(item), page: int, size: int, total: int, pages: int });

/** OPENAPI PortExpose/EnvVar (request items). */
const exposeIn = obj({ port: int, protocol: str });
const envVar = obj({ key: str, value: str });

/**
 * An exposed port as a pod answer carries it. Not in OPENAPI's Pod schema, but Yotta's own SDK tests answer
 * GET /v2/pods with `expose[{port, protocol, healthy}]` and Yotta's SkyPilot provisioner reads
 * `{port, proxyPort, protocol, host, healthy, ingressUrl, serviceName}` from the pods it lists.
 */
const exposeOut: FieldSpec = obj({
  port: int,
  proxyPort: int,
  protocol: str,
  host: str,
  healthy: bool,
  ingressUrl: str,
  serviceName: str,
});
const exposeList: FieldSpec = arr(exposeOut, { observed: `${SDK_V2_TESTS}; ${SKYPILOT}` });

/**
 * OPENAPI Pod / DATA_MODEL Pod: id..sshCmd. No region, no failure reason, no container size: a pod answer
 * carries none of them (the client must cope without).
 */
const podV2: FieldSpec = obj({
  id: id64,
  name: str,
  image: str,
  imageRegistry: str,
  gpuType: str,
  gpuDisplayName: str,
  gpuCount: int,
  status: str,
  createdAt: int,
  sshCmd: str,
  expose: exposeList,
});

/**
 * v1 pod: the v1 reference renders the live spec only (api.yottalabs.ai/v3/api-docs, not published as a file).
 * Decision: the v2 Pod under the v1 names GUIDES lists (podName; region, single; createdAt in epoch seconds;
 * status as an integer code), plus expose as observed. The SDK's v1 mocks show `status: "RUNNING"` and an
 * ISO createdAt, so both forms are accepted (GUIDES: "data field may vary").
 */
const podV1: FieldSpec = obj({
  id: id64,
  podName: str,
  image: str,
  imageRegistry: str,
  gpuType: str,
  gpuCount: int,
  region: str,
  sshCmd: str,
  status: { type: 'integer', oneOf: [int, str] },
  createdAt: { type: 'integer', oneOf: [int, str], decision: 'GUIDES: epoch seconds; SDK_V1 test mocks: ISO 8601' },
  expose: exposeList,
});

const statusCodes: FieldSpec = {
  type: 'integer',
  list: true,
  enum: Object.values(POD_STATUS_CODES),
  decision:
    'OPENAPI: "Filter by status codes (comma-separated)"; the codes are the ones SDK_V1 lists (0 INITIALIZE … 6 FAILED)',
};
const strList: FieldSpec = { type: 'string', list: true };

/** OPENAPI CreatePodRequest (PODS_GUIDE agrees). */
const createPodBody = obj({
  name: req(str),
  regions: arr(str),
  image: req(str),
  imageRegistry: str,
  containerRegistryAuthId: int,
  imagePublicType: { type: 'string', enum: ['PUBLIC', 'PRIVATE'] },
  resourceType: { type: 'string', enum: ['GPU', 'CPU'] },
  gpuType: req(str),
  gpuCount: req(int),
  minSingleCardVramInGb: int,
  minSingleCardRamInGb: int,
  minSingleCardVcpu: int,
  shmInGb: int,
  containerVolumeInGb: int,
  persistentVolumeInGb: int,
  persistentMountPath: str,
  initializationCommand: str,
  environmentVars: arr(envVar),
  expose: arr(exposeIn),
  persistentVolumes: arr(obj({ volumeId: id64, mountPath: str, needBackup: bool })),
});

/** SDK_V1 new_pod: the v1 create body (image and gpuType required there). */
const createPodV1Body = obj({
  region: str,
  cloudType: { type: 'string', enum: ['SECURE', 'COMMUNITY'] },
  podName: str,
  image: req(str),
  officialImage: { type: 'string', enum: ['OFFICIAL', 'CUSTOM'] },
  imagePublicType: { type: 'string', enum: ['PUBLIC', 'PRIVATE'] },
  imageRegistryUsername: str,
  imageRegistryToken: str,
  resourceType: { type: 'string', enum: ['GPU', 'CPU'] },
  gpuType: req(str),
  gpuCount: int,
  minSingleCardRamInGb: int,
  containerVolumeInGb: int,
  persistentVolumeInGb: int,
  persistentMountPath: str,
  initializationCommand: str,
  environmentVars: arr(envVar),
  expose: arr(exposeIn),
});

const STORAGE = ['S3', 'CEPH', 'VENDOR', 'R2'];
/** OPENAPI Volume. S3/R2 volumes have no size and S3 none region (VOLUME_GUIDE): such fields are left out. */
const volume = obj({
  id: id64,
  name: str,
  sizeInGb: int,
  region: str,
  storageType: { type: 'string', enum: STORAGE },
  status: { type: 'string', enum: ['creating', 'active', 'deleting', 'resizing', 'error'] },
  vendorVolumeType: { type: 'string', nullable: true },
  mountCount: int,
  cost: num,
  createdAt: int,
});

/** OPENAPI VM (DATA_MODEL agrees): sizes are strings, createdAt ISO 8601, isSpot 0/1. No gpuType. */
const vm = obj({
  id: id64,
  name: str,
  status: str,
  gpuDisplayName: str,
  ipAddress: str,
  cpuCores: int,
  memoryInGb: str,
  gpuCount: int,
  gpuMemoryInGb: str,
  region: str,
  storageInGb: str,
  sshTemplate: str,
  createdAt: str,
  isSpot: int,
});
const createVmBody = obj({
  vmTypeId: req(int),
  region: req(str),
  name: req(str),
  isSpot: { type: 'integer', enum: [0, 1] },
  volumeMountPaths: { type: 'object', values: str },
});

const endpoint = obj({
  id: str,
  name: str,
  image: str,
  status: str,
  totalWorkers: int,
  runningWorkers: int,
  cost: num,
  serviceMode: { type: 'string', enum: ['ALB', 'QUEUE', 'CUSTOM'] },
  webhook: { type: 'string', nullable: true },
});
const REGISTRY_TYPES = ['DOCKER_HUB', 'GCR', 'ECR', 'ACR', 'PRIVATE'];
const credential = obj({ id: id64, name: str, type: { type: 'string', enum: REGISTRY_TYPES }, createdAt: str });

/** METRICS query parameters, the same on every metrics path (all optional). */
const metricsQuery: Record<string, FieldSpec> = {
  start: { type: 'integer', decision: 'Unix ms; "If only start is provided, end defaults to start + 1h"' },
  end: { type: 'integer', decision: 'Unix ms; "If only end is provided, start defaults to end - 1h"' },
  step: { type: 'string', enum: Object.keys(METRIC_STEPS) },
};
/** METRICS TimeSeriesNoCapacity: labels (e.g. pod_id, gpu_show_index) and DataPoint {timestamp (ms), value}. */
const seriesFields: Record<string, FieldSpec> = {
  labels: req({ type: 'object', values: str }),
  data_points: req(arr(obj({ timestamp: int, value: num }))),
};
const METRICS_DECISION =
  'Auth x-api-key (ApiKeyAuth); pod_id an integer. Undocumented and decided: no start/end means the last hour, step ' +
  "defaults to 30s, a window longer than the step's documented maximum or start after end is refused with 10001, an " +
  'unknown pod answers 13000 "Pod not found" (GUIDES codes) as the other pod paths do; one series per GPU, ' +
  'gpu_show_index from 0.';

const endpoints: EndpointSpec[] = [
  // ---- v2 pods (OPENAPI paths./v2/pods*, PODS_GUIDE)
  {
    id: 'pods.list',
    method: 'GET',
    path: '/v2/pods',
    source: `${OPENAPI} paths./v2/pods.get; ${PODS_GUIDE} "List Pods"`,
    query: { regionList: strList, statusList: statusCodes },
    response: envelope(arr(podV2)),
  },
  {
    id: 'pods.create',
    method: 'POST',
    path: '/v2/pods',
    source: `${OPENAPI} CreatePodRequest; ${PODS_GUIDE} "Create Pod"`,
    decision:
      'containerRegistryAuthId ("Container registry credential ID") must name one of the account\'s credentials and a PRIVATE imagePublicType needs one (decided; the rules are not written down): 10001 otherwise. ' +
      "No key field is documented. The key travels as environment variable PUBLIC_KEY, which the start script of Yotta's official images appends to ~/.ssh/authorized_keys (START_SH). initializationCommand is not used: it is documented only as \"run on container start\", Yotta's SkyPilot provisioner uses it as the container's whole command (ending in sleep infinity), and CUSTOM_IMAGES says overriding /start.sh stops the container from starting. An image that does not read PUBLIC_KEY gets no key (the connect hint says what to do).",
    body: req(createPodBody),
    response: envelope(podV2),
  },
  {
    id: 'pods.get',
    method: 'GET',
    path: '/v2/pods/:id',
    source: `${OPENAPI} paths./v2/pods/{id}.get`,
    response: envelope(podV2),
  },
  {
    id: 'pods.delete',
    method: 'DELETE',
    path: '/v2/pods/:id',
    source: `${OPENAPI} paths./v2/pods/{id}.delete`,
    response: success,
  },
  {
    id: 'pods.pause',
    method: 'POST',
    path: '/v2/pods/:id/pause',
    source: `${OPENAPI} paths./v2/pods/{id}/pause`,
    response: success,
  },
  {
    id: 'pods.resume',
    method: 'POST',
    path: '/v2/pods/:id/resume',
    source: `${OPENAPI} paths./v2/pods/{id}/resume`,
    response: success,
  },

  // ---- v1 pods: only what the v1 reference lists
  {
    id: 'v1.pods.list',
    method: 'GET',
    path: '/openapi/v1/pods/list',
    source: `${V1_PODS}; ${SDK_V1} get_pods`,
    query: { regionList: strList, statusList: statusCodes },
    response: envelope(arr(podV1)),
  },
  {
    id: 'v1.pods.create',
    method: 'POST',
    path: '/openapi/v1/pods/create',
    source: `${V1_PODS}; ${SDK_V1} new_pod; ${API_SPEC} example`,
    decision:
      'SDK_V1: "Response containing the created pod ID": data is the id, a number (beyond 2^53 as bare digits) or a string.',
    body: req(createPodV1Body),
    response: envelope({ type: 'integer', oneOf: [id64, str] }),
  },
  {
    id: 'v1.pods.get',
    method: 'GET',
    path: '/openapi/v1/pods/:id',
    source: `${V1_PODS}; ${SDK_V1} get_pod`,
    response: envelope(podV1),
  },
  {
    id: 'v1.pods.pause',
    method: 'POST',
    path: '/openapi/v1/pods/pause/:id',
    source: `${V1_PODS}; ${SDK_V1} pause_pod`,
    response: success,
  },
  {
    id: 'v1.pods.resume',
    method: 'POST',
    path: '/openapi/v1/pods/resume/:id',
    source: `${V1_PODS}; ${SDK_V1} resume_pod`,
    response: success,
  },
  // No DELETE /openapi/v1/pods/{id}: the v1 reference lists none. SDK_V1 has a delete_pod calling it, but the
  // reference is the contract; a v1 account terminates through DELETE /v2/pods/{id} (same key, same pod ids).

  // ---- volumes (OPENAPI paths./v2/volumes*, VOLUME_GUIDE)
  {
    id: 'volumes.list',
    method: 'GET',
    path: '/v2/volumes',
    source: `${OPENAPI} paths./v2/volumes.get; ${VOLUME_GUIDE} "List Volumes"`,
    decision:
      "storageType is required (both sources; the guide's description omits R2, the OpenAPI enum has it). One list per storage type.",
    query: { page: int, size: int, storageType: { type: 'string', required: true, enum: STORAGE }, region: str },
    response: envelope(page(volume)),
  },
  {
    id: 'volumes.create',
    method: 'POST',
    path: '/v2/volumes',
    source: `${OPENAPI} CreateVolumeRequest; ${VOLUME_GUIDE}`,
    body: req(
      obj({
        name: req(str),
        storageType: req({ type: 'string', enum: STORAGE }),
        region: str,
        sizeInGb: int,
        vendorVolumeType: { type: 'string', enum: ['NVMe', 'HDD'] },
      }),
    ),
    response: envelope(volume),
  },
  {
    id: 'volumes.get',
    method: 'GET',
    path: '/v2/volumes/:id',
    source: `${OPENAPI} paths./v2/volumes/{id}.get`,
    response: envelope(volume),
  },
  {
    id: 'volumes.delete',
    method: 'DELETE',
    path: '/v2/volumes/:id',
    source: `${OPENAPI} paths./v2/volumes/{id}.delete`,
    response: success,
  },
  {
    id: 'volumes.rename',
    method: 'POST',
    path: '/v2/volumes/:id/name',
    source: `${OPENAPI} RenameVolumeRequest; ${VOLUME_GUIDE} "Rename Volume"`,
    body: req(obj({ name: req(str) })),
    response: envelope(volume),
  },
  {
    id: 'volumes.resize',
    method: 'POST',
    path: '/v2/volumes/:id/resize',
    source: `${OPENAPI} ResizeVolumeRequest; ${VOLUME_GUIDE} "Resize Volume"`,
    decision: 'OPENAPI answers SuccessResponse (data true), the guide data null: both are accepted.',
    body: req(obj({ sizeInGb: req(int) })),
    response: success,
  },

  // ---- VMs (OPENAPI paths./v2/vms*)
  {
    id: 'vms.list',
    method: 'GET',
    path: '/v2/vms',
    source: `${OPENAPI} paths./v2/vms.get`,
    query: { page: int, size: int, status: str },
    response: envelope(page(vm)),
  },
  {
    id: 'vms.create',
    method: 'POST',
    path: '/v2/vms',
    source: `${OPENAPI} CreateVMRequest`,
    body: req(createVmBody),
    response: envelope(vm),
  },
  {
    id: 'vms.types',
    method: 'GET',
    path: '/v2/vms/types',
    source: `${OPENAPI} VMTypesResponse`,
    response: envelope(
      arr(obj({ gpuType: str, regions: arr(obj({ region: str, regionName: str, available: bool, vmTypeId: int })) })),
    ),
  },
  {
    id: 'vms.get',
    method: 'GET',
    path: '/v2/vms/:id',
    source: `${OPENAPI} paths./v2/vms/{id}.get`,
    response: envelope(vm),
  },
  {
    id: 'vms.rename',
    method: 'PATCH',
    path: '/v2/vms/:id',
    source: `${OPENAPI} UpdateVMRequest; ${DATA_MODEL} (name required)`,
    body: req(obj({ name: req(str) })),
    response: envelope(vm),
  },
  {
    id: 'vms.delete',
    method: 'DELETE',
    path: '/v2/vms/:id',
    source: `${OPENAPI} paths./v2/vms/{id}.delete`,
    response: success,
  },

  // ---- v1 VMs: the reference lists the paths only (live spec); shapes decided from v2
  {
    id: 'v1.vms.list',
    method: 'POST',
    path: '/openapi/v1/vms/list',
    source: `${V1_VMS}; ${API_SPEC} "Use page and pageSize parameters"`,
    decision:
      'Body {page, pageSize, status} (the v1 overview names page/pageSize); the answer may be the v2 page object or a bare array.',
    body: obj({ page: int, pageSize: int, status: str }),
    response: envelope({ type: 'object', oneOf: [page(vm), arr(vm)] }),
  },
  {
    id: 'v1.vms.create',
    method: 'POST',
    path: '/openapi/v1/vms/create',
    source: V1_VMS,
    decision: 'Body as v2 CreateVMRequest; the answer the new id (like v1 pod create) or the VM.',
    body: req(createVmBody),
    response: envelope({ type: 'object', oneOf: [vm, id64, str] }),
  },
  { id: 'v1.vms.get', method: 'GET', path: '/openapi/v1/vms/:id', source: V1_VMS, response: envelope(vm) },
  {
    id: 'v1.vms.terminate',
    method: 'DELETE',
    path: '/openapi/v1/vms/:id/terminate',
    source: V1_VMS,
    response: success,
  },

  // ---- metrics (METRICS): the GPU pair of the five per-pod time series
  {
    id: 'metrics.gpu',
    method: 'GET',
    path: '/v2/metrics/gpu/pods/:pod_id',
    source: `${METRICS} "Get pod GPU utilization metrics" ("GPU SM utilization percentage time series. Unit: percent, range 0-100")`,
    decision: METRICS_DECISION,
    query: metricsQuery,
    response: envelope(obj({ metric_name: req(str), series: req(arr(obj(seriesFields))) })),
  },
  {
    id: 'metrics.gpuMemory',
    method: 'GET',
    path: '/v2/metrics/gpu/pods/:pod_id/memory',
    source: `${METRICS} (path and parameters as the GPU entry)`,
    decision:
      `${METRICS_DECISION} Its answer schema did not reach us in full: it is taken to be the "with capacity" form the ` +
      'same page gives pod memory ("memory usage bytes time series with latest total memory. Unit: bytes for ' +
      'data_points.value and latest_total"): each series also carries latest_total, the GPU\'s memory in bytes.',
    query: metricsQuery,
    response: envelope(obj({ metric_name: req(str), series: req(arr(obj({ ...seriesFields, latest_total: num }))) })),
  },

  // ---- metrics (METRICS): the pod's CPU, memory and storage
  {
    id: 'metrics.cpu',
    method: 'GET',
    path: '/v2/metrics/cpu/pods/:pod_id',
    source: `${METRICS} "Get pod CPU metrics" ("Returns CPU usage ratio time series. Unit: ratio, where 1.0 means 100% of requested CPU cores"; MetricResultNoCapacity)`,
    decision: `${METRICS_DECISION} One series for the pod; a pod that is not running answers no series.`,
    query: metricsQuery,
    response: envelope(obj({ metric_name: req(str), series: req(arr(obj(seriesFields))) })),
  },
  {
    id: 'metrics.memory',
    method: 'GET',
    path: '/v2/metrics/memory/pods/:pod_id',
    source: `${METRICS} "Get pod memory metrics" ("Returns memory usage bytes time series with latest total memory. Unit: bytes for data_points.value and latest_total")`,
    decision: `${METRICS_DECISION} One series for the pod with latest_total; a pod that is not running answers no series.`,
    query: metricsQuery,
    response: envelope(obj({ metric_name: req(str), series: req(arr(obj({ ...seriesFields, latest_total: num }))) })),
  },
  {
    id: 'metrics.storage',
    method: 'GET',
    path: '/v2/metrics/storage/pods/:pod_id',
    source: `${METRICS} (the page lists GET /v2/metrics/storage/pods/{pod_id} with the same parameters)`,
    decision:
      `${METRICS_DECISION} Its answer schema did not reach us: it is taken to be the "with capacity" form of pod ` +
      'memory (bytes used per data point, latest_total the size in bytes), one series per disk of the pod (one here).',
    query: metricsQuery,
    response: envelope(obj({ metric_name: req(str), series: req(arr(obj({ ...seriesFields, latest_total: num }))) })),
  },

  // ---- serverless endpoints (OPENAPI paths./v2/serverless*)
  {
    id: 'serverless.list',
    method: 'GET',
    path: '/v2/serverless',
    source: `${OPENAPI} paths./v2/serverless.get`,
    query: { statusList: strList },
    response: envelope(arr(endpoint)),
  },
  {
    id: 'serverless.get',
    method: 'GET',
    path: '/v2/serverless/:id',
    source: `${OPENAPI} paths./v2/serverless/{id}.get`,
    response: envelope(endpoint),
  },
  {
    id: 'serverless.start',
    method: 'POST',
    path: '/v2/serverless/:id/start',
    source: `${OPENAPI} paths./v2/serverless/{id}/start`,
    response: success,
  },
  {
    id: 'serverless.stop',
    method: 'POST',
    path: '/v2/serverless/:id/stop',
    source: `${OPENAPI} paths./v2/serverless/{id}/stop`,
    response: success,
  },
  {
    id: 'serverless.workers',
    method: 'GET',
    path: '/v2/serverless/:id/workers',
    source: `${OPENAPI} WorkerListResponse`,
    query: { statusList: strList },
    response: envelope(arr(obj({ workerId: str, status: str, createdAt: int }))),
  },

  // ---- registry credentials (OPENAPI paths./v2/container-registry-auths*)
  {
    id: 'credentials.list',
    method: 'GET',
    path: '/v2/container-registry-auths',
    source: `${OPENAPI} CredentialListResponse`,
    response: envelope(arr(credential)),
  },
  {
    id: 'credentials.create',
    method: 'POST',
    path: '/v2/container-registry-auths',
    source: `${OPENAPI} CreateCredentialRequest`,
    body: req(
      obj({
        name: req(str),
        type: req({ type: 'string', enum: REGISTRY_TYPES }),
        username: req(str),
        password: req(str),
      }),
    ),
    response: envelope(credential),
  },
  {
    id: 'credentials.get',
    method: 'GET',
    path: '/v2/container-registry-auths/:id',
    source: `${OPENAPI} paths./v2/container-registry-auths/{id}.get (CredentialResponse); ${CREDENTIAL_GUIDE}`,
    response: envelope(credential),
  },
  {
    id: 'credentials.update',
    method: 'PATCH',
    path: '/v2/container-registry-auths/:id',
    source: `${OPENAPI} UpdateCredentialRequest ("Update Credential (Partial)"); ${CREDENTIAL_GUIDE} "All fields optional"`,
    body: req(obj({ name: str, username: str, password: str })),
    response: envelope(credential),
  },
  {
    id: 'credentials.delete',
    method: 'DELETE',
    path: '/v2/container-registry-auths/:id',
    source: `${OPENAPI} paths./v2/container-registry-auths/{id}.delete (SuccessResponse; 409 "Credential is in use by Pod or Endpoint")`,
    decision:
      'The 409 has no documented body: it is answered with the envelope every other error carries, code 409. ' +
      'A pod created with containerRegistryAuthId uses the credential until it is terminated.',
    response: success,
  },
];

export const yottaSpec: CloudSpec = {
  cloud: 'yotta',
  sources: YOTTA_SOURCES,
  endpoints,
  /**
   * OPENAPI components.responses.BadRequest: HTTP 400 with ErrorResponse `{message, code, data: null}`; the code
   * for bad parameters is 10001 "Invalid request parameters" (GUIDES). A path the spec does not have gets the
   * NotFound response (HTTP 404, same envelope); no business code is documented for it, so the code is 404.
   */
  refuse(violations, endpoint) {
    const said = violations.map((v) => v.message).join('; ');
    if (!endpoint) return { status: 404, body: { message: `Not Found: ${said}`, code: 404, data: null } };
    return { status: 400, body: { message: `Invalid request parameters: ${said}`, code: 10001, data: null } };
  },
};
