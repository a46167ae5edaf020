import type { Violation } from './types';

/** A request the simulator refused because the cloud's spec does not allow it, or an answer it should not have sent. */
export interface SpecMiss {
  cloud: string;
  method: string;
  path: string;
  violations: Violation[];
}

/**
 * What every simulator in this process saw, checked once at the end of the unit run
 * (test/unit/specCoverage.hooks.ts): the client must send only what the specs document, and the
 * simulator must answer only what they document. Strictness tests that send bad requests on purpose
 * build their simulator with `{ ledger: false }`.
 */
export const specLedger = {
  /** `cloud endpointId` → requests that matched it. */
  hits: new Map<string, number>(),
  misses: [] as SpecMiss[],
  /** Answers with undocumented fields or wrong types: simulator bugs. */
  badAnswers: [] as SpecMiss[],
  /** Requests to a cloud that has no spec installed. */
  unspecified: [] as Array<{ cloud: string; method: string; path: string }>,
};
