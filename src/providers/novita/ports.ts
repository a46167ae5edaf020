import { l10n } from '../../core/l10n';
/**
 * Novita takes exposed ports as one string, "8080/tcp,8081/http". We check it before the create so the user
 * fixes it in the wizard instead of reading VALIDATOR_PARAM afterwards.
 */
export interface PortSpec {
  port: number;
  type: 'tcp' | 'http';
}

/** Novita keeps these for its own SSH/web terminal plumbing. */
export const RESERVED_PORTS = [2222, 2223, 2224];
/** Ports plus built-in tools (Jupyter) may not exceed this. */
export const MAX_PORTS = 15;
export const JUPYTER_PORT = 8888;

export type PortParse = { ok: true; ports: PortSpec[] } | { ok: false; error: string };

export function parsePorts(text: string, toolPorts: number[] = []): PortParse {
  const ports: PortSpec[] = [];
  const seen = new Set<number>(toolPorts);
  const parts = text
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p !== '');
  for (const part of parts) {
    const m = /^(\d{1,5})(?:\/(tcp|http))?$/i.exec(part);
    if (!m) return { ok: false, error: l10n.t('"{0}" is not a port like 8080/tcp or 8081/http.', part.slice(0, 20)) };
    const port = Number(m[1]);
    if (port < 1 || port > 65535) return { ok: false, error: l10n.t('{0} is not a valid port (1–65535).', port) };
    if (RESERVED_PORTS.includes(port))
      return { ok: false, error: l10n.t('Port {0} is reserved by Novita (2222–2224).', port) };
    if (seen.has(port)) {
      const why = toolPorts.includes(port) ? l10n.t(' (used by Jupyter)') : '';
      return { ok: false, error: l10n.t('Port {0} is listed twice{1}.', port, why) };
    }
    seen.add(port);
    ports.push({ port, type: (m[2]?.toLowerCase() ?? 'tcp') as PortSpec['type'] });
  }
  if (ports.length + toolPorts.length > MAX_PORTS) {
    return {
      ok: false,
      error: l10n.t('At most {0} ports including Jupyter; {1} given.', MAX_PORTS, ports.length + toolPorts.length),
    };
  }
  return { ok: true, ports };
}

export function formatPorts(ports: PortSpec[]): string {
  return ports.map((p) => `${p.port}/${p.type}`).join(',');
}
