import type { SimResponse } from '../server';
import type { CloudSpec, EndpointSpec, FieldSpec, Violation } from '../spec/types';

/**
 * NeevCloud's GPU AI Service ("GPU Instances", internally AI Runtimes), written down from NeevCloud's own
 * documents. Paths are below the simulator's `/neevcloud` prefix: `/gpu/…` stands for the GPU Instance API
 * (`https://api.ai.neevcloud.com/gpu`), `/inventory/…` for the inventory service.
 *
 * What the sources give and what they leave open:
 * - The API reference lists every endpoint, its query and path parameters and the notify body, but most answers
 *   are "Response any" / "No content": only the runtime list item's required fields, the template fields and the
 *   paging envelope have a published schema.
 * - The official CLI (NeevCloudAI/neev-cli) publishes the create body (examples) and that `create -o json` answers
 *   with `.id`. Its source is not public ("This repository hosts distribution artifacts only"), so no request is
 *   known beyond its docs and examples.
 * - Inventory item fields come from a third-party capture of live answers (marked `observed`).
 * - Everything else the simulator answers is a `decision`, written next to the field.
 */

const REF = 'docs.ai.neevcloud.com/api-reference';
const SEED = `${REF}/gpu-ai-service (seed: ../shared/seeds/neevcloud-gpu-ai-service.txt)`;
const AIRUNTIME = `${REF}/gpu-instance/airuntime`;
const TEMPLATES = `${REF}/gpu-instance/airuntime-templates`;
const CLI_EXAMPLE = 'NeevCloudAI/neev-cli examples/airuntime.sh and examples/README.md ("Work with AI runtimes")';
const THIRD_PARTY = 'third-party price aggregator capture of live inventory answers (../shared/providers/neevcloud.md)';

const str: FieldSpec = { type: 'string' };
const int: FieldSpec = { type: 'integer' };
const num: FieldSpec = { type: 'number' };

/** Paging as documented for list endpoints: `page` ≥ 1, `limit` 1–100. */
const PAGING: Record<string, FieldSpec> = {
  page: { type: 'integer', decision: 'min 1, default 1 (seed); the range is checked by the route' },
  limit: { type: 'integer', decision: 'min 1, max 100, default 20 (seed); the range is checked by the route' },
};

/**
 * `PaginationResponse`: the GPU Instance API names it but its fields are cut off in what is published here;
 * NeevCloud's Billing Service API reference (`${REF}/billing/pricing`) publishes the schema of the same name:
 * total_items, total_pages, current_page, items_per_page.
 */
const PAGINATION: FieldSpec = {
  type: 'object',
  decision:
    'fields from the same-named schema of the Billing Service API reference; the fact sheet confirms current_page and total_pages',
  fields: { total_items: int, total_pages: int, current_page: int, items_per_page: int },
};

const page = (item: FieldSpec, source: string): FieldSpec => ({
  type: 'object',
  decision: `{ data, pagination } as ${source} documents for its list answers`,
  fields: { data: { type: 'array', required: true, items: item }, pagination: PAGINATION },
});

const INVENTORY_ITEM: FieldSpec = {
  type: 'object',
  observed: THIRD_PARTY,
  fields: {
    config_id: { ...str, observed: THIRD_PARTY },
    gpu_model: { ...str, observed: THIRD_PARTY },
    gpu_vendor: { ...str, observed: THIRD_PARTY },
    vram_gib: { ...num, observed: THIRD_PARTY },
    default_cpu_cores: { ...num, observed: THIRD_PARTY },
    default_memory_gib: { ...num, observed: THIRD_PARTY },
    price_per_gpu_per_hour: { ...num, observed: THIRD_PARTY },
    region: { ...str, observed: THIRD_PARTY },
    min_gpu_count: { ...int, observed: THIRD_PARTY },
    max_gpu_count: { ...int, observed: THIRD_PARTY },
    available_gpu_count: { ...int, observed: THIRD_PARTY },
    total_gpu_count: { ...int, observed: THIRD_PARTY },
    availability: { ...str, observed: `${THIRD_PARTY} ("None", "Low" seen)` },
    instance_type: { ...str, enum: ['airuntime', 'vm'], observed: THIRD_PARTY },
    type: { ...str, enum: ['GPU'], observed: THIRD_PARTY },
  },
};

const DECIDED = (why: string) => ({ decision: why });

