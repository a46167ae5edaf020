/**
 * The workspace pod spec (`.vscode/gpu-pods.json`): the pod a project wants, kept next to its code. The file is
 * the user's (or a teammate's, or a cloned repository's): never trusted, every problem reported with the JSON
 * path it is at. A spec never holds a secret value: a secret variable names the VS Code secret its value is kept
 * under. schemas/gpu-pods.schema.json says the same for the editor (a unit test keeps the two in step).
 */

import { CLOUD_IDS } from './cloudIds';
import { looksSecret } from './formSteps/envVars';
import { l10n } from './l10n';
import { MAX_FOR_MINUTES } from './utilisation/idleRule';
import * as z from './zod';

const SHELL_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const SECRET_NAME = /^[a-z0-9][a-z0-9._-]{0,63}$/;

const text = () => z.string().check(z.minLength(1, l10n.t('must not be empty')));
const wholeAtLeast = (min: number) =>
  z.int(l10n.t('must be a whole number')).check(z.minimum(min, l10n.t('must be at least {0}', min)));

const gpuByType = z.strictObject({ type: text(), count: z.optional(wholeAtLeast(1)) });
const gpuByVram = z.strictObject({
  minVramGb: z.number().check(z.positive(l10n.t('must be above 0'))),
  count: z.optional(wholeAtLeast(1)),
});

const envName = z.string().check(z.regex(SHELL_NAME, l10n.t('use letters, digits and _, not starting with a digit')));
const envVar = z.union(
  [
    z.strictObject({ name: envName, value: z.string() }),
    z.strictObject({
      name: envName,
      secret: z
        .string()
        .check(z.regex(SECRET_NAME, l10n.t('a secret name is 1–64 lower-case letters, digits, ".", "_" or "-"'))),
    }),
  ],
  {
    error: l10n.t(
      'a variable has a "name" and either a "value" or a "secret" (the name its value is kept under in VS Code\'s secret storage)',
    ),
  },
);

const specSchema = z.strictObject({
  $schema: z.optional(z.string()),
  cloud: z.optional(
    z.union(
      CLOUD_IDS.map((id) => z.literal(id)),
      { error: l10n.t('must be one of {0}', CLOUD_IDS.join(', ')) },
    ),
  ),
  account: z.optional(text()),
  name: z.optional(text()),
  gpu: z.union([gpuByType, gpuByVram], {
    error: l10n.t('give either "type" (the cloud\'s GPU id) or "minVramGb", and optionally "count"'),
  }),
  region: z.optional(text()),
  image: z.optional(text()),
  disks: z.optional(z.strictObject({ systemGb: z.optional(wholeAtLeast(1)), dataGb: z.optional(wholeAtLeast(0)) })),
  volumes: z.optional(z.array(z.strictObject({ id: text(), mountPath: z.optional(text()) }))),
  ports: z.optional(
    z.array(
      z.strictObject({
        port: wholeAtLeast(1).check(z.maximum(65535, l10n.t('must be at most {0}', 65535))),
        protocol: z.union([z.literal('ssh'), z.literal('http'), z.literal('tcp')], {
          error: l10n.t('must be one of {0}', 'ssh, http, tcp'),
        }),
      }),
    ),
  ),
  env: z.optional(z.array(envVar)),
  command: z.optional(z.string()),
  idle: z.optional(
    z.strictObject({
      stopBelowPercent: z
        .number()
        .check(z.positive(l10n.t('must be above 0')), z.maximum(100, l10n.t('must be at most {0}', 100))),
      stopAfterMinutes: wholeAtLeast(1).check(
        z.maximum(MAX_FOR_MINUTES, l10n.t('must be at most {0}', MAX_FOR_MINUTES)),
      ),
    }),
  ),
  remoteFolder: z.optional(
    z.string().check(z.regex(/^\/(?!.*(^|\/)\.\.(\/|$))/, l10n.t('must be an absolute path on the pod, without ".."'))),
  ),
});

export type WorkspaceSpec = z.output<typeof specSchema>;

export type SpecResult = { spec: WorkspaceSpec } | { problems: string[] };

/** The spec in `text`, or its problems, each "gpu.count: must be at least 1" (at most 5 of them). */
export function parseSpec(text: string): SpecResult {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    return { problems: [l10n.t('(file): not valid JSON ({0})', (error as Error).message)] };
  }
  if (!raw || typeof raw !== 'object' || Array.isArray(raw))
    return { problems: [l10n.t('(file): must be a JSON object')] };
  const result = specSchema.safeParse(raw);
  const problems = result.success
    ? []
    : result.error.issues.map((i) => `${jsonPath(i.path)}: ${issueText(i, at(raw, i.path))}`);
  if (result.success) problems.push(...crossChecks(result.data));
  return problems.length ? { problems: problems.slice(0, 5) } : { spec: (result as { data: WorkspaceSpec }).data };
}

/** What one field cannot say alone: a GPU type is a cloud's own id; a spec holds no secret value. */
function crossChecks(spec: WorkspaceSpec): string[] {
  const problems: string[] = [];
  if ('type' in spec.gpu && !spec.cloud)
    problems.push(l10n.t('{0}: a GPU "type" is one cloud\'s id, so "cloud" must be given too', 'cloud'));
  spec.env?.forEach((v, i) => {
    if ('value' in v && looksSecret(v.name))
      problems.push(
        l10n.t(
          '{0}: {1} looks like a secret; a spec never holds one: use "secret" with the name its value is kept under',
          jsonPath(['env', i, 'value']),
          v.name,
        ),
      );
  });
  return problems;
}

function jsonPath(path: readonly PropertyKey[]): string {
  if (!path.length) return '(file)';
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? String(p) : `.${String(p)}`)).join('');
}

interface Issue {
  code: string;
  message: string;
  expected?: string;
  keys?: string[];
}

/** The value at `path` in what the file holds (undefined: the field is missing). */
function at(raw: unknown, path: readonly PropertyKey[]): unknown {
  let v = raw;
  for (const key of path) v = v && typeof v === 'object' ? (v as Record<PropertyKey, unknown>)[key] : undefined;
  return v;
}

/** zod/mini carries no English messages: ours where a check gave one, else one from the issue's kind. */
function issueText(issue: Issue, value: unknown): string {
  if (issue.code === 'unrecognized_keys')
    return l10n.t('unknown field(s) {0}', (issue.keys ?? []).map((k) => `"${k}"`).join(', '));
  if (value === undefined) return l10n.t('is required');
  if (issue.code === 'invalid_type' && issue.expected === 'int') return l10n.t('must be a whole number');
  if (issue.code === 'invalid_type') return l10n.t('must be a {0}', issue.expected ?? '?');
  return issue.message;
}

/** The spec as saved: two-space indent, a final newline. No `$schema`: the extension applies its schema itself. */
export function specText(spec: WorkspaceSpec): string {
  return `${JSON.stringify(spec, null, 2)}\n`;
}
