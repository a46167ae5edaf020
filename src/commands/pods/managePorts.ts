import * as vscode from 'vscode';
import { allowsPorts } from '../../core/capabilities';
import { displayText } from '../../core/displayText';
import { CancelledError } from '../../core/errors';
import type { PortSpec } from '../../core/provider';
import { isValidPort } from '../../core/sshCommand';
import { inputOne } from '../../ui/pickOne';
import { pickPod } from '../pickTarget';
import type { Services } from '../services';

/** "8080/http, 6006/tcp" → specs, or the reason it is not valid. */
export function parsePortList(text: string, max: number): PortSpec[] | string {
  const specs: PortSpec[] = [];
  for (const part of text.split(/[\s,]+/).filter(Boolean)) {
    const m = /^(\d{1,5})(?:\/(tcp|http))?$/i.exec(part);
    if (!m || !isValidPort(Number(m[1]))) return vscode.l10n.t('"{0}" is not a port like 8080/http or 6006/tcp.', part);
    if (Number(m[1]) === 22) return vscode.l10n.t('Port 22 is SSH; it is always exposed.');
    if (specs.some((s) => s.port === Number(m[1]))) return vscode.l10n.t('Port {0} is listed twice.', m[1]);
    specs.push({ port: Number(m[1]), protocol: (m[2]?.toLowerCase() as 'tcp' | 'http') ?? 'http' });
  }
  return specs.length > max ? vscode.l10n.t('At most {0} ports.', max) : specs;
}

/** Replace a pod's custom ports (GPUGeek set_port, Novita edit), waiting for the cloud to apply them. */
export async function managePorts(services: Services, arg?: unknown): Promise<void> {
  const target = await pickPod(
    services,
    arg,
    (pod, caps) => allowsPorts(caps, pod),
    vscode.l10n.t('Manage the ports of which pod?'),
  );
  const ops = target.provider.ports;
  if (!ops) throw new CancelledError();
  const current = target.pod.ports
    .filter((p) => p.port !== 22 && (p.protocol === 'http' || p.protocol === 'tcp'))
    .map((p) => `${p.port}/${p.protocol}`)
    .join(', ');
  const text = await inputOne(services.ui, {
    id: 'ports',
    title: vscode.l10n.t('Ports of "{0}"', displayText(target.pod.name || target.pod.id)),
    prompt: vscode.l10n.t(
      'Ports to expose, e.g. 8080/http, 6006/tcp (at most {0}); this replaces the current list. Empty removes them all.',
      ops.max,
    ),
    value: current,
    validate: (v) => {
      const r = parsePortList(v, ops.max);
      return typeof r === 'string' ? r : undefined;
    },
  });
  const ports = parsePortList(text, ops.max) as PortSpec[];
  await vscode.window.withProgress(
    {
      location: vscode.ProgressLocation.Notification,
      title: vscode.l10n.t('Updating the ports of "{0}"', displayText(target.pod.name || target.pod.id)),
      cancellable: true,
    },
    async (progress, token) => {
      const abort = new AbortController();
      token.onCancellationRequested(() => abort.abort());
      await ops.set(target.pod.id, ports, {
        signal: abort.signal,
        onProgress: (message) => progress.report({ message: displayText(message) }),
      });
    },
  );
  await services.data.refresh(target.account.id);
}
