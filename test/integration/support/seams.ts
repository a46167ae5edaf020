/**
 * A seam the test entry gives GPU Pods at construction (`Seams` in src/gpuPods.ts): it answers as the real
 * thing it wraps until a suite hands it a stand-in (scripted prompts, a recording workbench), and again after
 * `reset()`. The suites change what the seam delegates to, never a field of the built services.
 */
export class Swappable<T extends object> {
  private standIn?: T;

  /** What GPU Pods is built with: every call goes to the stand-in if one is set, else to `real`. */
  readonly wrap = (real: T): T =>
    new Proxy(real, {
      get: (_target, key) => {
        const to = this.standIn ?? real;
        const value: unknown = Reflect.get(to, key, to);
        return typeof value === 'function' ? value.bind(to) : value;
      },
    });

  use(standIn: T): void {
    this.standIn = standIn;
  }

  reset(): void {
    this.standIn = undefined;
  }
}
