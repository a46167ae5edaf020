import type { CloudSpec, EndpointSpec, FieldSpec } from '../spec/types';
import { billEndpoints } from './billSpec';
import { novitaError } from './state';

/**
 * Novita AI's GPU-instance API as published (base https://api.novita.ai/gpu-instance/openapi/v1).
 * Written from the reference pages, the create seed, Novita's own MCP server and, where those are silent,
 * the reference-derived OpenAPI file of a third-party SDK (marked so). Where versions of a page differ,
 * every documented form is accepted and the entry says so.
 */
const REF = 'https://novita.ai/docs/api-reference/';
const MCP = 'novitalabs/novita-mcp-server src/tools.ts';
const SDK = 'php-workx/novita-sdk-python openapi/novita-api.yaml (third-party, written from the reference pages)';
const SEED = '../shared/seeds/novita-gpu-instance-create.txt';
const FACTS = '../shared/providers/novita.md';
/** Where spotReclaimTime's unit is seen: no published page gives it. */
const SPOT_CLIENTS =
  'third-party Novita clients that migrate reclaimed spot instances (exited, spotReclaimTime "1704067200", not "0")';

const str: FieldSpec = { type: 'string' };
const int: FieldSpec = { type: 'integer' };
const bool: FieldSpec = { type: 'boolean' };
const obj = (fields: Record<string, FieldSpec>, extra: Partial<FieldSpec> = {}): FieldSpec => ({
  type: 'object',
  fields,
  ...extra,
});
const arr = (items: FieldSpec, extra: Partial<FieldSpec> = {}): FieldSpec => ({ type: 'array', items, ...extra });
const req = (f: FieldSpec): FieldSpec => ({ ...f, required: true });
/** A number the reference shows as a string on one page and a number on another. */
const intOrString: FieldSpec = { type: 'any', oneOf: [int, str] };
/** The empty object start/stop/restart/delete/edit answer with. */
const empty = obj({});

const STATUS = [
  'toCreate',
  'creating',
  'pulling',
  'running',
  'toStart',
  'starting',
  'toStop',
  'stopping',
  'exited',
  'toRestart',
  'restarting',
  'toRemove',
  'removing',
  'removed',
  'toReset',
  'resetting',
  'migrating',
  'freezing',
] as const;
const BILLING = ['onDemand', 'monthly', 'spot'] as const;

const keyValue = obj({ key: str, value: str });
const statusError = obj({ state: str, message: str });

/** Fields of an instance in the list (gpu-instance-list-instances) and get answers (gpu-instance-get-instance). */
const instanceFields: Record<string, FieldSpec> = {
  id: str,
  name: str,
  clusterId: str,
  clusterName: str,
  productId: str,
  productName: str,
  imageUrl: str,
  imageAuthId: str,
  command: str,
  entrypoint: str,
  // Strings in every version of the reference ("cpuNum": "<string>").
  cpuNum: str,
  memory: str,
  gpuNum: str,
  status: { type: 'string', enum: STATUS },
  statusError,
  network: obj({ id: str, ip: str }),
  portMappings: arr(obj({ port: int, endpoint: str, type: str })),
  volumeMounts: arr(obj({ type: str, size: intOrString, id: str, mountPath: str }), {
    decision: 'size is "<string>" on the list page and 123 on the get page: both accepted.',
  }),
  node: {
    type: 'any',
    oneOf: [arr(obj({ maxRootfsSize: int })), obj({ maxRootfsSize: int })],
    decision: 'array on the page, object in the SDK schema',
  },
  jobs: arr(obj({ id: str, type: str })),
  envs: arr(keyValue),
  connectComponentSSH: obj({ sshCommand: str, password: str, isRunning: bool }),
  connectComponentWebTerminal: obj({ address: str, username: str, password: str, isRunning: bool }),
  connectComponentJupyter: obj({ port: int, address: str, isRunning: bool }),
  connectComponentLog: obj({ systemLogAddress: str, instanceLogAddress: str, isRunning: bool }),
  kind: str,
  billingMode: { type: 'string', enum: BILLING },
  endTime: str,
  freeStorageSize: int,
  keepDataDay: int,
  // The older version of the get page (still served by PPIO's identical API) lists these.
  sshCommand: str,
  sshPassword: str,
  createdAt: str,
  lastStartedAt: str,
  lastStoppedAt: str,
  useTime: str,
  rootfsSize: int,
  tools: arr(str),
  diskSize: int,
  instancePrice: str,
  localStoragePrice: str,
  exitedLocalStoragePrice: str,
  spotStatus: {
    type: 'string',
    enum: ['running', 'notified', 'reclaiming', 'terminated'],
    observed: `${SDK} InstanceInfo ("Spot instance status"); ${FACTS} (list items carry it)`,
    decision:
      'Served for spot instances only (nullable in the SDK schema). The simulator says running, then notified once a ' +
      'test schedules a reclaim, then terminated (with status exited) once it is reclaimed.',
  },
  spotReclaimTime: {
    type: 'string',
    observed: `${SDK} InstanceInfo ("Spot instance reclaim time", "0" when reclaim has not started); ${SPOT_CLIENTS}`,
    decision: 'Epoch seconds as text, as the third-party clients read it; "0" until a reclaim is announced.',
  },
};

