/**
 * Jupyter addresses come from clouds, so they are untrusted: only http(s) is accepted, and credentials
 * are applied by us, not taken from the URL as given.
 */

/** The server's root from the URL a cloud gives (often the `/lab` or `/tree` page), without query or hash. */
export function jupyterServerRoot(text: string): URL | undefined {
  const url = httpUrl(text);
  if (!url) return undefined;
  url.search = '';
  url.hash = '';
  url.pathname = url.pathname.replace(/\/(lab|tree)(\/.*)?$/, '/').replace(/\/?$/, '/');
  return url;
}

/** The page to open: the cloud's URL with `token` set (replacing any token it carried). */
export function jupyterOpenUrl(text: string, token: string | undefined): URL | undefined {
  const url = httpUrl(text);
  if (!url) return undefined;
  if (token) url.searchParams.set('token', token);
  return url;
}

function httpUrl(text: string): URL | undefined {
  try {
    const url = new URL(text);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined;
    if (url.username || url.password) return undefined;
    return url;
  } catch {
    return undefined;
  }
}
