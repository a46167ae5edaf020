/**
 * A list loaded once and shared by every caller until `forget()`; a failed load is not kept, so the next
 * call asks again (a wizard's Back must not be stuck on one network error).
 */
export class CachedLoad<T> {
  private promise?: Promise<T>;

  constructor(private readonly load: (signal?: AbortSignal) => Promise<T>) {}

  get(signal?: AbortSignal): Promise<T> {
    this.promise ??= this.load(signal).catch((e: unknown) => {
      this.promise = undefined;
      throw e;
    });
    return this.promise;
  }

  forget(): void {
    this.promise = undefined;
  }
}