/** The runtime as list and get answer it. */
const RUNTIME: FieldSpec = {
  type: 'object',
  decision:
    'The list item requires id, name, region, project, status and "gpuConfi…" (the published schema is cut off there); ' +
    'get answers "Detailed information", unpublished. Every other field is a decision so that the simulator can be ' +
    'priced, reached and waited on; the client reads each defensively and the contract tests serve other spellings.',
  fields: {
    id: { ...str, required: true, decision: 'uuid (airuntime_id path parameter is "string · uuid")' },
    name: { ...str, required: true },
    region: { ...str, required: true },
    project: {
      ...str,
      required: true,
      decision: 'the project id the runtime belongs to; the reference names the field but not its type',
    },
    status: {
      ...str,
      required: true,
      decision: '"Running" is the only documented word; the simulator also says Provisioning, Deleting, Failed',
    },
    gpuConfig: {
      type: 'object',
      required: true,
      decision:
        'the required field cut off as "gpuConfi…"; its content is unpublished: the inventory item\'s own field names',
      fields: {
        config_id: str,
        gpu_model: str,
        gpu_vendor: str,
        vram_gib: num,
        price_per_gpu_per_hour: num,
      },
    },
    gpuCount: { ...int, ...DECIDED("the create body's name for the count (CLI example)") },
    templateID: { ...str, ...DECIDED("the create body's name for the template (CLI example)") },
    planId: { ...str, ...DECIDED("the create body's name for the plan (CLI example)") },
    statusMessage: { ...str, ...DECIDED('why a runtime failed; unpublished') },
    createdAt: { ...str, ...DECIDED('RFC 3339 creation time; unpublished') },
    endpoints: {
      type: 'object',
      decision:
        'How to reach a Running runtime "via the browser (Jupyter …) or SSH" is documented, the field names are not. ' +
        'The simulator answers one spelling (camelCase like the rest of this API): endpoints.ssh { host, port, username } ' +
        'and endpoints.jupyter (an https URL with its token). The client also reads ssh_host/ssh_port, sshCommand and ' +
        'jupyterUrl spellings (mapping.ts), which the contract tests serve.',
      fields: {
        ssh: { type: 'object', fields: { host: str, port: int, username: str } },
        jupyter: str,
      },
    },
  },
};

const TEMPLATE: FieldSpec = {
  type: 'object',
  decision: 'AIRuntimeTemplateResponse: required id, description, templateSpec, ownerOrgId; name is optional',
  fields: {
    id: { ...str, required: true, decision: 'pattern ^tpl-[a-zA-Z0-9-]+$ (template_id path parameter)' },
    name: str,
    description: { ...str, required: true },
    templateSpec: { type: 'object', required: true, decision: 'its content is unpublished; not checked' },
    ownerOrgId: {
      ...str,
      required: true,
      nullable: true,
      decision: 'null for platform templates (they belong to no organisation)',
    },
  },
};

const ALERT: FieldSpec = {
  type: 'object',
  decision:
    'GPUNotifyAvailabilityRequest: named, fields unpublished; region_id and config_id as the notify body names them',
  fields: {
    id: { ...str, ...DECIDED('unpublished') },
    region_id: str,
    config_id: str,
    status: {
      ...str,
      ...DECIDED("the documented status filter's values are not published; the simulator says pending, notified"),
    },
    created_at: { ...str, ...DECIDED('unpublished') },
  },
};

const METRICS: FieldSpec = {
  type: 'object',
  decision:
    '"Resource utilization metrics (CPU, RAM, GPU)": shape unpublished; the simulator answers percentages under data. ' +
    "The GPU figures come from the pod's GPU readings (one item per GPU; gpu_utilization their mean, left out when " +
    'no GPU reports one). "Real-time" platform monitoring is assumed: an unreachable pod still reports, a pod ' +
    'whose driver is gone reports no GPU.',
  fields: {
    data: {
      type: 'object',
      fields: {
        cpu_utilization: num,
        ram_utilization: num,
        gpu_utilization: num,
        gpus: {
          type: 'array',
          items: { type: 'object', fields: { index: int, utilization: num, memory_utilization: num } },
        },
        collected_at: str,
      },
    },
  },
};

const GPU_CONFIG: FieldSpec = {
  type: 'object',
  decision:
    '"GPU config retrieved", shape unpublished: the inventory item\'s fields without the per-region stock, plus its regions',
  fields: {
    data: {
      type: 'object',
      fields: {
        config_id: str,
        gpu_model: str,
        gpu_vendor: str,
        vram_gib: num,
        default_cpu_cores: num,
        default_memory_gib: num,
        price_per_gpu_per_hour: num,
        min_gpu_count: int,
        max_gpu_count: int,
        instance_type: str,
        type: str,
        regions: { type: 'array', items: str },
      },
    },
  },
};

const RT = '/gpu/api/v1beta1/orgs/:org_id/projects/:project_id/airuntimes';
const INV = '/inventory/api/v1beta1/inventory';