const productFields: Record<string, FieldSpec> = {
  id: str,
  name: str,
  cpuPerGpu: int,
  memoryPerGpu: int,
  diskPerGpu: int,
  availableDeploy: bool,
  minRootFS: int,
  maxRootFS: int,
  minLocalStorage: int,
  maxLocalStorage: int,
  regions: {
    type: 'any',
    oneOf: [obj({}, { values: { type: 'any' } }), arr(str)],
    decision:
      'The reference example shows an object ("regions": {}); the SDK schema and the fact sheet an array of cluster ids. Both are served and read.',
  },
  price: int,
  monthlyPrice: arr(obj({ price: int, month: int })),
  billingMethods: arr(str),
  spotPrice: {
    type: 'string',
    decision:
      '"<string>" on the reference page ("Spot billing instance price" in the SDK schema). Read in the unit of `price` ' +
      '(1/100000 USD per GPU-hour), the only price unit Novita is known to use; served only for products whose ' +
      'billingMethods include spot.',
  },
  inventoryState: { type: 'string', enum: ['none', 'low', 'normal', 'high'], observed: `${SDK} GPUProduct; ${FACTS}` },
};

const templateFields: Record<string, FieldSpec> = {
  Id: str,
  user: str,
  name: str,
  readme: str,
  logo: str,
  type: str,
  channel: str,
  image: str,
  imageAuth: str,
  startCommand: str,
  entrypoint: str,
  rootfsSize: int,
  volumes: arr(obj({ type: str, size: int, mountPath: str })),
  ports: arr(
    obj({
      type: { type: 'string', enum: ['http', 'tcp'] },
      ports: { type: 'any', oneOf: [arr({ type: 'any', oneOf: [int, str] }), obj({}, { values: int })] },
    }),
    { decision: 'ports.ports is "{}" in the generated schema and [8080, 8090] in the examples: both accepted.' },
  ),
  envs: arr(keyValue),
  tools: arr({ type: 'any', oneOf: [str, obj({ name: str, describe: str, port: int, type: str })] }),
  createTime: str,
  createdAt: str,
  recommendCards: arr(obj({ gpuSpecId: str, cardNum: str })),
  minCudaVersion: str,
};

const storageFields: Record<string, FieldSpec> = {
  storageId: str,
  storageName: str,
  storageSize: int,
  clusterId: str,
  clusterName: str,
  price: str,
};

const instanceAction = (action: 'start' | 'stop' | 'restart' | 'delete'): EndpointSpec => ({
  id: `instances.${action}`,
  method: 'POST',
  path: `/gpu/instance/${action}`,
  source: `${REF}gpu-instance-${action}-instance; ${MCP} ${action}-gpu-instance`,
  body: obj({ instanceId: req(str) }),
  response: empty,
});

