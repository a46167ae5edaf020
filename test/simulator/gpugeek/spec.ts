import { randomBytes } from 'node:crypto';
import type { SimResponse } from '../server';
import type { CloudSpec, EndpointSpec, FieldSpec, Violation } from '../spec/types';

/**
 * GPUGeek's OpenAPI as its one public page documents it. Every entry cites that page
 * (shared/seeds/gpugeek-openapi.txt, "API Details" section n) and our fact sheet (shared/providers/gpugeek.md).
 * Nothing here is taken from our client.
 */

const DOC = 'shared/seeds/gpugeek-openapi.txt (https://www.gpugeek.com API Documentation)';
const FACTS = 'shared/providers/gpugeek.md';
const P = '/api/v1/openapi';

/** Documented error codes (DOC, "Appendix 3. Common Error Codes"). */
export const GPUGEEK_ERRORS = {
  internal: { code: 10001, message: 'Internal Server Error' },
  notLoggedIn: { code: 10002, message: 'Not logged in or login expired' },
  parameter: { code: 10005, message: 'Parameter error' },
  instanceOperation: { code: 10135, message: 'Instance operation error' },
} as const;

const str: FieldSpec = { type: 'string' };
const int: FieldSpec = { type: 'integer' };
/** DOC writes these as Int64: ids beyond 2^53 arrive as bare digits. */
const int64: FieldSpec = { type: 'integer', int64: true };
const strings: FieldSpec = { type: 'array', items: str };
const ints: FieldSpec = { type: 'array', items: int };

/**
 * DOC "5. Response Results" and "Appendix 1": `{ code, message, traceid, data }`, code 0 and message
 * "success" on success. Errors come in the same envelope with another code (Appendix 3) and "specific business
 * error information" as message. Decision: an error's `data` is `{}` as in the Appendix's common structure
 * (the only documented form); HTTP status stays 200 (the doc lists no other status for business errors).
 */
function envelope(data: FieldSpec): FieldSpec {
  const success: FieldSpec = {
    type: 'object',
    fields: {
      code: { type: 'integer', enum: [0] },
      message: { type: 'string', enum: ['success'] },
      traceid: str,
      data,
    },
  };
  const failure: FieldSpec = {
    type: 'object',
    fields: {
      code: { type: 'integer', enum: Object.values(GPUGEEK_ERRORS).map((e) => e.code) },
      message: str,
      traceid: str,
      data: { type: 'object', fields: {} },
    },
  };
  return { type: 'object', oneOf: [success, failure] };
}

const obj = (fields: Record<string, FieldSpec>): FieldSpec => ({ type: 'object', fields });

/** DOC "3. Create Instance", Response Parameters, Spec. */
const createSpec = obj({
  gpuName: str,
  vram: { ...str, decision: 'DOC: String, "GPU memory size (GB)"; the example writes "10G".' },
  skuName: { type: 'string', enum: ['payg', 'bidding', 'daily', 'weekly', 'monthly'] },
  price: { ...str, decision: 'DOC: String ("10" in the example); neither unit nor currency is documented.' },
  cpuName: str,
  cpuCoreNum: int,
  memorySize: { ...int, decision: 'DOC: int; the example (17179869184) is in bytes.' },
  payByVoucher: { type: 'integer', enum: [0, 1] },
  regionName: str,
  dcId: str,
});

/** DOC "5. Query Instance List", Instance. */
const instance = obj({
  instanceId: int64,
  name: str,
  imageId: str,
  status: {
    ...str,
    decision:
      'DOC names no values for the answer; the list filter documents stopd, running and creating, so other words may appear.',
  },
  isPending: { type: 'integer', enum: [0, 1] },
  gpuName: str,
  gpuNum: { ...int, decision: 'The example shows 0 GPUs on a stopped instance.' },
  availableGpuNum: int,
  skuName: {
    type: 'string',
    enum: ['payg', 'bidding', 'daily', 'weekly', 'monthly', 'card_less'],
    decision:
      'DOC lists payg, daily, weekly, monthly, card_less; create also rents by "bidding", so such an instance is assumed to keep that name.',
  },
  createdAt: str,
  cpuCoreNum: int,
  memorySize: int64,
  systemDiskSize: int64,
  systemDiskUsedSize: int64,
  dataDiskSize: int64,
  dataDiskUsedSize: int64,
  sshCmd: str,
  sshPwd: str,
  notebookUrl: str,
  tensorboardUrl: str,
  customServices: strings,
  httpServices: strings,
  operationId: int64,
  dcId: str,
  isStartable: { type: 'boolean' },
});

/** DOC "4. Query Operation Status", Operation. */
const operation = obj({
  instanceId: int64,
  status: { type: 'integer', enum: [1, 2, 3] },
  action: {
    ...str,
    decision:
      'DOC: "Current operation" with no list; the example says "stop". A create operation is assumed to say "create".',
  },
  operationId: {
    type: 'integer',
    oneOf: [int64, str],
    decision:
      'DOC: String in the table, a bare number in the example (and Int64 in the create and action answers): both forms.',
  },
  isCompleted: { type: 'integer', enum: [0, 1] },
  startTime: str,
  completeTime: { ...str, decision: 'DOC gives no value for an unfinished operation; the simulator sends "".' },
});