const endpoints: EndpointSpec[] = [
  {
    id: 'inventory.list',
    method: 'GET',
    path: INV,
    source: `${SEED} "List deployable Inventory items"; base URL ${THIRD_PARTY}`,
    query: {
      region: str,
      type: { ...str, enum: ['GPU'] },
      gpu_model: str,
      gpu_vendor: str,
      vram_min: int,
      vram_max: int,
      ...PAGING,
    },
    response: page(INVENTORY_ITEM, 'the fact sheet'),
  },
  {
    id: 'inventory.gpuconfig',
    method: 'GET',
    path: `${INV}/gpuconfig`,
    source: `${SEED} "Get GPU config details by config_id"`,
    query: { config_id: { ...str, required: true } },
    response: GPU_CONFIG,
  },
  {
    id: 'alerts.list',
    method: 'GET',
    path: `${INV}/gpu/notify-availability`,
    source: `${SEED} "List GPU notification requests" (Response GPUNotifyAvailabilityRequest[])`,
    query: { status: { ...str, decision: 'an enum whose values are not published: not checked' } },
    response: { type: 'array', items: ALERT },
  },
  {
    id: 'alerts.register',
    method: 'POST',
    path: `${INV}/gpu/notify-availability`,
    source: `${SEED} "Register for email notification when a GPU becomes available"`,
    body: { type: 'object', fields: { region_id: { ...str, required: true }, config_id: { ...str, required: true } } },
    response: { type: 'any', decision: '"No content": the simulator answers 201 with an empty body' },
  },
  {
    id: 'runtimes.list',
    method: 'GET',
    path: RT,
    source: `${AIRUNTIME} "List GPU Instances" (AIRuntimeListResponse); ${SEED} "List AI Runtimes"`,
    query: { ...PAGING },
    response: page(RUNTIME, 'AIRuntimeListResponse'),
  },
  {
    id: 'runtimes.create',
    method: 'POST',
    path: RT,
    source: `${SEED} "Create an AI Runtime" (body "any"); body fields from ${CLI_EXAMPLE}`,
    decision:
      'The reference publishes no body schema. Every CLI example sends name, region, templateID, gpuCount and planId ' +
      '(required here); the newest adds gpuConfigID ("a UUID from the inventory API / console") and optional sshKeys; ' +
      'storage is optional ("omit it to use the free 100 GB network volume"). `create -o json | jq -r .id` shows the ' +
      'answer carries the runtime id.',
    body: {
      type: 'object',
      fields: {
        name: { ...str, required: true },
        region: { ...str, required: true },
        templateID: { ...str, required: true },
        gpuConfigID: {
          ...str,
          decision:
            'the CLI calls it a UUID, the only config identifier the inventory publishes is config_id (a slug in the ' +
            'third-party capture); any string is accepted and the route checks it against the inventory',
        },
        gpuCount: { ...int, required: true },
        planId: { ...str, required: true, decision: '"a plan you can access (e.g. gpu-h200-on-demand-1h)"' },
        sshKeys: { type: 'array', items: str },
        storage: { type: 'object', decision: 'optional, content unpublished' },
      },
    },
    response: RUNTIME,
  },
  {
    id: 'runtimes.get',
    method: 'GET',
    path: `${RT}/:airuntime_id`,
    source: `${AIRUNTIME}; ${SEED} "Get AI Runtime by ID"`,
    response: RUNTIME,
  },
  {
    id: 'runtimes.delete',
    method: 'DELETE',
    path: `${RT}/:airuntime_id`,
    source: `${AIRUNTIME}; ${SEED} "Delete an AI Runtime" ("Permanently deletes"; Responses: No content)`,
    decision:
      'Only success is documented ("No content"): a 404 is not documented as "already gone", so the client does not ' +
      'take it as one. The simulator answers 204 and the runtime is Deleting until it disappears.',
    response: { type: 'any' },
  },
  {
    id: 'runtimes.metrics',
    method: 'GET',
    path: `${RT}/:airuntime_id/metrics`,
    source: `${SEED} "Get AI Runtime utilization metrics"`,
    response: METRICS,
  },
  {
    id: 'templates.list',
    method: 'GET',
    path: '/gpu/api/v1beta1/airuntime-templates',
    source: `${TEMPLATES} "List AI Runtime Templates" (AIRuntimeTemplateListResponse); ${SEED}`,
    decision: 'No query parameter is documented (no page/limit), so none is accepted.',
    response: page(TEMPLATE, 'AIRuntimeTemplateListResponse'),
  },
  {
    id: 'templates.get',
    method: 'GET',
    path: '/gpu/api/v1beta1/airuntime-templates/:template_id',
    source: `${TEMPLATES} "Get an AI Runtime Template"; ${SEED}`,
    response: TEMPLATE,
  },
];

/** NeevCloud's error body, `{"code":"unauthorized","message":"missing authorization header"}` (fact sheet, CLI skill). */
export function neevErrorBody(code: string, message: string): { code: string; message: string } {
  return { code, message };
}

export const neevCloudSpec: CloudSpec = {
  cloud: 'neevcloud',
  sources: [
    SEED,
    AIRUNTIME,
    TEMPLATES,
    `${REF}/billing/pricing (PaginationResponse)`,
    CLI_EXAMPLE,
    'NeevCloudAI/neev-cli docs/command-reference.md',
    'NeevCloudAI/agent-skills skills/neev-cli/SKILL.md (error bodies: 401 {"code":"unauthorized",…}, 400 "invalid_argument: …")',
    THIRD_PARTY,
  ],
  endpoints,
  /**
   * A request the API does not allow: 400 `invalid_argument` with the reason (the CLI skill shows this code for a
   * refused argument); a path the API does not have: 404 `not_found` (decision: the same code family).
   */
  refuse(violations: readonly Violation[], endpoint: EndpointSpec | undefined): SimResponse {
    const message = violations.map((v) => v.message).join('; ');
    if (!endpoint) return { status: 404, body: neevErrorBody('not_found', message) };
    return { status: 400, body: neevErrorBody('invalid_argument', message) };
  },
};