const endpoints: EndpointSpec[] = [
  {
    id: 'instances.list',
    method: 'GET',
    path: '/gpu/instances',
    source: `${REF}gpu-instance-list-instances; ${MCP} list-gpu-instances`,
    decision:
      'pageSize and pageNum are required by the reference ("value >= 0"). Pages are 1-based: the MCP server defaults ' +
      'to page 1 (it names the parameter pageNumber; the reference says pageNum, which is what we accept). ' +
      "`instances` is required and not nullable; `total` appears in the SDK schema and PPIO's copy of the page.",
    query: {
      pageSize: req(int),
      pageNum: req(int),
      name: str,
      productName: str,
      status: { type: 'string', enum: STATUS },
    },
    response: obj({ instances: req(arr(obj(instanceFields))), total: int, pageSize: int, pageNum: int }),
  },
  {
    id: 'instances.get',
    method: 'GET',
    path: '/gpu/instance',
    source: `${REF}gpu-instance-get-instance; ${MCP} get-gpu-instance`,
    query: { instanceId: req(str) },
    response: obj(instanceFields),
  },
  {
    id: 'instances.create',
    method: 'POST',
    path: '/gpu/instance/create',
    source: `${REF}gpu-instance-create-instance; ${SEED}; ${MCP} create-gpu-instance`,
    decision:
      'Two versions of the page: the seed requires name, diskSize, ports and command; the current page makes them ' +
      'optional and drops diskSize/localStorageMountPoint. The union of both is accepted, required only what both require. ' +
      'imageAuthId ("Image repository authentication ID") must name one of the account\'s repository auths (decided; VALIDATOR_PARAM otherwise).',
    body: obj({
      name: str,
      productId: req(str),
      gpuNum: req(int),
      cpuNum: int,
      memory: int,
      diskSize: int,
      rootfsSize: req(int),
      imageUrl: req(str),
      imageAuth: str,
      imageAuthId: str,
      ports: str,
      envs: arr(obj({ key: req(str), value: str }), {
        decision:
          'The reference: "Instance environment variables. Up to 100 environment variables can be created." The MCP ' +
          'server (create-gpu-instance `env`): key non-empty, key and value at most 2048 characters. Checked by the route.',
      }),
      tools: arr(obj({ name: str, port: str, type: str })),
      command: {
        ...str,
        decision:
          'The reference: "Instance startup command. String, length limit: 0-2047 characters." Checked by the route.',
      },
      entrypoint: {
        ...str,
        decision:
          'The reference: "Instance startup entrypoint. This setting will override the Docker image\'s ENTRYPOINT. ' +
          'String, length limit: 0-2047 characters." Checked by the route.',
      },
      clusterId: str,
      localStorageMountPoint: str,
      networkStorages: arr(obj({ Id: str, mountPoint: str, networkStorageId: str, networkStorageMountPoint: str }), {
        decision:
          "The example sends {Id, mountPoint}; the seed's field list names networkStorageId/networkStorageMountPoint.",
      }),
      networkId: str,
      kind: req({ type: 'string', enum: ['gpu', 'cpu'] }),
      month: int,
      billingMode: {
        type: 'string',
        enum: BILLING,
        decision:
          'On the current create page (body field billingMode) with the values of the SDK schema and the list-products ' +
          'filter (onDemand: pay-as-you-go, the default; monthly: subscription, with month; spot). The simulator rents ' +
          'onDemand and spot; spot only for a product whose billingMethods include it (else VALIDATOR_PARAM), billed ' +
          'at its spotPrice.',
      },
    }),
    response: obj({ id: req(str) }),
  },
  instanceAction('start'),
  instanceAction('stop'),
  instanceAction('restart'),
  instanceAction('delete'),
  {
    id: 'instances.edit',
    method: 'POST',
    path: '/gpu/instance/edit',
    source: `${REF}gpu-instance-edit-instance (via ${SDK} EditInstanceRequest); ${FACTS}`,
    decision: 'The page itself is not in our copies; the body is taken from the reference-derived SDK schema.',
    body: obj({
      instanceId: req(str),
      ports: arr(obj({ port: req(int), type: req({ type: 'string', enum: ['tcp', 'http'] }) })),
      expandRootDisk: int,
    }),
    response: empty,
  },
  {
    id: 'products.list',
    method: 'GET',
    path: '/products',
    source: `${REF}gpu-instance-list-products; ${MCP} list-products`,
    query: {
      clusterId: str,
      gpuNum: int,
      productName: str,
      minCpuPerGpu: int,
      minMemoryPerGpu: int,
      minRootFSSize: int,
      billingMethod: {
        type: 'string',
        enum: BILLING,
        decision: '"Filter by billing method" (reference page): only products whose billingMethods include it.',
      },
    },
    response: obj({ data: req(arr(obj(productFields))) }),
  },
  {
    id: 'clusters.list',
    method: 'GET',
    path: '/clusters',
    source: `${REF}gpu-instance-list-clusters (via ${SDK} Cluster); ${MCP} list-clusters; ${FACTS}`,
    response: obj({
      data: req(
        arr(
          obj({
            id: str,
            name: str,
            availableGpuType: arr(str),
            supportNetworkStorage: bool,
            supportInstanceNetwork: bool,
          }),
        ),
      ),
    }),
  },
  {
    id: 'storages.list',
    method: 'GET',
    path: '/networkstorages/list',
    source: `${REF}gpu-instance-list-network-storage; ${MCP} list-network-storage; ${SDK} ListNetworkStoragesResponse`,
    decision:
      'pageNo is 1-based (MCP default 1). `data` and `total` are nullable in the SDK schema: `data: null` is "none".',
    query: { pageNo: int, pageSize: int, storageName: str, storageId: str },
    response: obj({ data: arr(obj(storageFields), { nullable: true }), total: { ...int, nullable: true } }),
  },
  {
    id: 'storages.create',
    method: 'POST',
    path: '/networkstorage/create',
    source: `${REF}gpu-instance-create-network-storage; ${MCP} create-network-storage; ${SDK} (200: type string)`,
    decision:
      'The answer is a bare JSON string ("identifier or status confirmation") in the SDK schema; the page is silent. ' +
      'The client does not read it as an id and finds the storage by name instead.',
    body: obj({ clusterId: req(str), storageName: req(str), storageSize: req(int) }),
    response: str,
  },
  {
    id: 'storages.update',
    method: 'POST',
    path: '/networkstorage/update',
    source: `${REF}gpu-instance-edit-network-storage; ${MCP} update-network-storage`,
    decision:
      'MCP requires storageId and storageSize (a number), storageName optional; the SDK schema types storageSize a string — MCP (official) wins.',
    body: obj({ storageId: req(str), storageName: str, storageSize: req(int) }),
    response: empty,
  },
  {
    id: 'storages.delete',
    method: 'POST',
    path: '/networkstorage/delete',
    source: `${REF}gpu-instance-delete-network-storage; ${MCP} delete-network-storage`,
    body: obj({ storageId: req(str) }),
    response: empty,
  },
  {
    id: 'templates.list',
    method: 'GET',
    path: '/templates',
    source: `${REF}gpu-instance-list-templates; ${MCP} list-templates`,
    decision:
      'The current page requires channel (official | community | private) and isMyCommunity (false for official/community, ' +
      'true for private); an older version took channel as a list and no isMyCommunity — the current one is kept. ' +
      'pageNum is 1-based per the MCP server ("start from 1"); `total` ends the list.',
    query: {
      pageSize: int,
      pageNum: int,
      name: str,
      type: str,
      channel: req({ type: 'string', enum: ['official', 'community', 'private'] }),
      isMyCommunity: req(bool),
    },
    response: obj({ template: req(arr(obj(templateFields))), total: int, pageSize: int, pageNum: int }),
  },
  {
    id: 'templates.get',
    method: 'GET',
    path: '/template',
    source: `${REF}gpu-instance-get-template; ${MCP} get-template`,
    query: { templateId: req(str) },
    response: obj({ template: req(obj(templateFields)) }),
  },
  {
    id: 'registryAuths.list',
    method: 'GET',
    path: '/repository/auths',
    source: `${REF}gpu-instance-list-container-registry-auth; ${MCP} list-container-registry-auths; ${SDK} ListRepositoryAuthsResponse`,
    decision:
      'The reference example returns each password as stored ("password": "1111"; the SDK says "returned as masked"): ' +
      'the simulator echoes it, so a test can prove the client never shows or logs it.',
    response: obj({ data: arr(obj({ id: str, name: str, username: str, password: str })) }),
  },
  {
    id: 'registryAuths.save',
    method: 'POST',
    path: '/repository/auth/save',
    source: `${REF}gpu-instance-create-container-registry-auth (name, username, password: all required; answer {}); ${MCP} create-container-registry-auth`,
    decision:
      'MCP caps name 255, username 511, password 1024; the SDK 500 each: the tighter 500 is enforced. ' +
      'The answer carries no id (the reference example is {}; the SDK documents 204): the client finds the new auth in the list.',
    body: req(obj({ name: req(str), username: req(str), password: req(str) })),
    response: empty,
  },
  {
    id: 'registryAuths.delete',
    method: 'POST',
    path: '/repository/auth/delete',
    source: `${REF}gpu-instance-delete-container-registry-auth ({id}); ${MCP} delete-container-registry-auth`,
    decision: "The SDK's answer schema ({instance_id, success}) contradicts the page; the page's {} is served.",
    body: req(obj({ id: req(str) })),
    response: empty,
  },
  {
    id: 'jobs.saveImage',
    method: 'POST',
    path: '/job/save/image',
    source: `${REF}gpu-instance-save-image (instanceId, image, registryAuthId); ${SDK} SaveImageRequest ("omit for public or platform registries") and its 200 {jobId}`,
    decision:
      "instanceId and image are required (SDK; PPIO's copy of the page: image 1–4095 characters). The page names no " +
      'instance state: the simulator saves running and exited instances and refuses others with VALIDATOR_PARAM. ' +
      'The job goes pulling → running → success (or fail).',
    body: req(obj({ instanceId: req(str), image: req(str), registryAuthId: str })),
    response: obj({ jobId: req(str) }),
  },
  {
    id: 'jobs.list',
    method: 'GET',
    path: '/jobs',
    source: `${REF}gpu-instance-list-jobs (pageSize, pageNum, jobId, state, type, startTime, endTime, creators); ${SDK} ListJobsResponse, Job`,
    query: {
      pageSize: int,
      pageNum: int,
      jobId: str,
      state: { type: 'string', enum: ['pulling', 'running', 'fail', 'success', 'break'] },
      type: { type: 'string', enum: ['saveImage', 'instanceMigrate', 'autoInstanceMigrate'] },
      startTime: int,
      endTime: int,
      creators: str,
    },
    response: obj({
      jobs: req(
        arr(
          obj({
            Id: req(str),
            user: req(str),
            type: req({ type: 'string', enum: ['saveImage', 'instanceMigrate', 'autoInstanceMigrate'] }),
            envs: arr(keyValue, { nullable: true }),
            state: req(obj({ state: str, error: str, message: str })),
            logAddress: str,
            createdAt: req(str),
            instanceId: req(str),
          }),
        ),
      ),
      total: req(int),
    }),
  },
  {
    id: 'metrics.instance',
    method: 'GET',
    path: '/metrics/gpu/instance',
    source: `${REF}gpu-instance-get-metrics`,
    decision:
      'Production serves it on https://api.novita.ai/openapi/v1 (another base); the simulator keeps one prefix.',
    query: { instanceId: req(str), endTime: int, startTime: int, interval: int },
    response: (() => {
      const series = arr(obj({ timestamp: str, value: { type: 'number' } }));
      const gpu = obj({ avg: series, gpuIds: arr(obj({ gpuId: str, items: series })) });
      return obj({
        cpuUtilization: series,
        memUtilization: series,
        rootDiskUtilization: series,
        gpuUtilization: gpu,
        gpuMemUtilization: gpu,
      });
    })(),
  },
  {
    id: 'billing.balance',
    method: 'GET',
    path: '/billing/balance/detail',
    source: `${REF}basic-get-user-balance`,
    decision:
      'Production serves it on https://api.novita.ai/openapi/v1 (the platform root, like the metrics); the ' +
      'simulator keeps one prefix. Every amount is a string in 1/10000 USD ("10000 = $1.00"); availableBalance is ' +
      'the credit balance: the example is cashBalance 800000 + creditLimit 200000 = 1000000. The page marks no field ' +
      'required. What happens to running instances when it reaches zero is not published.',
    response: obj({
      availableBalance: str,
      cashBalance: str,
      creditLimit: str,
      pendingCharges: str,
      outstandingInvoices: str,
    }),
  },
  ...billEndpoints,
];