export const gpuGeekEndpoints: EndpointSpec[] = [
  {
    id: 'gpu.list',
    method: 'GET',
    path: `${P}/gpu/list`,
    source: `${DOC} "API Details 1. Get Platform GPU Types"; ${FACTS}`,
    response: envelope(obj({ gpus: strings })),
  },
  {
    id: 'datacenter.list',
    method: 'GET',
    path: `${P}/datacenter/list`,
    source: `${DOC} "API Details 2. Get Available Datacenter IDs"; ${FACTS}`,
    response: envelope(obj({ datacenters: { type: 'array', items: obj({ name: str, dcId: str }) } })),
  },
  {
    id: 'image.list',
    method: 'GET',
    path: `${P}/image/list`,
    source: `${DOC} "API Details 3. Get Images"; ${FACTS}`,
    response: envelope(
      obj({
        images: {
          type: 'array',
          items: obj({ type: { type: 'string', enum: ['user', 'official'] }, imageId: str, name: str }),
        },
      }),
    ),
  },
  {
    id: 'instance.create',
    method: 'POST',
    path: `${P}/instance/create`,
    source: `${DOC} "API Details 3. Create Instance" (second section 3); ${FACTS}`,
    decision:
      'The answer table writes instanceId, the example InstanceId: both are documented forms. Cross-field rules ' +
      '(at most 3 ports TCP + HTTP together, known gpuName/imageId/dcId) are checked by the route with 10005.',
    body: obj({
      type: { type: 'integer', required: true, enum: [2] },
      gpuName: { ...str, required: true },
      skuName: { type: 'string', required: true, enum: ['payg', 'bidding', 'daily', 'weekly', 'monthly'] },
      gpuNum: { ...int, required: true },
      cpuNum: int,
      memory: int,
      diskType: { type: 'string', enum: ['SSD', 'NVME'] },
      tags: strings,
      imageId: { ...str, required: true },
      autoRenew: { type: 'boolean' },
      duration: int,
      name: str,
      servicePort: ints,
      httpServicePort: ints,
      cmd: { ...str, decision: 'DOC: "Startup command", a String; no length limit is given, none is checked.' },
      env: {
        ...str,
        decision:
          'DOC: "Environment variables", one String; how several variables go into it is not published. The ' +
          "client sends one KEY=VALUE per line (Docker's --env-file format); the simulator takes any string, as " +
          'nothing documents what GPUGeek refuses.',
      },
      dryRun: { type: 'boolean' },
      dcId: str,
      systemDiskSize: int,
      dataDiskSize: int,
    }),
    response: envelope({
      type: 'object',
      oneOf: [
        obj({ instanceId: int64, operationId: int64, spec: createSpec }),
        {
          ...obj({ InstanceId: int64, operationId: int64, spec: createSpec }),
          decision: 'The response example spells InstanceId with a capital I.',
        },
      ],
    }),
  },
  {
    id: 'instance.op.result',
    method: 'POST',
    path: `${P}/instance/op/result`,
    source: `${DOC} "API Details 4. Query Operation Status"; ${FACTS}`,
    body: obj({
      ids: {
        type: 'array',
        required: true,
        items: int64,
        decision: 'DOC: Array<int>; operation ids are Int64 elsewhere.',
      },
    }),
    response: envelope(obj({ operations: { type: 'array', items: operation } })),
  },
  {
    id: 'instance.query',
    method: 'GET',
    path: `${P}/instance/query`,
    source: `${DOC} "API Details 5. Query Instance List"; ${FACTS}`,
    decision: 'DOC gives ps a default of 20 and no maximum; the simulator caps it (control.pageCap) as servers do.',
    query: {
      status: { type: 'string', enum: ['stopd', 'running', 'creating'] },
      instanceId: { type: 'integer', decision: 'DOC: Int; an instance id may exceed 2^53, written as digits.' },
      pn: int,
      ps: int,
    },
    response: envelope(obj({ instances: { type: 'array', items: instance }, total: int })),
  },
  {
    id: 'instance.action',
    method: 'POST',
    path: `${P}/instance/action`,
    source: `${DOC} "API Details 6. Instance Operations"; ${FACTS}`,
    decision:
      'ports and httpPorts are "Required if action=set_port": the route answers 10005 when either is missing then.',
    body: obj({
      instanceId: { ...int64, required: true },
      action: { type: 'string', required: true, enum: ['stop', 'start', 'restart', 'release', 'set_port'] },
      ports: ints,
      httpPorts: ints,
    }),
    response: envelope(obj({ operationId: int64 })),
  },
];

export function traceId(): string {
  return randomBytes(16).toString('hex');
}

/** GPUGeek's envelope for a business error (HTTP 200, DOC "Appendix 1" and "3"). */
export function gpuGeekError(code: number, message: string): SimResponse {
  return { status: 200, body: { code, message, traceid: traceId(), data: {} } };
}

export const gpuGeekSpec: CloudSpec = {
  cloud: 'gpugeek',
  sources: [DOC, FACTS],
  endpoints: gpuGeekEndpoints,
  /**
   * DOC "Appendix 2": an unknown URI is HTTP 404 ("Request URI does not exist"); its body is not documented,
   * so the simulator sends none. DOC "Appendix 3": a parameter that fails validation is code 10005,
   * "Parameter error", with the details in the message.
   */
  refuse(violations: readonly Violation[], endpoint: EndpointSpec | undefined): SimResponse {
    if (!endpoint) return { status: 404, body: '', headers: { 'content-type': 'text/plain' } };
    const detail = violations.map((v) => v.message).join('; ');
    return gpuGeekError(GPUGEEK_ERRORS.parameter.code, `${GPUGEEK_ERRORS.parameter.message}: ${detail}`);
  },
};
