import type { CloudPrefix, SimResponse } from '../server';

/**
 * A cloud's published API, written down from its own documents (never from our client), so the simulator
 * can refuse what the real cloud refuses and answer only what it documents. One `CloudSpec` per cloud lives
 * next to its simulator (`test/simulator/<cloud>/spec.ts`); every entry cites where it comes from.
 */

export type FieldType = 'string' | 'integer' | 'number' | 'boolean' | 'object' | 'array' | 'any';

export interface FieldSpec {
  type: FieldType;
  /** Request: the cloud refuses a request without it. Response: informative only. */
  required?: boolean;
  /** `null` is a documented value (e.g. Yotta's `data: null` on errors, Novita's null lists). */
  nullable?: boolean;
  enum?: readonly (string | number)[];
  /** Query parameters only: a comma-separated list whose items are checked against `type` and `enum`. */
  list?: boolean;
  /** Objects: the documented fields. A request with another field is refused; a response with one is a simulator bug. */
  fields?: Record<string, FieldSpec>;
  /** Objects used as maps (any key): the type of each value. */
  values?: FieldSpec;
  /** Arrays: the type of each item. */
  items?: FieldSpec;
  /**
   * Documented alternatives for the same value (an object or an array, a number or a numeric string).
   * The value must match one of them; `type` is then only a label.
   */
  oneOf?: FieldSpec[];
  /** An integer that may exceed 2^53 (sent as bare digits): never a JS number on our side. */
  int64?: boolean;
  /**
   * Not in any published document, but seen in the cloud's examples, official tools or answers:
   * what it rests on. Undocumented fields without this are refused.
   */
  observed?: string;
  /** Why this field is as it is, where sources disagree or are silent. */
  decision?: string;
}

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface EndpointSpec {
  /** Short stable name used in messages and coverage ("pods.list"). */
  id: string;
  method: HttpMethod;
  /** Path below the cloud's base URL, with `:name` for path parameters ("/v2/pods/:id"). */
  path: string;
  /** Where this entry comes from: repository and file (and anchor), or the reference page. */
  source: string;
  /** Where sources disagree or are silent: what we decided and why. */
  decision?: string;
  /** Query parameters; any other is refused. */
  query?: Record<string, FieldSpec>;
  /** The JSON body; undefined means the endpoint takes none (a body is then refused). */
  body?: FieldSpec;
  /** The 2xx answer's body as documented (envelope included). */
  response: FieldSpec;
}

export interface Violation {
  where: 'endpoint' | 'query' | 'body' | 'response';
  /** Dotted path of the offending value ("body.expose[0].port"), or the endpoint. */
  at: string;
  problem: 'undocumented' | 'missing' | 'type' | 'enum' | 'unexpected-body';
  message: string;
}

export interface CloudSpec {
  cloud: CloudPrefix;
  /** Every document this spec was written from. */
  sources: readonly string[];
  endpoints: readonly EndpointSpec[];
  /** The cloud's documented answer to a request it refuses (its own status, envelope and code). */
  refuse(violations: readonly Violation[], endpoint: EndpointSpec | undefined): SimResponse;
}