export const novitaSpec: CloudSpec = {
  cloud: 'novita',
  sources: [
    `${REF}gpu-instance-* (list/get/create/start/stop/restart/delete instance, list products, templates, metrics, ` +
      'container registry auths, save image, list jobs)',
    `${REF}basic-error-code (GPU error names and statuses)`,
    `${REF}basic-get-user-balance (the account balance, 1/10000 USD)`,
    'novitalabs/novita-skills skills/novita-docs/references/gpu-guide.md (GPU instances: per-second billing while running)',
    `${REF}basic-query-usage-based-billing (bills per instance; billSpec.ts)`,
    SEED,
    MCP,
    SDK,
    FACTS,
    'https://ppio.cn/docs/gpus (PPIO documents the identical /gpu-instance/openapi/v1 API; cross-check)',
  ],
  endpoints,
  /**
   * A request the reference does not allow: 400 VALIDATOR_PARAM (GPU error table). An unknown path:
   * 404 API_NOT_FOUND (the same page's general table). The body shape {code, reason, message, metadata}
   * is Novita's platform error envelope; the GPU pages do not show one (decision, see the fact sheet).
   */
  refuse(violations, endpoint) {
    const said = violations.map((v) => v.message).join('; ');
    return endpoint
      ? novitaError(400, 'VALIDATOR_PARAM', `invalid parameter: ${said}`)
      : novitaError(404, 'API_NOT_FOUND', said);
  },
};
