import { RawNumber } from '../json';
import type { CloudSpec, EndpointSpec, FieldSpec, Violation } from './types';

/** The request as the wire carried it: big bare integers are kept as `RawNumber`, so "1e17" and "\"1e17\"" differ. */
export function parseForSpec(text: string): unknown {
  if (text.trim() === '') return undefined;
  const marked = text.replace(/([:[,]\s*)(-?\d{16,})(?=\s*[,\]}])/g, '$1"\\u0000rawnum:$2"');
  return JSON.parse(marked, (_k, v: unknown) =>
    typeof v === 'string' && v.startsWith('\u0000rawnum:') ? new RawNumber(v.slice(8)) : v,
  );
}

interface Compiled {
  endpoint: EndpointSpec;
  pattern: RegExp;
}
const compiledCache = new WeakMap<CloudSpec, Compiled[]>();

function compiled(spec: CloudSpec): Compiled[] {
  let c = compiledCache.get(spec);
  if (!c) {
    c = spec.endpoints.map((endpoint) => ({
      endpoint,
      pattern: new RegExp('^' + endpoint.path.replace(/:[A-Za-z_]+/g, '[^/]+') + '/?$'),
    }));
    compiledCache.set(spec, c);
  }
  return c;
}

/** The entry for this method and path. Literal segments win over parameters ("/v2/vms/types" over "/v2/vms/:id"). */
export function matchEndpoint(spec: CloudSpec, method: string, path: string): EndpointSpec | undefined {
  const hits = compiled(spec).filter((c) => c.endpoint.method === method && c.pattern.test(path));
  hits.sort((a, b) => paramCount(a.endpoint.path) - paramCount(b.endpoint.path));
  return hits[0]?.endpoint;
}

const paramCount = (p: string) => (p.match(/:/g) ?? []).length;

/** What the real cloud would refuse in this request. */
export function validateRequest(endpoint: EndpointSpec, query: URLSearchParams, body: unknown): Violation[] {
  const out: Violation[] = [];
  const documented = endpoint.query ?? {};
  for (const name of new Set(query.keys())) {
    const field = documented[name];
    if (!field) {
      out.push({
        where: 'query',
        at: `query.${name}`,
        problem: 'undocumented',
        message: `query parameter "${name}" is not documented for ${endpoint.method} ${endpoint.path}`,
      });
      continue;
    }
    for (const value of query.getAll(name)) checkQueryValue(`query.${name}`, value, field, out);
  }
  for (const [name, field] of Object.entries(documented)) {
    if (field.required && !query.has(name))
      out.push({
        where: 'query',
        at: `query.${name}`,
        problem: 'missing',
        message: `query parameter "${name}" is required`,
      });
  }
  if (endpoint.body === undefined) {
    if (body !== undefined)
      out.push({
        where: 'body',
        at: 'body',
        problem: 'unexpected-body',
        message: `${endpoint.method} ${endpoint.path} takes no body`,
      });
  } else if (body === undefined) {
    if (endpoint.body.required !== false)
      out.push({ where: 'body', at: 'body', problem: 'missing', message: 'a JSON body is required' });
  } else {
    checkValue('body', body, endpoint.body, out, 'request');
  }
  return out;
}

/** Fields the simulator answered that the cloud does not document (a simulator bug), or of the wrong type. */
export function validateResponse(endpoint: EndpointSpec, body: unknown): Violation[] {
  const out: Violation[] = [];
  // Round-trip through JSON so RawNumber and Dates are seen as the wire carries them.
  const wire =
    body === undefined ? undefined : parseForSpec(JSON.stringify(body).replace(/"\\u0000rawnum:(-?\d+)"/g, '$1'));
  checkValue('response', wire, endpoint.response, out, 'response');
  return out;
}

function checkQueryValue(at: string, value: string, field: FieldSpec, out: Violation[]): void {
  const items = field.list ? value.split(',') : [value];
  for (const item of items) {
    const ok =
      field.type === 'integer'
        ? /^-?\d+$/.test(item)
        : field.type === 'number'
          ? item.trim() !== '' && Number.isFinite(Number(item))
          : field.type === 'boolean'
            ? item === 'true' || item === 'false'
            : true;
    if (!ok)
      out.push({
        where: 'query',
        at,
        problem: 'type',
        message: `${at} must be ${field.list ? 'a list of ' : ''}${field.type}, got ${JSON.stringify(value)}`,
      });
    else if (field.enum && !field.enum.map(String).includes(item)) {
      out.push({
        where: 'query',
        at,
        problem: 'enum',
        message: `${at} must be one of ${field.enum.join(', ')}, got ${JSON.stringify(item)}`,
      });
    }
  }
}

function typeOf(v: unknown): string {
  if (v === null) return 'null';
  if (v instanceof RawNumber) return 'int64';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
}

function matchesType(v: unknown, field: FieldSpec): boolean {
  const t = typeOf(v);
  switch (field.type) {
    case 'any':
      return true;
    case 'integer':
      return t === 'integer' || t === 'int64';
    case 'number':
      return t === 'integer' || t === 'number' || t === 'int64';
    default:
      return t === field.type;
  }
}

function checkValue(at: string, v: unknown, field: FieldSpec, out: Violation[], side: 'request' | 'response'): void {
  const where = side === 'request' ? (at.startsWith('body') ? 'body' : 'query') : 'response';
  if (v === null && field.nullable) return;
  if (field.oneOf) {
    for (const alt of field.oneOf) {
      const trial: Violation[] = [];
      checkValue(at, v, alt, trial, side);
      if (trial.length === 0) return;
    }
    out.push({
      where,
      at,
      problem: 'type',
      message: `${at} matches none of its documented forms (${field.oneOf.map((f) => f.type).join(' | ')}), got ${typeOf(v)}`,
    });
    return;
  }
  if (!matchesType(v, field)) {
    out.push({
      where,
      at,
      problem: 'type',
      message: `${at} must be ${field.int64 ? 'an int64 ' : ''}${field.type}${field.nullable ? ' or null' : ''}, got ${typeOf(v)}`,
    });
    return;
  }
  if (field.int64 === false && v instanceof RawNumber) {
    out.push({ where, at, problem: 'type', message: `${at} is beyond 2^53` });
  }
  if (field.enum && !field.enum.includes(v as string | number)) {
    out.push({
      where,
      at,
      problem: 'enum',
      message: `${at} must be one of ${field.enum.join(', ')}, got ${JSON.stringify(v)}`,
    });
  }
  if (field.type === 'array' && field.items) {
    (v as unknown[]).forEach((item, i) => checkValue(`${at}[${i}]`, item, field.items!, out, side));
  }
  if (field.type === 'object' && (field.fields || field.values)) {
    const obj = v as Record<string, unknown>;
    for (const [name, value] of Object.entries(obj)) {
      const sub = field.fields?.[name] ?? field.values;
      if (!sub) {
        out.push({ where, at: `${at}.${name}`, problem: 'undocumented', message: `${at}.${name} is not documented` });
        continue;
      }
      if (value === undefined) continue;
      checkValue(`${at}.${name}`, value, sub, out, side);
    }
    if (side === 'request') {
      for (const [name, sub] of Object.entries(field.fields ?? {})) {
        if (sub.required && obj[name] === undefined)
          out.push({ where, at: `${at}.${name}`, problem: 'missing', message: `${at}.${name} is required` });
      }
    }
  }
}
