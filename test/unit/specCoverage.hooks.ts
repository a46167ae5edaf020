import { specLedger, type SpecMiss } from '../simulator/spec/ledger';

/**
 * Spec coverage, checked once after the whole unit run (mocha root hook, see .mocharc.json): every request
 * the client sent to a simulated cloud matched an entry of that cloud's published spec, and every answer
 * the simulator gave was one the spec documents. A miss names the entry to add (with its source) or the
 * client call to fix. Set GPU_PODS_SPEC_REPORT=1 to print how often each entry was exercised.
 */
function describeMiss(m: SpecMiss): string {
  return `  ${m.cloud} ${m.method} ${m.path}\n${m.violations.map((v) => `      - ${v.message}`).join('\n')}`;
}

function unique(lines: string[]): string[] {
  return [...new Set(lines)];
}

export const mochaHooks = {
  afterAll(this: unknown): void {
    if (process.env.GPU_PODS_SPEC_REPORT === '1') {
      for (const [entry, n] of [...specLedger.hits].sort()) console.log(`spec hit ${entry}: ${n}`);
    }
    const problems: string[] = [];
    if (specLedger.unspecified.length) {
      problems.push(
        'Requests to a cloud with no spec installed (call sim.useSpec in its install function):',
        ...unique(specLedger.unspecified.map((r) => `  ${r.cloud} ${r.method} ${r.path}`)).slice(0, 20),
      );
    }
    if (specLedger.misses.length) {
      problems.push(
        'Requests the cloud would refuse (add the documented entry with its source, or fix the client):',
        ...unique(specLedger.misses.map(describeMiss)).slice(0, 30),
      );
    }
    if (specLedger.badAnswers.length) {
      problems.push(
        'Simulator answers the spec does not document:',
        ...unique(specLedger.badAnswers.map(describeMiss)).slice(0, 30),
      );
    }
    if (problems.length) throw new Error(`spec coverage:\n${problems.join('\n')}`);
  },
};
