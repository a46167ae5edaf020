import type { SecretRedactor } from './secretRedactor';

/**
 * The same object, except that every error its methods throw or reject with has the account's secret values
 * scrubbed first. HttpClient scrubs the errors it raises; a provider also builds errors from answers it has
 * read (an HTTP 200 envelope whose message quotes the pod password), and those must not reach a toast either.
 * Plain objects handed out by a method (a create form with its callbacks) are wrapped the same way; data
 * (pods, offers, arrays) passes through untouched.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- wraps whatever methods the target has
type AnyFunction = (...args: any[]) => unknown;

export function scrubbingErrors<T extends object>(target: T, secrets: SecretRedactor): T {
  const proxies = new WeakMap<object, object>();
  const wrappers = new WeakMap<object, Map<PropertyKey, { fn: AnyFunction; wrapper: AnyFunction }>>();

  const scrubbed = (e: unknown): never => {
    throw secrets.scrubError(e);
  };
  const outcome = (result: unknown): unknown => {
    if (result instanceof Promise) return result.then(wrapObject, scrubbed);
    return wrapObject(result);
  };
  function wrapObject(value: unknown): unknown {
    if (!hasCallbacks(value)) return value;
    let proxy = proxies.get(value);
    if (!proxy) {
      proxy = new Proxy(value, { get: (obj, prop) => member(obj, prop) });
      proxies.set(value, proxy);
    }
    return proxy;
  }
  function member(obj: object, prop: PropertyKey): unknown {
    const value: unknown = Reflect.get(obj, prop, obj);
    const own = Object.getOwnPropertyDescriptor(obj, prop);
    if (own && !own.configurable && !own.writable) return value; // a proxy must hand frozen members out as they are
    if (typeof value !== 'function') return wrapObject(value);
    let byProp = wrappers.get(obj);
    if (!byProp) wrappers.set(obj, (byProp = new Map()));
    const known = byProp.get(prop);
    if (known?.fn === value) return known.wrapper;
    const fn = value as (...args: unknown[]) => unknown;
    const wrapper = (...args: unknown[]) => {
      try {
        return outcome(fn.apply(obj, args));
      } catch (e) {
        return scrubbed(e);
      }
    };
    byProp.set(prop, { fn, wrapper });
    return wrapper;
  }
  return wrapObject(target) as T;
}

/** A plain object (not data like a Pod, not an array or class instance) with at least one function on it. */
function hasCallbacks(value: unknown, depth = 0): value is object {
  if (depth > 3 || value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return false;
  return Object.values(value).some((v) => typeof v === 'function' || hasCallbacks(v, depth + 1));
}
